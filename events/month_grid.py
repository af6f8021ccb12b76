"""Month grids of sessions, for the staff's calendar in the admin and the public
programme's month view: which month a request asks for, its weeks, and its sessions
by day."""

import calendar
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from .models import Session

FIRST_YEAR, LAST_YEAR = 2000, 2100


def month_asked(value: str | None, *, today: date) -> date:
    """The first day of the month ``2026-12`` names; this month when absent or bad
    (a tampered link shows a calendar, never an error)."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        if FIRST_YEAR <= year <= LAST_YEAR:
            return date(year, month, 1)
    except ValueError:
        pass
    return today.replace(day=1)


def previous_month(month: date) -> date:
    return date(month.year - (month.month == 1), (month.month - 2) % 12 + 1, 1)


def next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


@dataclass
class Day:
    day: date
    in_month: bool
    sessions: list


def month_weeks(month: date, sessions: Iterable[Session]) -> list[list[Day]]:
    """The weeks of the month, Monday first, each day with its sessions in order."""
    by_day = defaultdict(list)
    for session in sessions:
        by_day[timezone.localtime(session.start).date()].append(session)
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)
    return [
        [Day(day=day, in_month=day.month == month.month, sessions=by_day[day]) for day in week]
        for week in weeks
    ]


def fill_rate(session: Session) -> int | None:
    """Percentage of the places taken by confirmed bookings; ``None`` without places."""
    if not session.places:
        return None
    return round(100 * session.booked_seats / session.places)
