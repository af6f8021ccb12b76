"""The session's booking counters (seats and wheelchair places confirmed, requests
waiting), which the booking claim relies on, always equal a count of the bookings."""

import pytest
from django.db.models import Count, Q, Sum

from events.bookings import Booking
from events.exceptions import AlreadyBooked
from events.models import ScreeningPage, Session
from events.services import (
    booking_cancel,
    booking_create,
    booking_reduce_seats,
    session_cancel,
    waitlist_promote,
)
from tests.conftest import paris
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory

START = paris(2026, 12, 2, 20)


@pytest.fixture
def session(shared_site, frozen_now):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières", slug="ouv")
    ScreeningPage.objects.filter(pk=page.pk).update(wheelchair_places=1)
    return SessionFactory(page=page, start=START, venue=shared_site.venue, places=6)


def book(session, email, seats=1, **kwargs):
    return booking_create(
        session=session,
        first_name="Ana",
        last_name="Ruiz",
        email=email,
        seats=seats,
        language="fr",
        terms_accepted=True,
        **kwargs,
    )


def assert_counters_match_bookings(session):
    bookings = Booking.objects.filter(session=session)
    confirmed = Q(status=Booking.Status.CONFIRMED)
    counted = bookings.aggregate(
        seats=Sum("seats", filter=confirmed, default=0),
        wheelchair=Count("pk", filter=confirmed & Q(wheelchair=True)),
        waiting=Count("pk", filter=Q(status=Booking.Status.WAITLISTED)),
    )
    stored = Session.objects.values("booked_seats", "booked_wheelchair", "waiting").get(
        pk=session.pk
    )
    assert stored == {
        "booked_seats": counted["seats"],
        "booked_wheelchair": counted["wheelchair"],
        "waiting": counted["waiting"],
    }
    return stored


def test_the_counters_equal_the_bookings_after_a_mixed_sequence(
    session, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        ana = book(session, "ana@example.org", seats=2)
        wheel = book(session, "wheel@example.org", wheelchair=True)
        assert assert_counters_match_bookings(session)["booked_seats"] == 3
        with pytest.raises(AlreadyBooked):
            book(session, " ANA@example.org", seats=1)  # the claim is rolled back
        assert_counters_match_bookings(session)

        second_wheel = book(session, "wheel2@example.org", wheelchair=True)
        assert second_wheel.status == Booking.Status.WAITLISTED  # no wheelchair place left
        big = book(session, "big@example.org", seats=3)
        assert big.status == Booking.Status.CONFIRMED  # seat-only: not held up by it
        late = book(session, "late@example.org", seats=2)
        assert late.status == Booking.Status.WAITLISTED
        assert assert_counters_match_bookings(session) == {
            "booked_seats": 6,
            "booked_wheelchair": 1,
            "waiting": 2,
        }

        booking_reduce_seats(booking=ana, seats=1)
        assert_counters_match_bookings(session)
        booking_cancel(booking=wheel)  # frees a seat and the wheelchair place
        assert_counters_match_bookings(session)

        # Staff: more places on the session, a booking edited and one deleted in the
        # admin, a factory row written directly.
        session.refresh_from_db()
        session.places = 9
        session.save()
        waitlist_promote(session=session)
        assert_counters_match_bookings(session)
        big.refresh_from_db()
        big.seats = 1
        big.save()
        assert_counters_match_bookings(session)
        Booking.objects.get(pk=late.pk).delete()
        BookingFactory(session=session, seats=2, email="door@example.org")
        stored = assert_counters_match_bookings(session)

        # A page publish saves its sessions from the revision: the counters stay.
        page = session.page.specific
        page.save_revision().publish()
        assert assert_counters_match_bookings(session) == stored

        session_cancel(session=session)
    assert assert_counters_match_bookings(session) == {
        "booked_seats": 0,
        "booked_wheelchair": 0,
        "waiting": 0,
    }


def test_a_full_session_is_claimed_no_further(session):
    book(session, "a@example.org", seats=4)
    book(session, "b@example.org", seats=2)
    Session.objects.filter(pk=session.pk).update(places=4)  # staff lowered the places

    late = book(session, "c@example.org", seats=1)

    assert late.status == Booking.Status.WAITLISTED
    assert_counters_match_bookings(session)


def test_a_booking_moved_to_another_session_leaves_both_counters_true(session):
    other = SessionFactory(
        page=session.page, start=START.replace(day=9), venue=session.venue, places=6
    )
    booking = book(session, "a@example.org", seats=3)

    moved = Booking.objects.get(pk=booking.pk)
    moved.session = other
    moved.save()

    assert assert_counters_match_bookings(session)["booked_seats"] == 0
    assert assert_counters_match_bookings(other)["booked_seats"] == 3


def test_on_a_full_session_a_request_waits_in_order_and_the_same_email_is_refused(session):
    """The rush's slow path: once the seats do not fit, a request joins the waitlist from
    the counters alone (the lock, the insert, the counter), never a second time for one
    email, and the waitlist keeps its order."""
    book(session, "a@example.org", seats=4)
    book(session, "b@example.org", seats=2)  # full
    first = book(session, "c@example.org", seats=1)

    with pytest.raises(AlreadyBooked):
        book(session, " C@example.org", seats=2)
    second = book(session, "d@example.org", seats=1)

    assert [first.status, second.status] == [Booking.Status.WAITLISTED] * 2
    assert assert_counters_match_bookings(session)["waiting"] == 2
    booking_cancel(booking=Booking.objects.get(email="b@example.org"))
    promoted = Booking.objects.filter(status=Booking.Status.CONFIRMED, seats=1)
    assert list(promoted.values_list("email", flat=True)) == ["c@example.org", "d@example.org"]
    assert_counters_match_bookings(session)
