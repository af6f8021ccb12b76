"""A rush on the last seats: concurrent requests never confirm more seats than the
session has. Needs PostgreSQL (real row locks, one connection per thread); CI runs the
suite on PostgreSQL, so this runs there."""

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from events import services
from events.bookings import Booking
from events.exceptions import AlreadyBooked
from events.models import Session
from events.reservations import held_seats
from events.selectors import waitlist_position
from tests.concurrency import POSTGRES_ONLY, RaceWindow
from tests.conftest import build_bilingual_site
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory

THREADS = 60
PLACES = 80
ALREADY_BOOKED = 70
pytestmark = POSTGRES_ONLY


@pytest.fixture
def last_seats(media_root, monkeypatch):
    """A session with 80 places, 70 of them booked."""
    site = build_bilingual_site()
    page = ScreeningPageFactory(parent=site.programme)
    session = SessionFactory(page=page, venue=site.venue, places=PLACES)
    BookingFactory(session=session, seats=ALREADY_BOOKED, email="group@example.org")

    monkeypatch.setattr("events.engine.send_later", lambda *args, **kwargs: None)
    return session


def rush(session: Session, *, same_email: bool = False) -> list[Exception]:
    """THREADS people book one seat each at the same moment, each on its own connection
    (or one person's form posted THREADS times at once, with ``same_email``)."""
    barrier = threading.Barrier(THREADS)
    errors: list[Exception] = []

    def book(n):
        try:
            barrier.wait(timeout=60)
            services.booking_create(
                session=session,
                first_name="Rush",
                last_name=str(n),
                email=" Same@Example.org" if same_email else f"rush{n}@example.org",
                seats=1,
                language="fr",
                terms_accepted=True,
            )
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def confirmed_seats(session) -> int:
    return sum(
        Booking.objects.filter(session=session, status="confirmed").values_list("seats", flat=True)
    )


def test_a_rush_on_the_last_seats_confirms_exactly_the_places(last_seats, monkeypatch):
    window = RaceWindow("booking").install(monkeypatch)

    errors = rush(last_seats)

    assert errors == []
    # Every booking passed the window between counting and writing, one at a time.
    assert (window.calls, window.most_inside) == (THREADS, 1)
    assert confirmed_seats(last_seats) == PLACES
    waitlisted = list(Booking.objects.filter(session=last_seats, status="waitlisted"))
    assert len(waitlisted) == THREADS - (PLACES - ALREADY_BOOKED)
    positions = sorted(waitlist_position(booking=b) for b in waitlisted)
    assert positions == list(range(1, len(waitlisted) + 1))


def claim_on_a_plain_read(*, session, seats, wheelchair, wheelchair_places, now):
    """The claim minus its guarantee: the counters read, the rules applied in Python,
    nothing written and no row locked (a read-then-write claim decides the same way)."""
    row = Session.objects.values("places", "booked_seats", "waiting").get(pk=session.pk)
    if row["waiting"] == 0 and row["booked_seats"] + seats <= row["places"]:
        return row["places"], row["booked_seats"] + seats, 0
    return None


def test_control_without_the_conditional_claim_the_same_rush_oversells(last_seats, monkeypatch):
    """Proves the test above can fail: the same code path, with the seats claimed on a
    plain read instead of the conditional UPDATE (and the slow path without its row
    lock). Every booking is held between deciding and writing until all have decided:
    each confirms on the same count, every run."""
    monkeypatch.setattr(services, "_claim_seats", claim_on_a_plain_read)
    monkeypatch.setattr(
        services,
        "_lock_session",
        lambda pk, **kwargs: Session.objects.annotate(held_seats=held_seats()).get(pk=pk),
    )
    window = RaceWindow("booking", hold_together=THREADS).install(monkeypatch)

    errors = rush(last_seats)

    assert errors == []
    assert window.calls == window.most_inside == THREADS
    assert confirmed_seats(last_seats) == ALREADY_BOOKED + THREADS > PLACES


def test_the_same_form_posted_many_times_at_once_makes_one_booking(last_seats):
    errors = rush(last_seats, same_email=True)

    assert len(errors) == THREADS - 1
    assert all(isinstance(error, AlreadyBooked) for error in errors)
    assert Booking.objects.filter(session=last_seats, email_key="same@example.org").count() == 1


def test_the_claim_and_the_waitlist_are_each_one_conditional_update(last_seats):
    def sql_of_booking(email):
        with CaptureQueriesContext(connection) as queries:
            booking = services.booking_create(
                session=last_seats,
                first_name="Ana",
                last_name="Ruiz",
                email=email,
                seats=4,
                language="fr",
                terms_accepted=True,
            )
        return booking, [q["sql"] for q in queries]

    def session_updates(sql):
        return [q for q in sql if q.startswith('UPDATE "events_session"')]

    booking, claimed = sql_of_booking("ana@example.org")
    assert booking.status == "confirmed"
    claims = session_updates(claimed)
    assert len(claims) == 1 and '"places"' in claims[0]
    assert not [q for q in claimed if "FOR UPDATE" in q]

    sql_of_booking("bob@example.org")  # 78 of 80 taken
    # Does not fit: the claim matches nothing, the waiting counter's UPDATE takes the
    # session's row lock and decides; the session is not locked by a read first.
    booking, waiting = sql_of_booking("late@example.org")
    assert booking.status == "waitlisted"
    claim, join = session_updates(waiting)
    assert '"waiting" = 0' in claim and '"waiting" = "waiting" + 1' in join
    assert not [q for q in waiting if "FOR UPDATE" in q]
    last_seats.refresh_from_db()
    assert (last_seats.booked_seats, last_seats.waiting) == (ALREADY_BOOKED + 8, 1)
