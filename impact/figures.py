"""Attendance figures per month, computed from the raw records (sessions, bookings,
feedback) every time: nothing is stored, so they always match the records.

Definitions (also shown to staff under the table):

- sessions held: screenings (the sessions people book seats for) not cancelled that
  have started; workshops and training modules have figures of their own below;
- seats offered: their places; seats booked: seats of confirmed bookings;
- checked in: seats of bookings checked in at the door;
- fill rate: seats booked / seats offered;
- no-show rate: at sessions where the door was used (at least one check-in), seats
  booked but not checked in / seats booked there;
- waitlist demand: seats still on the waiting list (never given a place);
- first-time and returning people: distinct email addresses with a confirmed booking
  that month, returning when the same address had a confirmed booking at an earlier
  session (anonymised bookings have no address left and are not counted);
- feedback: answers, their average rating, and how many gave each rating;
- donations received: payments kept (paid, not refunded), by month of payment.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.db.models import Count, Min, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from donations.models import Payment
from events.bookings import Booking
from events.choices import Kind
from events.models import Session
from feedback.models import Feedback
from premieres import selectors as premieres_selectors
from premieres.models import RoomRequest


@dataclass
class MonthFigures:
    month: date
    sessions: int = 0
    seats_offered: int = 0
    seats_booked: int = 0
    checked_in: int = 0
    door_booked: int = 0  # seats booked at sessions where the door was used
    waitlist: int = 0
    answers: int = 0
    rating_total: int = 0
    first_time: int = 0
    returning: int = 0
    donations: int = 0  # cents
    session_ids: list[int] = field(default_factory=list)

    COUNTS = (
        "sessions",
        "seats_offered",
        "seats_booked",
        "checked_in",
        "door_booked",
        "waitlist",
        "answers",
        "rating_total",
        "first_time",
        "returning",
        "donations",
    )

    @property
    def fill_rate(self) -> float | None:
        return self.seats_booked / self.seats_offered if self.seats_offered else None

    @property
    def no_shows(self) -> int:
        return self.door_booked - self.checked_in

    @property
    def no_show_rate(self) -> float | None:
        return self.no_shows / self.door_booked if self.door_booked else None

    @property
    def average_rating(self) -> float | None:
        return self.rating_total / self.answers if self.answers else None

    def add(self, other: "MonthFigures") -> None:
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def season_of(day: date) -> int:
    """Seasons run from September to August; a season is named by its first year."""
    return day.year if day.month >= 9 else day.year - 1


def season_bounds(season: int) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(date(season, 9, 1), time.min))
    end = timezone.make_aware(datetime.combine(date(season + 1, 9, 1), time.min))
    return start, end


def monthly_figures(*, season: int, now: datetime | None = None) -> list[MonthFigures]:
    """One row per month of the season with a screening held or a donation received,
    oldest first."""
    now = now or timezone.now()
    start, end = season_bounds(season)
    sessions = list(
        Session.objects.filter(kind=Kind.SCREENING, start__gte=start, start__lt=min(end, now))
        .exclude(status=Session.Status.CANCELLED)
        .values_list("pk", "start", "places")
        .order_by("start")
    )
    ids = [pk for pk, _start, _places in sessions]
    confirmed = Q(status=Booking.Status.CONFIRMED)
    per_session = {
        row["session_id"]: row
        for row in Booking.objects.filter(session_id__in=ids)
        .values("session_id")
        .annotate(
            booked=Sum("seats", filter=confirmed, default=0),
            checked_in=Sum("seats", filter=confirmed & Q(checked_in_at__isnull=False), default=0),
            waitlist=Sum("seats", filter=Q(status=Booking.Status.WAITLISTED), default=0),
        )
    }
    feedback = {
        row["booking__session_id"]: row
        for row in Feedback.objects.filter(booking__session_id__in=ids)
        .values("booking__session_id")
        .annotate(answers=Count("pk"), total=Sum("rating"))
    }
    months: dict[date, MonthFigures] = defaultdict(lambda: MonthFigures(month=date.min))
    for pk, session_start, places in sessions:
        local = timezone.localtime(session_start).date().replace(day=1)
        month = months[local]
        month.month = local
        month.sessions += 1
        month.session_ids.append(pk)
        month.seats_offered += places
        counts = per_session.get(pk, {})
        month.seats_booked += counts.get("booked", 0)
        month.checked_in += counts.get("checked_in", 0)
        if counts.get("checked_in", 0):
            month.door_booked += counts["booked"]
        month.waitlist += counts.get("waitlist", 0)
        answers = feedback.get(pk, {})
        month.answers += answers.get("answers", 0)
        month.rating_total += answers.get("total", 0) or 0
    _people(months, ids=ids)
    _donations(months, start=start, end=min(end, now))
    return [months[key] for key in sorted(months)]


def _month_of(value: datetime) -> date:
    return timezone.localtime(value).date().replace(day=1)


def _people(months: dict, *, ids: list[int]) -> None:
    """First-time and returning people, from their email addresses (one query each)."""
    held = Q(status=Booking.Status.CONFIRMED, anonymised_at__isnull=True)
    seen = set()
    rows = (
        Booking.objects.filter(held, session_id__in=ids)
        .values_list("email_key", "session__start")
        .order_by("session__start")
    )
    visits = [(key, _month_of(start)) for key, start in rows]
    first = dict(
        Booking.objects.filter(held, email_key__in={key for key, _m in visits})
        .exclude(session__status=Session.Status.CANCELLED)
        .values("email_key")
        .annotate(first=Min("session__start"))
        .values_list("email_key", "first")
    )
    for key, month in visits:
        if (key, month) in seen:
            continue
        seen.add((key, month))
        if _month_of(first[key]) == month:
            months[month].first_time += 1
        else:
            months[month].returning += 1


def _donations(months: dict, *, start: datetime, end: datetime) -> None:
    payments = Payment.objects.filter(
        status=Payment.Status.PAID, paid_at__gte=start, paid_at__lt=end
    ).values_list("paid_at", "amount")
    for paid_at, amount in payments:
        month = _month_of(paid_at)
        months[month].month = month
        months[month].donations += amount


def rating_counts(*, season: int, now: datetime | None = None) -> list[int]:
    """Feedback answers per rating, 1 to 5, about the sessions held in the season (the
    same answers as the months' counts)."""
    now = now or timezone.now()
    start, end = season_bounds(season)
    counts = dict(
        Feedback.objects.filter(
            booking__session__start__gte=start, booking__session__start__lt=min(end, now)
        )
        .exclude(booking__session__status=Session.Status.CANCELLED)
        .values("rating")
        .annotate(answers=Count("pk"))
        .values_list("rating", "answers")
    )
    return [counts.get(rating, 0) for rating in range(1, 6)]


def season_total(rows: list[MonthFigures], *, season: int) -> MonthFigures:
    total = MonthFigures(month=date(season, 9, 1))
    for row in rows:
        total.add(row)
    return total


def seasons_with_sessions(*, now: datetime | None = None) -> list[int]:
    now = now or timezone.now()
    starts = Session.objects.filter(start__lt=now).dates("start", "month")
    return sorted({season_of(day) for day in starts}, reverse=True)


# Young people in workshops ---------------------------------------------------------

AGE_BANDS = [(0, 10, "≤ 10"), (11, 14, "11–14"), (15, 17, "15–17"), (18, 200, "18+")]


@dataclass
class AgeBandMonth:
    month: date
    counts: list[int]  # one per AGE_BANDS


def workshop_age_bands(*, season: int, now: datetime | None = None) -> list[AgeBandMonth]:
    """Confirmed workshop registrations per month of their session and age band of the
    child on that day; anonymised registrations keep no birth date and are left out."""
    from workshops.registration_rules import age_on
    from workshops.registrations import Registration

    now = now or timezone.now()
    start, end = season_bounds(season)
    rows = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            child_birth_date__isnull=False,
            session__start__gte=start,
            session__start__lt=min(end, now),
        )
        .exclude(session__status=Session.Status.CANCELLED)
        .values_list("child_birth_date", "session__start")
    )
    months: dict[date, AgeBandMonth] = {}
    for birth_date, session_start in rows:
        month = _month_of(session_start)
        row = months.setdefault(month, AgeBandMonth(month, [0] * len(AGE_BANDS)))
        age = age_on(birth_date=birth_date, day=timezone.localtime(session_start).date())
        band = next(i for i, (low, high, _l) in enumerate(AGE_BANDS) if low <= age <= high)
        row.counts[band] += 1
    return [months[key] for key in sorted(months)]


# Training modules ------------------------------------------------------------------


@dataclass(frozen=True)
class TrainingIntake:
    title: str
    deadline: datetime
    places: int
    applications: int
    accepted: int


def training_intake(*, season: int) -> list[TrainingIntake]:
    """Modules whose application deadline falls in the season: places against the
    applications received (withdrawn ones left out) and accepted."""
    from training.models import Application, TrainingModulePage

    start, end = season_bounds(season)
    # Applications may come through any language's page: counted by translation key.
    modules = list(
        TrainingModulePage.objects.filter(
            application_deadline__gte=start,
            application_deadline__lt=end,
            locale=Locale.get_default(),
        ).order_by("application_deadline")
    )
    counts = {
        row["module__translation_key"]: row
        for row in Application.objects.filter(
            module__translation_key__in=[m.translation_key for m in modules]
        )
        .values("module__translation_key")
        .annotate(
            received=Count("pk", filter=~Q(status=Application.Status.WITHDRAWN)),
            accepted=Count("pk", filter=Q(status=Application.Status.ACCEPTED)),
        )
    }
    return [
        TrainingIntake(
            module.title,
            module.application_deadline,
            module.places,
            counts.get(module.translation_key, {}).get("received", 0),
            counts.get(module.translation_key, {}).get("accepted", 0),
        )
        for module in modules
    ]


@dataclass
class FirstShowings:
    """Premieres of residents' films held in the season, and the room requests received
    in it by where they stand (premieres.selectors)."""

    premieres_held: int
    room_requests: dict[str, int]

    def rows(self) -> list[tuple[str, int]]:
        return [
            (_("Premieres held"), self.premieres_held),
            (_("Room requests received"), sum(self.room_requests.values())),
            *[
                (_("Room requests: %(status)s") % {"status": label}, self.room_requests[value])
                for value, label in RoomRequest.Status.choices
            ],
        ]


def first_showings(*, season: int) -> FirstShowings:
    start, end = season_bounds(season)
    return FirstShowings(
        premieres_held=premieres_selectors.premieres_held_count(start=start, end=end),
        room_requests=premieres_selectors.room_request_outcomes(start=start, end=end),
    )
