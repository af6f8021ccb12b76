"""A rush on the last places of a series: concurrent registrations never confirm more
children than the series has places. Needs PostgreSQL (real row locks, one connection
per thread), like ``tests/events/test_booking_concurrency.py``; CI runs it there."""

import threading
from datetime import date, timedelta

import pytest
from django.db import connections
from django.utils import timezone

from events import engine
from tests.concurrency import POSTGRES_ONLY, RaceWindow
from tests.conftest import build_bilingual_site
from tests.events.factories import SessionFactory
from tests.workshops.factories import RegistrationFactory, WorkshopPageFactory
from workshops import selectors, services
from workshops.registrations import Registration

THREADS = 40
SERIES_PLACES = (12, 10, 15)  # the series has 10 places
ALREADY_REGISTERED = 7
pytestmark = POSTGRES_ONLY


@pytest.fixture
def last_places(media_root, monkeypatch):
    site = build_bilingual_site()
    page = WorkshopPageFactory(parent=site.programme, is_series=True, age_min=9, age_max=13)
    start = timezone.now() + timedelta(days=7)
    sessions = [
        SessionFactory(page=page, venue=site.venue, places=places, start=start + timedelta(weeks=n))
        for n, places in enumerate(SERIES_PLACES)
    ]
    for _n in range(ALREADY_REGISTERED):
        RegistrationFactory(session=sessions[0], covers_series=True)

    monkeypatch.setattr("events.engine.send_later", lambda *args, **kwargs: None)
    return page


def rush(workshop, *, same_child: bool = False) -> list[Exception]:
    barrier = threading.Barrier(THREADS)
    errors: list[Exception] = []

    def register(n):
        try:
            barrier.wait(timeout=60)
            services.registration_create(
                workshop=workshop,
                child_first_name="Lou" if same_child else f"Child{n}",
                child_birth_date=date(2016, 5, 1),
                guardian_first_name="Rush",
                guardian_last_name=str(n),
                email="parent@example.org" if same_child else f"rush{n}@example.org",
                phone="06 12 34 56 78",
                language="fr",
                participation_consent=True,
            )
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def confirmed(workshop) -> int:
    return Registration.objects.filter(workshop=workshop, status="confirmed").count()


def test_a_rush_on_the_last_places_of_a_series_confirms_exactly_the_places(
    last_places, monkeypatch
):
    window = RaceWindow("registration").install(monkeypatch)

    errors = rush(last_places)

    assert errors == []
    # Every registration passed the window between counting and writing, one at a time.
    assert (window.calls, window.most_inside) == (THREADS, 1)
    assert confirmed(last_places) == min(SERIES_PLACES)
    waitlisted = Registration.objects.filter(workshop=last_places, status="waitlisted")
    assert waitlisted.count() == THREADS - (min(SERIES_PLACES) - ALREADY_REGISTERED)
    positions = sorted(selectors.waitlist_position(registration=r) for r in waitlisted)
    assert positions == list(range(1, waitlisted.count() + 1))


def test_control_without_the_lock_the_same_rush_overfills(last_places, monkeypatch):
    """Proves the test above can fail: the same code path, minus the row locks (and the
    places version written under them). Every registration is held between counting and
    writing until all have counted: each confirms on the same count, every run."""
    monkeypatch.setattr(
        engine, "lock", lambda kind, key, **kwargs: list(kind.capacity(key).order_by("pk"))
    )
    window = RaceWindow("registration", hold_together=THREADS).install(monkeypatch)

    errors = rush(last_places)

    assert errors == []
    assert window.calls == window.most_inside == THREADS
    assert confirmed(last_places) == ALREADY_REGISTERED + THREADS > min(SERIES_PLACES)


def test_the_same_child_posted_many_times_at_once_is_registered_once(last_places):
    errors = rush(last_places, same_child=True)

    assert len(errors) == THREADS - 1
    assert {type(error).__name__ for error in errors} == {"AlreadyRegistered"}
    assert Registration.objects.filter(email_key="parent@example.org").count() == 1
