"""The pure booking rules: places left, fitting, the booking window, promotion."""

from datetime import timedelta

from events.booking_rules import (
    Window,
    booking_window,
    fits,
    places_left,
    promotable,
    promotion_allowed,
)
from tests.conftest import paris

START = paris(2026, 12, 2, 20)


def test_places_left_is_places_minus_confirmed_seats():
    assert places_left(places=80, confirmed_seats=77) == 3


def test_places_left_is_never_negative_when_staff_lower_the_places():
    assert places_left(places=10, confirmed_seats=12) == 0


def test_a_request_fits_exactly_the_last_places_and_not_one_more():
    assert fits(seats=3, places=80, confirmed_seats=77)
    assert not fits(seats=4, places=80, confirmed_seats=77)


def test_bookings_close_at_the_start_by_default():
    assert booking_window(now=START - timedelta(seconds=1), session_start=START) == Window.OPEN
    assert booking_window(now=START, session_start=START) == Window.CLOSED


def test_bookings_are_not_open_before_the_opening_time():
    opens = paris(2026, 11, 25, 12)
    window = booking_window(now=opens - timedelta(minutes=1), session_start=START, opens_at=opens)
    assert window == Window.NOT_OPEN
    assert booking_window(now=opens, session_start=START, opens_at=opens) == Window.OPEN


def test_an_earlier_closing_time_closes_bookings_before_the_start():
    closes = START - timedelta(hours=4)
    assert booking_window(now=closes, session_start=START, closes_at=closes) == Window.CLOSED


def test_a_closing_time_after_the_start_still_closes_at_the_start():
    later = START + timedelta(days=1)
    assert booking_window(now=START, session_start=START, closes_at=later) == Window.CLOSED


def test_no_promotion_within_the_cutoff_before_the_start():
    cutoff = timedelta(hours=2)
    assert promotion_allowed(now=START - timedelta(hours=3), session_start=START, cutoff=cutoff)
    assert not promotion_allowed(now=START - timedelta(hours=2), session_start=START, cutoff=cutoff)


def test_promotion_confirms_in_order_while_requests_fit():
    waitlist = [(1, 2), (2, 1), (3, 2)]
    assert promotable(waitlist, places=10, confirmed_seats=7) == [1, 2]


def test_promotion_stops_at_the_first_request_that_does_not_fit():
    # Nobody overtakes: 3 waits for 4 seats, so 2 (one seat) waits too.
    assert promotable([(3, 4), (2, 1)], places=10, confirmed_seats=7) == []
