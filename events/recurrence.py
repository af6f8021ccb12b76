"""Seasons: the sessions of an event that repeats (every Wednesday at 20:00 from one
date to another, skipping the holidays), created in one step.

Each date becomes an ordinary session, with its own places, bookings, UID and SEQUENCE:
editing one later changes only it, and the feeds list each as an event of its own.
The new sessions are also added to the page's latest revision, so that publishing the
page from the editor keeps them instead of deleting what its revision did not know.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Session, Venue

MAX_SESSIONS = 60


class SeasonRefused(Exception):
    """The season cannot be created as asked: ``message`` says why, to staff."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Season:
    first_day: date
    last_day: date
    weekdays: frozenset[int]  # Monday is 0
    at: time  # on the wall clock in Paris
    duration: timedelta
    skip: frozenset[date] = frozenset()

    def starts(self) -> list[datetime]:
        """Every start of the season, in order; empty if the last day comes first.
        Built on the wall clock: 20:00 stays 20:00 across the change of hour."""
        zone = ZoneInfo(settings.TIME_ZONE)
        days = (
            self.first_day + timedelta(days=n)
            for n in range((self.last_day - self.first_day).days + 1)
        )
        return [
            datetime.combine(day, self.at, tzinfo=zone)
            for day in days
            if day.weekday() in self.weekdays and day not in self.skip
        ]


def season_refusal(season: Season, *, now: datetime) -> str | None:
    """Why the season cannot be created (in the active language), or ``None``."""
    if season.last_day < season.first_day:
        return _("The last day comes before the first day.")
    if season.duration <= timedelta(0):
        return _("A session must last at least one minute.")
    starts = season.starts()
    if not starts:
        return _("No date of the season falls on the chosen days.")
    if len(starts) > MAX_SESSIONS:
        return _(
            "This season would create %(count)s sessions: at most %(max)s at once. "
            "Create it in several parts."
        ) % {"count": len(starts), "max": MAX_SESSIONS}
    if starts[0] <= now:
        return _(
            "The season starts in the past (%(date)s): sessions can only be created in the future."
        ) % {"date": timezone.localtime(starts[0]).strftime("%d/%m/%Y %H:%M")}
    return None


def season_create(
    *,
    page,
    season: Season,
    places: int,
    venue: Venue | None,
    attendance_mode: str,
    user=None,
) -> list[Session]:
    """Create the season's sessions on ``page`` (the page they hang off); nothing at all
    if the season is refused (``SeasonRefused``)."""
    refusal = season_refusal(season, now=timezone.now())
    if refusal:
        raise SeasonRefused(refusal)
    page = page.specific
    with transaction.atomic():
        # Taken before anything changes: whether the editor's draft is the live page.
        publish = page.live and not page.has_unpublished_changes
        draft = page.get_latest_revision_as_object()
        kept = list(draft.sessions.all())  # read now: a page without revision reads the rows
        order = Session.objects.filter(page=page).aggregate(last=Max("sort_order"))["last"]
        order = -1 if order is None else order
        created = []
        for n, start in enumerate(season.starts(), start=1):
            session = Session(
                page=page,
                start=start,
                end=start + season.duration,
                places=places,
                venue=venue,
                attendance_mode=attendance_mode,
                sort_order=order + n,
            )
            session.save()
            created.append(session)
        draft.sessions = [*kept, *created]
        revision = draft.save_revision(user=user, log_action=True)
        if publish:
            revision.publish(user=user)
    return created
