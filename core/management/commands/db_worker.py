"""``manage.py db_worker``: django-tasks-db's worker, which also takes back the tasks of a
worker that died (``core.task_queue``).

This command replaces django-tasks-db's own of the same name (``home`` comes before
``django_tasks_db`` in INSTALLED_APPS), so the systemd unit, the Procfile and the
tests run it unchanged. It takes stuck tasks back once when it starts (after a crash or
a reboot) and then, while it runs, every ``TASK_TIMEOUT / 4`` seconds (at most a
minute) from a thread of its own: the library's worker loop has no hook for it.
"""

import logging
import threading

from django.conf import settings
from django.db import connections
from django_tasks_db.management.commands import db_worker

from core import task_queue

logger = logging.getLogger("core.task_queue")


def take_back_stuck_tasks() -> None:
    try:
        task_queue.tasks_take_back()
    except Exception:  # a database hiccup must not stop the worker; the next pass retries
        logger.exception("Could not take back the stuck tasks")
    finally:
        connections.close_all()  # this thread's own connections


class TakeBackLoop(threading.Thread):
    """Takes stuck tasks back every ``interval`` seconds, as long as the worker runs."""

    def __init__(self, interval: float):
        super().__init__(name="take-back-stuck-tasks", daemon=True)
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            take_back_stuck_tasks()


class Command(db_worker.Command):
    help = db_worker.Command.help + ", taking back the tasks of workers that died"

    def handle(self, *args, batch: bool, **options) -> None:
        task_queue.tasks_take_back()
        loop = None
        if not batch:
            loop = TakeBackLoop(max(1.0, min(60.0, settings.TASK_TIMEOUT / 4)))
            loop.start()
        try:
            super().handle(*args, batch=batch, **options)
        finally:
            if loop is not None:
                loop.stopped.set()
