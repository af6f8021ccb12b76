"""What the partner groups' race tests share: the acceptance's window between counting
and writing, and the race itself (one acceptance against many public requests, each
in a thread of its own with its own connection)."""

import threading
from collections.abc import Callable

from django.db import connections

from partners import services
from tests.concurrency import RaceWindow


class GroupWindow(RaceWindow):
    """The group's window between counting and writing: it tells the others to go,
    then waits for them (``until_done``) or for ``pause`` seconds."""

    def __init__(self, *, until_done: threading.Event | None = None, pause: float = 0.5):
        super().__init__("group", pause=pause)
        self.entered = threading.Event()
        self.until_done = until_done

    def __call__(self, scope):
        if scope != "group":
            return
        self.entered.set()
        if self.until_done is not None:
            self.until_done.wait(timeout=60)
        else:
            super().__call__(scope)


def race(
    group,
    window: GroupWindow,
    others_done: threading.Event,
    *,
    claim: Callable[[int], object],
    n: int,
) -> list[Exception]:
    """Accept ``group`` while ``n`` people each ``claim(i)`` a place once the acceptance
    is inside its window; returns every error raised."""
    errors: list[Exception] = []

    def in_thread(action):
        try:
            action()
        except Exception as error:  # noqa: BLE001 - collected and asserted on by the tests
            errors.append(error)
        finally:
            connections.close_all()

    def claim_after_the_window(i):
        window.entered.wait(timeout=60)
        claim(i)

    people = [
        threading.Thread(target=in_thread, args=(lambda i=i: claim_after_the_window(i),))
        for i in range(n)
    ]
    accepter = threading.Thread(
        target=in_thread, args=(lambda: services.group_accept(group=group),)
    )
    accepter.start()
    for thread in people:
        thread.start()
    for thread in people:
        thread.join(timeout=120)
    others_done.set()
    accepter.join(timeout=120)
    assert not any(t.is_alive() for t in [*people, accepter])
    return errors
