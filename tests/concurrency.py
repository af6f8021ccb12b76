"""What the concurrency tests share: they need PostgreSQL (row locks, one connection
per thread) and a real, committed database; and they watch the moment a write has read
the places and not yet written (``core.concurrency``), the race window."""

import threading
import time

import pytest
from django.db import connection

from core import concurrency

POSTGRES_ONLY = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency needs PostgreSQL: set DATABASE_URL=postgres://... (CI does)",
    ),
    # serialized_rollback: the data migrations made is back for the tests that follow.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


class RaceWindow:
    """Stands in for ``core.concurrency.between_read_and_write`` in one scope.

    ``hold_together=n``: every writer waits there until n have arrived, so that without
    the lock all n decide on the same count, every run (with the lock it would wait for
    ever: a control only). Otherwise each writer stays ``pause`` seconds, and the window
    records how many were ever inside at once."""

    def __init__(self, scope: str, *, hold_together: int = 0, pause: float = 0.05):
        self.scope = scope
        self.barrier = threading.Barrier(hold_together) if hold_together else None
        self.pause = pause
        self.calls = 0
        self.inside = 0
        self.most_inside = 0
        self.lock = threading.Lock()

    def __call__(self, scope: str) -> None:
        if scope != self.scope:
            return
        with self.lock:
            self.calls += 1
            self.inside += 1
            self.most_inside = max(self.most_inside, self.inside)
        try:
            if self.barrier is not None:
                self.barrier.wait(timeout=60)
            else:
                time.sleep(self.pause)
        finally:
            with self.lock:
                self.inside -= 1

    def install(self, monkeypatch) -> "RaceWindow":
        monkeypatch.setattr(concurrency, "between_read_and_write", self)
        return self
