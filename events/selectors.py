"""What is on: read-only questions about the programme.

Listings fetch a fixed number of queries whatever the number of sessions: the
sessions (with venues), then the pages of each kind in the visitor's language
(with images and their renditions).
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from wagtail.models import Locale

from .booking_rules import places_left
from .bookings import Booking
from .choices import Kind
from .models import Session, Venue


def event_sessions(*, event_key: UUID) -> QuerySet[Session]:
    """Every session of one event, whichever language's page is asking."""
    return Session.objects.filter(event_key=event_key).select_related("venue").order_by("start")


def upcoming_sessions(
    *,
    now: datetime | None = None,
    kind: str | None = None,
    audience: str | None = None,
    month: date | None = None,
) -> QuerySet[Session]:
    """Sessions not yet over, of live pages, soonest first."""
    now = now or timezone.now()
    sessions = Session.objects.filter(end__gte=now, page__live=True).select_related("venue")
    if kind:
        sessions = sessions.filter(kind=kind)
    if audience:
        sessions = sessions.filter(audience=audience)
    if month:
        start, end = _month_bounds(month)
        sessions = sessions.filter(start__gte=start, start__lt=end)
    return sessions.order_by("start", "pk")


def _month_bounds(month: date) -> tuple[datetime, datetime]:
    tz = timezone.get_default_timezone()
    start = datetime(month.year, month.month, 1, tzinfo=tz)
    next_month = datetime(month.year + (month.month == 12), month.month % 12 + 1, 1, tzinfo=tz)
    return start, next_month


def _page_models():
    from workshops.models import TrainingModulePage, WorkshopPage

    from .models import ScreeningPage

    return {
        Kind.SCREENING: ScreeningPage,
        Kind.WORKSHOP: WorkshopPage,
        Kind.TRAINING: TrainingModulePage,
    }


def pages_for_events(
    *, event_keys: Iterable[UUID], locale: Locale, with_images: bool = True
) -> dict[UUID, object]:
    """The live page of each event in ``locale``, or in the default language if untranslated."""
    keys = set(event_keys)
    if not keys:
        return {}
    default_locale = Locale.get_default()
    found: dict[UUID, object] = {}
    for model in _page_models().values():
        pages = (
            model.objects.live()
            .public()
            .filter(translation_key__in=keys, locale__in={locale.pk, default_locale.pk})
            .select_related("locale")
        )
        if with_images:
            pages = pages.select_related("image").prefetch_related("image__renditions")
        for page in pages:
            if page.locale_id == locale.pk or page.translation_key not in found:
                found[page.translation_key] = page
    return found


def attach_localized_venues(sessions: Iterable[Session], *, locale: Locale) -> None:
    """Fetch the venues' translations in one query, so ``session.venue.localized`` in
    a listing costs nothing per session (it would otherwise cost one or two queries)."""
    venues = [session.venue for session in sessions if session.venue is not None]
    keys = {venue.translation_key for venue in venues if venue.locale_id != locale.pk}
    translations = (
        {
            v.translation_key: v
            for v in Venue.objects.filter(translation_key__in=keys, locale=locale)
        }
        if keys
        else {}
    )
    for venue in venues:
        if venue.locale_id == locale.pk:
            venue.localized_cache = venue
        else:
            venue.localized_cache = translations.get(venue.translation_key, venue)


def with_pages(
    sessions: Iterable[Session], *, locale: Locale, with_images: bool = True
) -> list[Session]:
    """Attach ``event_page`` (in the visitor's language) to each session; drop orphans."""
    sessions = list(sessions)
    attach_localized_venues(sessions, locale=locale)
    pages = pages_for_events(
        event_keys={s.event_key for s in sessions}, locale=locale, with_images=with_images
    )
    result = []
    for session in sessions:
        session.event_page = pages.get(session.event_key)
        if session.event_page is not None:
            result.append(session)
    return result


def programme_page(
    *,
    locale: Locale,
    page_number=None,
    kind: str | None = None,
    audience: str | None = None,
    month: date | None = None,
    per_page: int | None = None,
):
    """One page of the programme listing, with each session's page attached."""
    paginator = Paginator(
        upcoming_sessions(kind=kind, audience=audience, month=month),
        per_page or settings.PROGRAMME_PAGE_SIZE,
    )
    page_obj = paginator.get_page(page_number)
    page_obj.object_list = with_pages(page_obj.object_list, locale=locale)
    return page_obj


def upcoming_screenings(*, locale: Locale, limit: int = 4) -> list[Session]:
    sessions = upcoming_sessions(kind=Kind.SCREENING).exclude(status=Session.Status.CANCELLED)
    return with_pages(sessions[:limit], locale=locale)


def current_courses(*, locale: Locale, limit: int = 4) -> list[Session]:
    """The next session of each workshop and training module still to come."""
    sessions = (
        upcoming_sessions()
        .filter(Q(kind=Kind.WORKSHOP) | Q(kind=Kind.TRAINING))
        .exclude(status=Session.Status.CANCELLED)
    )
    first_of_each: list[Session] = []
    seen: set[UUID] = set()
    for session in sessions[: limit * 25]:
        if session.event_key not in seen:
            seen.add(session.event_key)
            first_of_each.append(session)
        if len(first_of_each) == limit:
            break
    return with_pages(first_of_each, locale=locale)


def feed_sessions(*, kind: str | None = None, now: datetime | None = None):
    """Sessions for the iCalendar feeds: live pages, from a month ago onwards.

    Cancelled sessions stay, so calendar apps learn of the cancellation; the window keeps
    a feed bounded as the archive grows.
    """
    now = now or timezone.now()
    since = now - timedelta(days=settings.CALENDAR_FEED_PAST_DAYS)
    sessions = Session.objects.filter(page__live=True, start__gte=since).select_related("venue")
    if kind:
        sessions = sessions.filter(kind=kind)
    return sessions.order_by("start", "pk")


def booking_by_token(*, token: str) -> Booking | None:
    """The booking a manage link opens, or None (unknown or revoked token)."""
    if not token or len(token) > 64:
        return None
    return (
        Booking.objects.select_related("session__venue", "session__page")
        .filter(manage_token=token)
        .first()
    )


def waitlist_position(*, booking: Booking) -> int | None:
    """1 for the first in line; None unless the booking is waitlisted."""
    if booking.status != Booking.Status.WAITLISTED:
        return None
    ahead = Booking.objects.filter(
        session_id=booking.session_id, status=Booking.Status.WAITLISTED
    ).filter(
        Q(created_at__lt=booking.created_at) | Q(created_at=booking.created_at, pk__lt=booking.pk)
    )
    return ahead.count() + 1


def places_left_by_session(*, session_ids: Iterable[int]) -> dict[int, int]:
    """Places left per session, in one query (never negative)."""
    ids = list(session_ids)
    booked = dict(
        Booking.objects.filter(session_id__in=ids, status=Booking.Status.CONFIRMED)
        .values_list("session_id")
        .annotate(total=Sum("seats"))
        .values_list("session_id", "total")
    )
    places = dict(Session.objects.filter(pk__in=ids).values_list("pk", "places"))
    return {pk: places_left(places=places[pk], confirmed_seats=booked.get(pk, 0)) for pk in places}
