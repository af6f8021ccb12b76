"""Booking services: places, waitlist, duplicates, window, promotion, emails."""

from datetime import timedelta

import pytest
import time_machine
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from events.bookings import Booking
from events.calendar import session_uid
from events.exceptions import (
    AlreadyBooked,
    BookingClosed,
    BookingNotActive,
    BookingNotOpen,
    InvalidSeats,
    SessionNotBookable,
    TermsNotAccepted,
)
from events.models import ScreeningPage, Session
from events.selectors import (
    booking_by_token,
    places_left_by_session,
    waitlist_position,
    waits_for_wheelchair_place,
)
from events.services import (
    booking_cancel,
    booking_create,
    booking_reduce_seats,
    booking_resend_confirmation,
    booking_revoke_token,
    waitlist_promote,
)
from tests.conftest import paris, publish_translation
from tests.events.factories import BookingFactory, screening_with_one_session

START = paris(2026, 12, 2, 20)


@pytest.fixture
def screening(shared_site, frozen_now):
    return screening_with_one_session(shared_site, start=START)


@pytest.fixture
def session(screening):
    return screening.get_sessions().get()


def book(session, email="ana@example.org", seats=1, **kwargs):
    defaults = {
        "first_name": "Ana",
        "last_name": "Ruiz",
        "language": "fr",
        "terms_accepted": True,
    }
    return booking_create(session=session, email=email, seats=seats, **{**defaults, **kwargs})


def fill(session):
    """Book all five places; the first booking (four seats) is returned."""
    first = book(session, email="first@example.org", seats=4)
    book(session, email="second@example.org", seats=1)
    return first


def test_a_request_that_fits_is_confirmed(screening, session):
    ScreeningPage.objects.filter(pk=screening.pk).update(wheelchair_places=1)
    booking = book(session, email="  Ana@Example.org ", seats=2, wheelchair=True)

    assert booking.status == Booking.Status.CONFIRMED
    assert booking.confirmed_at is not None
    assert booking.email == "Ana@Example.org"
    assert booking.email_key == "ana@example.org"
    assert booking.wheelchair and booking.language == "fr"
    assert len(booking.manage_token) >= 32
    assert places_left_by_session(session_ids=[session.pk]) == {session.pk: 3}


def test_a_request_that_does_not_fit_joins_the_waitlist_with_its_position(session):
    book(session, email="a@example.org", seats=4)
    first = book(session, email="b@example.org", seats=2)
    second = book(session, email="c@example.org", seats=1)

    assert first.status == second.status == Booking.Status.WAITLISTED
    assert waitlist_position(booking=first) == 1
    assert waitlist_position(booking=second) == 2


def test_nobody_overtakes_the_waitlist_even_with_a_smaller_request(session):
    book(session, email="a@example.org", seats=4)
    book(session, email="b@example.org", seats=2)  # waits: one place left

    later = book(session, email="c@example.org", seats=1)

    assert later.status == Booking.Status.WAITLISTED


def test_the_same_email_cannot_book_the_same_session_twice(session):
    first = book(session, email="ana@example.org")

    with pytest.raises(AlreadyBooked) as caught:
        book(session, email="  ANA@example.ORG")

    assert caught.value.booking == first
    assert Booking.objects.filter(session=session).count() == 1


def test_a_waitlisted_email_is_also_already_booked(session):
    book(session, email="a@example.org", seats=4)
    book(session, email="b@example.org", seats=4)
    with pytest.raises(AlreadyBooked):
        book(session, email="b@example.org", seats=1)


def test_after_cancelling_the_same_email_can_book_again(session):
    first = book(session)
    booking_cancel(booking=first)

    again = book(session)

    assert again.status == Booking.Status.CONFIRMED


def test_the_database_refuses_two_active_bookings_for_one_email(session):
    BookingFactory(session=session, email="ana@example.org")
    with pytest.raises(IntegrityError):
        BookingFactory(session=session, email="ANA@example.org ")


@pytest.mark.parametrize("seats", [0, 5, -1])
def test_seats_must_be_between_one_and_the_page_maximum(session, seats):
    with pytest.raises(InvalidSeats):
        book(session, seats=seats)


def test_the_page_sets_the_maximum_seats_per_booking(screening, session):
    screening.booking_max_seats = 2
    screening.save()
    with pytest.raises(InvalidSeats):
        book(session, seats=3)
    assert book(session, seats=2).status == Booking.Status.CONFIRMED


def test_terms_must_be_accepted(session):
    with pytest.raises(TermsNotAccepted):
        book(session, terms_accepted=False)
    assert not Booking.objects.exists()


def test_bookings_close_at_the_start(session):
    with time_machine.travel(START, tick=False), pytest.raises(BookingClosed):
        book(session)


def test_bookings_follow_the_page_opening_and_closing_times(screening, session, frozen_now):
    screening.bookings_open_at = frozen_now + timedelta(days=1)
    screening.save()
    with pytest.raises(BookingNotOpen):
        book(session)

    screening.bookings_open_at = None
    screening.bookings_close_at = frozen_now - timedelta(minutes=1)
    screening.save()
    with pytest.raises(BookingClosed):
        book(session)


def test_a_cancelled_session_cannot_be_booked(session):
    Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)
    with pytest.raises(SessionNotBookable):
        book(session)


def test_cancelling_promotes_the_waitlist_in_order_while_requests_fit(session):
    confirmed = book(session, email="a@example.org", seats=4)
    book(session, email="b@example.org", seats=1)
    waiting = [
        book(session, email=email, seats=seats)
        for email, seats in [("c@example.org", 2), ("d@example.org", 2), ("e@example.org", 3)]
    ]

    booking_cancel(booking=confirmed)

    # 4 seats freed: c (2) and d (2) fit; e (3) waits, now first in line.
    waiting = [Booking.objects.get(pk=b.pk) for b in waiting]
    assert [b.status for b in waiting] == ["confirmed", "confirmed", "waitlisted"]
    assert waitlist_position(booking=waiting[2]) == 1


def test_cancelling_twice_does_no_harm(session):
    booking = book(session)
    booking_cancel(booking=booking)
    again = booking_cancel(booking=booking)
    assert again.status == Booking.Status.CANCELLED


def test_cancelling_after_the_start_is_refused(session):
    booking = book(session)
    with time_machine.travel(START, tick=False), pytest.raises(BookingClosed):
        booking_cancel(booking=booking)


def test_giving_back_seats_promotes_the_waitlist(session):
    big = book(session, email="a@example.org", seats=4)
    book(session, email="b@example.org", seats=1)
    waiting = book(session, email="c@example.org", seats=2)

    booking_reduce_seats(booking=big, seats=2)

    assert Booking.objects.get(pk=big.pk).seats == 2
    assert Booking.objects.get(pk=waiting.pk).status == Booking.Status.CONFIRMED


@pytest.mark.parametrize("seats", [0, 3, 4])
def test_giving_back_seats_needs_fewer_seats_than_booked(session, seats):
    booking = book(session, seats=3)
    with pytest.raises(InvalidSeats):
        booking_reduce_seats(booking=booking, seats=seats)


def test_a_cancelled_booking_cannot_give_back_seats(session):
    booking = book(session, seats=3)
    booking_cancel(booking=booking)
    with pytest.raises(BookingNotActive):
        booking_reduce_seats(booking=booking, seats=1)


def test_no_promotion_within_the_cutoff_before_the_start(session):
    confirmed = fill(session)
    waiting = book(session, email="b@example.org", seats=1)

    with time_machine.travel(START - timedelta(hours=1), tick=False):
        booking_cancel(booking=confirmed)

    assert Booking.objects.get(pk=waiting.pk).status == Booking.Status.WAITLISTED


def test_the_cutoff_is_a_setting(session, settings):
    settings.BOOKING_PROMOTION_CUTOFF_HOURS = 0
    confirmed = fill(session)
    waiting = book(session, email="b@example.org", seats=1)

    with time_machine.travel(START - timedelta(hours=1), tick=False):
        booking_cancel(booking=confirmed)

    assert Booking.objects.get(pk=waiting.pk).status == Booking.Status.CONFIRMED


def test_staff_raising_the_places_promotes_the_waitlist(
    session, django_capture_on_commit_callbacks
):
    book(session, email="a@example.org", seats=4)
    waiting = book(session, email="b@example.org", seats=3)

    with django_capture_on_commit_callbacks(execute=True):
        session.places = 7
        session.save()

    assert Booking.objects.get(pk=waiting.pk).status == Booking.Status.CONFIRMED


def test_promotion_does_nothing_for_a_cancelled_session(session):
    fill(session)
    waiting = book(session, email="b@example.org", seats=1)
    Session.objects.filter(pk=session.pk).update(places=10, status=Session.Status.CANCELLED)

    assert waitlist_promote(session=session) == []
    assert Booking.objects.get(pk=waiting.pk).status == Booking.Status.WAITLISTED


def test_revoking_the_token_stops_the_old_link(session):
    booking = book(session)
    old = booking.manage_token

    booking_revoke_token(booking=booking)

    assert booking_by_token(token=old) is None
    assert booking_by_token(token=booking.manage_token) == booking


def test_unknown_or_oversized_tokens_find_nothing(session):
    book(session)
    assert booking_by_token(token="nope") is None
    assert booking_by_token(token="x" * 500) is None


# Emails


def test_confirmation_is_sent_after_commit_only(
    session, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        book(session)
    assert mailoutbox == []
    for callback in callbacks:
        callback()
    assert len(mailoutbox) == 1


def test_confirmation_email_in_french_with_ics_and_manage_link(
    session, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(session, email="ana@example.org", seats=2)

    (message,) = mailoutbox
    assert message.to == ["ana@example.org"]
    assert "Les Ouvrières" in message.subject
    assert "mercredi 2 décembre à 20 h" in message.subject
    assert "Votre réservation est confirmée : 2 places gratuites" in message.body
    assert "Quand : mercredi 2 décembre à 20 h" in message.body
    assert "Où : Salle Jean Vigo, 12 rue des Rosiers" in message.body
    assert f"/booking/{booking.manage_token}/" in message.body
    assert "/en/booking/" not in message.body
    (name, content, mimetype) = message.attachments[0]
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    (ics_part,) = [
        part for part in message.message().walk() if part.get_content_type() == "text/calendar"
    ]
    assert ics_part["Content-Type"].count("charset") == 1
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert str(event["UID"]) == session_uid(session)
    assert event["DTSTART"].dt == START


def test_confirmation_email_in_english_for_a_booking_made_in_english(
    screening, session, mailoutbox, django_capture_on_commit_callbacks
):
    publish_translation(screening, title="The Workers")
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(session, language="en")

    (message,) = mailoutbox
    assert "The Workers" in message.subject
    assert "Wednesday 2 December, 8 pm" in message.subject
    assert "Your booking is confirmed" in message.body
    assert f"/en/booking/{booking.manage_token}/" in message.body


def test_waitlisted_email_gives_the_position_and_no_calendar_file(
    session, mailoutbox, django_capture_on_commit_callbacks
):
    fill(session)
    with django_capture_on_commit_callbacks(execute=True):
        book(session, email="b@example.org", language="en")

    (message,) = mailoutbox
    assert "position 1" in message.body
    assert message.attachments == []


def test_promoted_person_is_emailed(session, mailoutbox, django_capture_on_commit_callbacks):
    confirmed = fill(session)
    book(session, email="b@example.org", language="en")

    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=confirmed)

    by_address = {message.to[0]: message for message in mailoutbox}
    assert sorted(by_address) == ["b@example.org", "first@example.org"]
    assert "Your booking is confirmed" in by_address["b@example.org"].body


def test_a_failing_mail_server_does_not_fail_the_booking(
    session, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(self, *args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        booking = book(session)

    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED


def test_resending_goes_to_the_booked_address_only(
    session, mailoutbox, django_capture_on_commit_callbacks
):
    book(session, email="Ana@Example.org")
    with django_capture_on_commit_callbacks(execute=True):
        assert booking_resend_confirmation(session=session, email="ana@example.org ")
        assert not booking_resend_confirmation(session=session, email="other@example.org")

    assert [m.to for m in mailoutbox] == [["Ana@Example.org"]]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's locking only")
def test_sqlite_transactions_take_the_write_lock_when_they_begin():
    # SQLite has no row locks: IMMEDIATE transactions serialise writers instead.
    assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_a_wheelchair_request_when_none_is_left_waits_while_seats_still_go(
    screening, session, mailoutbox, django_capture_on_commit_callbacks
):
    ScreeningPage.objects.filter(pk=screening.pk).update(wheelchair_places=1)
    first = book(session, email="a@example.org", wheelchair=True)

    with django_capture_on_commit_callbacks(execute=True):
        second = book(session, email="b@example.org", wheelchair=True, language="en")
    seat_only = book(session, email="c@example.org", seats=2)

    assert first.status == Booking.Status.CONFIRMED
    assert second.status == Booking.Status.WAITLISTED
    assert waits_for_wheelchair_place(booking=second)
    assert seat_only.status == Booking.Status.CONFIRMED
    (message,) = mailoutbox
    assert "No wheelchair place is left at Les Ouvrières on this date" in message.body
    assert "in position 1" in message.body


def test_a_freed_wheelchair_place_goes_to_the_first_wheelchair_request_in_line(screening, session):
    ScreeningPage.objects.filter(pk=screening.pk).update(wheelchair_places=1)
    holder = book(session, email="a@example.org", wheelchair=True)
    first = book(session, email="b@example.org", wheelchair=True)
    second = book(session, email="c@example.org", wheelchair=True)

    booking_cancel(booking=holder)

    assert Booking.objects.get(pk=first.pk).status == Booking.Status.CONFIRMED
    assert Booking.objects.get(pk=second.pk).status == Booking.Status.WAITLISTED
    # Seats alone are no wheelchair place: giving back seats promotes nobody.
    Booking.objects.filter(pk=first.pk).update(seats=1)
    extra = book(session, email="d@example.org", seats=3)
    booking_reduce_seats(booking=extra, seats=1)
    assert Booking.objects.get(pk=second.pk).status == Booking.Status.WAITLISTED


def test_the_wheelchair_place_is_claimed_with_the_seats_in_one_update(screening, session):
    """Seats and wheelchair place are claimed by the one conditional UPDATE of the session
    (the database re-checks it on the row it locks): no separate, unlocked count."""
    ScreeningPage.objects.filter(pk=screening.pk).update(wheelchair_places=1)
    with CaptureQueriesContext(connection) as queries:
        book(session, email="a@example.org", wheelchair=True)

    sql = [q["sql"] for q in queries.captured_queries]
    claims = [q for q in sql if q.startswith('UPDATE "events_session"')]
    assert len(claims) == 1
    assert '"booked_wheelchair" <' in claims[0] and '"waiting" = 0' in claims[0]
    assert not [q for q in sql if 'FROM "events_booking"' in q and "COUNT(" in q.upper()]
