"""The reminder job started twice at the same moment (a timer and staff by hand, two
servers): each person is reminded once. Needs PostgreSQL (one connection per thread,
real unique-index waits); CI runs the suite on PostgreSQL, so this runs there."""

import threading
from datetime import timedelta

import pytest
from django.db import connections
from django.utils import timezone

from events import reminders
from events.reminder_records import DayReminder
from tests.concurrency import POSTGRES_ONLY, RaceWindow
from tests.conftest import build_bilingual_site
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory

THREADS = 6
pytestmark = POSTGRES_ONLY


@pytest.fixture
def queued(media_root, monkeypatch):
    """Three confirmed bookings of a session tomorrow; the emails each run queues."""
    site = build_bilingual_site()
    page = ScreeningPageFactory(parent=site.programme)
    session = SessionFactory(
        page=page, venue=site.venue, start=timezone.now() + timedelta(hours=20)
    )
    for n in range(3):
        BookingFactory(session=session, email=f"p{n}@example.org")
    sent: list[dict] = []
    lock = threading.Lock()

    def record(builder, **kwargs):
        with lock:
            sent.append(kwargs)

    monkeypatch.setattr(reminders, "send_later", record)
    return sent


def run_at_once() -> list[Exception]:
    barrier = threading.Barrier(THREADS)
    errors: list[Exception] = []

    def run():
        try:
            barrier.wait(timeout=60)
            reminders.day_reminders_send()
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def test_runs_started_together_remind_each_booking_once(queued, monkeypatch):
    # Every run reads "nobody reminded yet" before any claims: the race is certain.
    window = RaceWindow("day_reminder", hold_together=THREADS).install(monkeypatch)

    errors = run_at_once()

    assert errors == []
    assert window.calls == window.most_inside * 3 == THREADS * 3
    assert len(queued) == 3
    assert len({entry["row_id"] for entry in queued}) == 3
    assert DayReminder.objects.count() == 3


def test_control_without_the_claim_the_same_runs_remind_everyone_several_times(queued, monkeypatch):
    """Proves the test above can fail: the same runs, trusting what they read instead of
    claiming each reminder, queue it once per run."""
    monkeypatch.setattr(reminders, "_claim", lambda **kwargs: True)
    RaceWindow("day_reminder", hold_together=THREADS).install(monkeypatch)

    errors = run_at_once()

    assert errors == []
    assert len(queued) == 3 * THREADS
