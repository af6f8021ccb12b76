"""The pure booking rules: places left, fitting, the booking window, promotion."""

from datetime import timedelta

from events.booking_rules import (
    Window,
    booking_window,
    confirms_at_once,
    fits,
    places_left,
    promotable,
    promotion_allowed,
    wheelchair_left,
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


def test_wheelchair_places_left_never_negative():
    assert wheelchair_left(wheelchair_places=2, confirmed_wheelchair=1) == 1
    assert wheelchair_left(wheelchair_places=2, confirmed_wheelchair=3) == 0


def test_a_wheelchair_request_waits_when_no_wheelchair_place_is_left_though_seats_are():
    def new(seats, wheelchair, **taken):
        return confirms_at_once(
            waitlist=[],
            seats=seats,
            wheelchair=wheelchair,
            places=10,
            wheelchair_places=2,
            **{"confirmed_seats": 4, "confirmed_wheelchair": 0, **taken},
        )

    assert new(2, True)
    assert not new(2, True, confirmed_wheelchair=2)
    assert new(2, False, confirmed_wheelchair=2)  # a seat only needs no wheelchair place
    assert not new(7, False)  # seats still count


def test_without_counted_wheelchair_places_a_wheelchair_request_is_a_seat_request():
    assert confirms_at_once(waitlist=[], seats=1, wheelchair=True, places=10, confirmed_seats=0)


def test_nobody_overtakes_a_wheelchair_request_for_the_wheelchair_place():
    waitlist = [(1, 1, True), (2, 2, True), (3, 1, False)]
    kwargs = {"places": 10, "confirmed_seats": 6, "wheelchair_places": 2}

    # No wheelchair place: both wheelchair requests keep waiting, the seat request goes.
    assert promotable(waitlist, confirmed_wheelchair=2, **kwargs) == [3]
    # One frees up: the first wheelchair request gets it, not the second.
    assert promotable(waitlist, confirmed_wheelchair=1, **kwargs) == [1, 3]
    # A new wheelchair request waits behind them even when a place is free.
    assert not confirms_at_once(
        waitlist=[(1, 1, True)], seats=1, wheelchair=True, confirmed_wheelchair=1, **kwargs
    )


def test_a_wheelchair_request_waiting_for_seats_still_holds_up_smaller_requests():
    waitlist = [(1, 3, True), (2, 1, False)]

    assert promotable(waitlist, places=10, confirmed_seats=8, wheelchair_places=2) == []
    assert not confirms_at_once(
        waitlist=waitlist, seats=1, places=10, confirmed_seats=8, wheelchair_places=2
    )
