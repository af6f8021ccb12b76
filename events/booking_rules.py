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


def wheelchair_left(*, wheelchair_places: int, confirmed_wheelchair: int) -> int:
    return max(wheelchair_places - confirmed_wheelchair, 0)


# A waiting request: (id, seats) or (id, seats, needs a wheelchair place).
Request = tuple[object, int] | tuple[object, int, bool]


def promotable(
    waitlist: list[Request],
    *,
    places: int,
    confirmed_seats: int,
    wheelchair_places: int | None = None,
    confirmed_wheelchair: int = 0,
) -> list:
    """Ids of waitlisted requests to confirm, strictly in order: the first request whose
    seats do not fit stops promotion, so nobody is overtaken by a smaller one.

    ``wheelchair_places``: ``None`` when the event has no such places to count. A
    request waiting only for a wheelchair place keeps its rank among wheelchair
    requests (none after it goes first) but holds up nobody who needs a seat only:
    otherwise one such request would close the session to everyone.
    """
    left = places_left(places=places, confirmed_seats=confirmed_seats)
    wheel_left = (
        None
        if wheelchair_places is None
        else wheelchair_left(
            wheelchair_places=wheelchair_places, confirmed_wheelchair=confirmed_wheelchair
        )
    )
    chosen = []
    for pk, seats, *needs in waitlist:
        wheelchair = bool(needs and needs[0])
        if seats > left:
            break
        if wheelchair and wheel_left is not None:
            if wheel_left < 1:
                continue
            wheel_left -= 1
        chosen.append(pk)
        left -= seats
    return chosen


def confirms_at_once(
    *,
    waitlist: list[Request],
    seats: int,
    wheelchair: bool = False,
    places: int,
    confirmed_seats: int,
    wheelchair_places: int | None = None,
    confirmed_wheelchair: int = 0,
) -> bool:
    """Whether a new request is confirmed rather than waitlisted: only if the strict
    walk of the waitlist, with the request at its end, would confirm it and nobody
    ahead of it (whoever could go first must, so the request waits)."""
    new = object()
    chosen = promotable(
        [*waitlist, (new, seats, wheelchair)],
        places=places,
        confirmed_seats=confirmed_seats,
        wheelchair_places=wheelchair_places,
        confirmed_wheelchair=confirmed_wheelchair,
    )
    return chosen == [new]
