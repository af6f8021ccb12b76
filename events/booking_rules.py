"""Pure booking rules: no database, no clock of their own, unit-tested directly."""

from datetime import datetime, timedelta
from enum import StrEnum


class Window(StrEnum):
    NOT_OPEN = "not_open"
    OPEN = "open"
    CLOSED = "closed"


def places_left(*, places: int, confirmed_seats: int) -> int:
    """Never negative, even when staff lower the places below what is booked."""
    return max(places - confirmed_seats, 0)


def fits(*, seats: int, places: int, confirmed_seats: int) -> bool:
    return seats <= places_left(places=places, confirmed_seats=confirmed_seats)


def booking_window(
    *,
    now: datetime,
    session_start: datetime,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
) -> Window:
    """Bookings open at ``opens_at`` (or at once) and close at ``closes_at`` or at the
    session's start, whichever comes first."""
    if opens_at is not None and now < opens_at:
        return Window.NOT_OPEN
    close = min(closes_at, session_start) if closes_at is not None else session_start
    return Window.OPEN if now < close else Window.CLOSED


def promotion_allowed(*, now: datetime, session_start: datetime, cutoff: timedelta) -> bool:
    """Nobody is promoted from the waitlist once the session is this close."""
    return now < session_start - cutoff


def promotable(waitlist: list[tuple[int, int]], *, places: int, confirmed_seats: int) -> list[int]:
    """Ids of (id, seats) waitlisted requests to confirm, strictly in order: the first
    request that does not fit stops promotion, so nobody is overtaken by a smaller one."""
    left = places_left(places=places, confirmed_seats=confirmed_seats)
    chosen = []
    for pk, seats in waitlist:
        if seats > left:
            break
        chosen.append(pk)
        left -= seats
    return chosen
