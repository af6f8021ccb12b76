"""Public bookings and a group acceptance racing for the last places never hold more
than the session has: the acceptance counts under the session's row lock, which the
bookings' conditional claim waits for. Needs PostgreSQL (real row locks, one
connection per thread)."""

import threading

import pytest

from events import services as booking_services
from events.bookings import Booking
from events.models import Session
from partners import services
from partners.models import GroupRequest
from tests.concurrency import POSTGRES_ONLY
from tests.conftest import build_bilingual_site
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory
from tests.partners import racing
from tests.partners.racing import GroupWindow

PLACES = 80
ALREADY_BOOKED = 70
BOOKERS = 20
GROUP = 8  # people and adults
pytestmark = POSTGRES_ONLY


@pytest.fixture
def last_places(media_root, monkeypatch, settings):
    settings.PARTNER_GROUP_QUOTA = 20
    site = build_bilingual_site()
    page = ScreeningPageFactory(parent=site.programme)
    session = SessionFactory(page=page, venue=site.venue, places=PLACES)
    BookingFactory(session=session, seats=ALREADY_BOOKED, email="many@example.org")
    group = GroupRequest.objects.create(
        session=session,
        organisation_name="Collège",
        contact_name="Mme Diallo",
        email="diallo@example.org",
        phone="0123",
        people=6,
        adults=2,
        language="fr",
    )
    monkeypatch.setattr("events.engine.send_later", lambda *args, **kwargs: None)
    monkeypatch.setattr(services, "queue_group_email", lambda **kwargs: None)
    return session, group


def race(session, group, window: GroupWindow, bookers_done: threading.Event):
    def book(n):
        booking_services.booking_create(
            session=session,
            first_name="Rush",
            last_name=str(n),
            email=f"rush{n}@example.org",
            seats=1,
            language="fr",
            terms_accepted=True,
        )

    return racing.race(group, window, bookers_done, claim=book, n=BOOKERS)


def held(session) -> int:
    confirmed = Booking.objects.filter(session=session, status="confirmed")
    groups = GroupRequest.objects.filter(session=session, status="accepted")
    return sum(b.seats for b in confirmed) + sum(g.size for g in groups)


def test_bookings_and_a_group_racing_for_the_last_places_never_exceed_them(
    last_places, monkeypatch
):
    session, group = last_places
    done = threading.Event()
    window = GroupWindow().install(monkeypatch)

    errors = race(session, group, window, done)

    assert errors == []
    group.refresh_from_db()
    # The group counted first, under the lock: the bookers waited, then took what was left.
    assert group.status == "accepted"
    assert held(session) == PLACES
    assert Session.objects.get(pk=session.pk).booked_seats == PLACES
    confirmed = Booking.objects.filter(session=session, status="confirmed").count()
    assert confirmed == 1 + (PLACES - ALREADY_BOOKED - GROUP)
    assert Booking.objects.filter(session=session, status="waitlisted").count() == (
        BOOKERS - (PLACES - ALREADY_BOOKED - GROUP)
    )


def test_control_without_the_lock_the_same_race_oversells(last_places, monkeypatch):
    """Proves the test above can fail: the acceptance reads the session without its row
    lock and stays between counting and writing until every booker is through; the
    bookers take the last places, then the group is written on its stale count."""
    session, group = last_places
    monkeypatch.setattr(services, "_lock", lambda pk: Session.objects.get(pk=pk))
    done = threading.Event()
    window = GroupWindow(until_done=done).install(monkeypatch)

    errors = race(session, group, window, done)

    assert errors == []
    group.refresh_from_db()
    assert group.status == "accepted"
    assert held(session) == PLACES + GROUP > PLACES
