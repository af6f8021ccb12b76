"""Pure registration rules: no database, no clock of their own, unit-tested directly.

Windows, promotion order and the cut-off are the bookings' (``events.booking_rules``).
"""

from collections.abc import Iterable
from datetime import date

from events.booking_rules import places_left


def age_on(*, birth_date: date, day: date) -> int:
    """Age in whole years on ``day``: a child turns 8 on their eighth birthday (born on
    29 February, on 1 March in common years)."""
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - before_birthday


def age_in_band(*, birth_date: date, day: date, age_min: int, age_max: int) -> bool:
    return age_min <= age_on(birth_date=birth_date, day=day) <= age_max


def series_places_left(sessions: Iterable[tuple[int, int]]) -> int:
    """Places left in a series of (places, taken) sessions: a registration takes a place
    in every session, so the fullest session decides."""
    return min((places_left(places=p, confirmed_seats=t) for p, t in sessions), default=0)
