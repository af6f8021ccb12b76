"""What is on: read-only questions about the programme.

Listings fetch a fixed number of queries whatever the number of sessions: the
sessions (with venues), then the pages of each kind in the visitor's language
(with images and their renditions).
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from uuid import UUID

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db.models import (
    Count,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    prefetch_related_objects,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.fields import RichTextField, StreamField
from wagtail.images.models import Rendition
from wagtail.models import Locale

from core.page_lookups import default_locale, private_pages_q

from . import registry
from .booking_rules import places_left, wheelchair_left
from .bookings import Booking
from .choices import Kind
from .models import Session, Venue
from .reservations import Attendance, by_token, held_seats, reservation_kinds


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
    return registry.kind_page_models()


# The pictures of listings (templates/includes/image.html, event_image.html): the only
# renditions a listing shows,
# spelt as the {% picture %} tag names them.
CARD_RENDITIONS = [
    f"format-{fmt}|fill-{size}"
    for fmt in ("webp", "jpeg")
    # Cards, then the home page's feature and the event pictures (includes/event_image).
    for size in ("400x267", "800x533", "480x320", "960x640")
]


def page_in_language(*, event_key: UUID, language: str, fallback):
    """The page of one event in the language a person used (or the default language),
    for what is sent to them; ``fallback`` when no live page answers."""
    locale = Locale.objects.get_for_language(language)
    return pages_for_events(event_keys={event_key}, locale=locale).get(event_key) or fallback


def pages_for_events(
    *,
    event_keys: Iterable[UUID],
    locale: Locale,
    with_images: bool = True,
    kinds: Iterable[str] | None = None,
    for_listing: bool = False,
) -> dict[UUID, object]:
    """The live page of each event in ``locale``, or in the default language if untranslated.

    ``kinds`` limits the page types asked (one query each); ``for_listing`` leaves out
    the long texts a listing never shows and fetches only the card's renditions: both
    keep listings cheap, and anything left out still loads if a template asks for it.
    """
    keys = set(event_keys)
    if not keys:
        return {}
    default = default_locale()
    # View restrictions are read once per request, not once per page type as .public()
    # would.
    private = private_pages_q()
    models = _page_models()
    wanted = models.values() if kinds is None else {models[kind] for kind in set(kinds)}
    found: dict[UUID, object] = {}
    for model in wanted:
        pages = (
            model.objects.live()
            .exclude(private)
            .filter(translation_key__in=keys, locale__in={locale.pk, default.pk})
            .select_related("locale")
        )
        if for_listing:
            pages = pages.defer(*_long_text_fields(model))
        if with_images:
            pages = pages.select_related("image")
        for page in pages:
            if page.locale_id == locale.pk or page.translation_key not in found:
                found[page.translation_key] = page
    if with_images:
        # One query for the renditions of every page type's images.
        renditions = Rendition.objects.all()
        if for_listing:
            renditions = renditions.filter(filter_spec__in=CARD_RENDITIONS)
        images = [page.image for page in found.values() if page.image is not None]
        prefetch_related_objects(images, Prefetch("renditions", queryset=renditions))
    return found


def _long_text_fields(model) -> list[str]:
    """The model's own StreamField and rich-text columns (bodies, synopses)."""
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, StreamField | RichTextField) and field.model is model
    ]


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
        event_keys={s.event_key for s in sessions},
        locale=locale,
        with_images=with_images,
        kinds={s.kind for s in sessions},
        for_listing=True,
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
    """One page of the programme listing, with each session's page attached.

    A workshop or a training module is one series that people join as a whole: it is
    listed once, at its first session still to come, with the dates of the series
    (``series_dates``), rather than once per session. Screenings stay one entry per
    showing, each booked on its own."""
    sessions = upcoming_sessions(kind=kind, audience=audience, month=month)
    first_of_series = sessions.filter(event_key=OuterRef("event_key")).values("pk")[:1]
    listed = sessions.filter(Q(kind=Kind.SCREENING) | Q(pk=Subquery(first_of_series)))
    paginator = Paginator(listed, per_page or settings.PROGRAMME_PAGE_SIZE)
    page_obj = paginator.get_page(page_number)
    page_obj.object_list = with_pages(page_obj.object_list, locale=locale)
    _attach_series_dates(page_obj.object_list, sessions=sessions)
    return page_obj


def _attach_series_dates(listed: list[Session], *, sessions: QuerySet[Session]) -> None:
    """Give each listed workshop or training session the sessions of its series that
    the listing covers (one query for the whole page)."""
    keys = {s.event_key for s in listed if s.kind != Kind.SCREENING}
    series: dict[UUID, list[Session]] = {}
    if keys:
        for session in (
            sessions.filter(event_key__in=keys)
            .select_related(None)
            .only("pk", "event_key", "start", "end", "status")
        ):
            series.setdefault(session.event_key, []).append(session)
    for session in listed:
        session.series_dates = series.get(session.event_key, [])


def programme_week(
    *, locale: Locale, now: datetime | None = None, days: int = 7
) -> list[tuple[date, list[Session]]]:
    """The next ``days`` days from today (Paris), each with its sessions (cancelled ones
    included, marked by the template): the programme's week at a glance."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    until = datetime.combine(today + timedelta(days=days), datetime.min.time())
    until = timezone.make_aware(until)
    sessions = with_pages(
        upcoming_sessions(now=now).filter(start__lt=until), locale=locale, with_images=False
    )
    week: list[tuple[date, list[Session]]] = [
        (today + timedelta(days=offset), []) for offset in range(days)
    ]
    for session in sessions:
        offset = (timezone.localdate(session.start) - today).days
        if 0 <= offset < days:
            week[offset][1].append(session)
    return week


def upcoming_screenings(*, locale: Locale, limit: int = 4) -> list[Session]:
    return with_pages(_next_screenings(limit), locale=locale)


def current_courses(*, locale: Locale, limit: int = 4) -> list[Session]:
    """The next session of each workshop and training module still to come."""
    return with_pages(_next_courses(limit), locale=locale)


def home_listings(
    *, locale: Locale, screenings: int = 4, courses: int = 4
) -> tuple[list[Session], list[Session]]:
    """``upcoming_screenings`` and ``current_courses`` together, their pages fetched in
    one go (the home page shows both: half the queries)."""
    wanted_screenings = _next_screenings(screenings)
    wanted_courses = _next_courses(courses)
    shown = {id(s) for s in with_pages(wanted_screenings + wanted_courses, locale=locale)}
    return (
        [s for s in wanted_screenings if id(s) in shown],
        [s for s in wanted_courses if id(s) in shown],
    )


def _next_screenings(limit: int) -> list[Session]:
    sessions = upcoming_sessions(kind=Kind.SCREENING).exclude(status=Session.Status.CANCELLED)
    return list(sessions[:limit])


def _next_courses(limit: int) -> list[Session]:
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
    return first_of_each


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
    return by_token(Booking.objects.select_related("session__venue", "session__page"), token)


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


def waits_for_wheelchair_place(*, booking: Booking) -> bool:
    """Whether a waitlisted booking waits because no wheelchair place is left (rather
    than seats): what the person is told on their manage page and in the email."""
    if booking.status != Booking.Status.WAITLISTED or not booking.wheelchair:
        return False
    from .models import ScreeningPage

    offered = (
        ScreeningPage.objects.filter(pk=booking.session.page_id)
        .values_list("wheelchair_places", flat=True)
        .first()
    )
    if offered is None:
        return False
    left = availability_by_session(session_ids=[booking.session_id], wheelchair_places=offered)
    return left[booking.session_id][1] == 0


def places_left_by_session(*, session_ids: Iterable[int]) -> dict[int, int]:
    """Places left per session, in one query (never negative)."""
    availability = availability_by_session(session_ids=session_ids)
    return {pk: left for pk, (left, _wheelchair) in availability.items()}


def places_left_from_counters(session_ids: Iterable[int]) -> dict[int, int]:
    """Places left per screening session from its booking counters, in one query: what
    the page cache writes into a page where ``places_marker`` stands."""
    # Only bookings move the counters: other kinds' sessions are not answered.
    rows = Session.objects.filter(pk__in=list(session_ids), kind=Kind.SCREENING).values_list(
        "pk", "places", "booked_seats"
    )
    return {pk: places_left(places=total, confirmed_seats=booked) for pk, total, booked in rows}


def availability_by_session(
    *, session_ids: Iterable[int], wheelchair_places: int | None = None
) -> dict[int, tuple[int, int | None]]:
    """Per session, in one query: places left and wheelchair places left (``None``
    when ``wheelchair_places`` is: the event does not count them)."""
    ids = list(session_ids)
    confirmed = (
        Booking.objects.filter(session_id__in=ids, status=Booking.Status.CONFIRMED)
        .values("session_id")
        .annotate(seats=Sum("seats"), wheelchair=Count("pk", filter=Q(wheelchair=True)))
    )
    booked = {row["session_id"]: row for row in confirmed}
    places = (
        Session.objects.filter(pk__in=ids)
        .annotate(held=held_seats())
        .values_list("pk", "places", "held")
    )
    result = {}
    for pk, total, held in places:
        row = booked.get(pk, {"seats": 0, "wheelchair": 0})
        wheel = (
            None
            if wheelchair_places is None
            else wheelchair_left(
                wheelchair_places=wheelchair_places, confirmed_wheelchair=row["wheelchair"]
            )
        )
        result[pk] = (places_left(places=total, confirmed_seats=row["seats"] + held), wheel)
    return result


def staff_sessions(*, past: bool = False, now: datetime | None = None) -> QuerySet[Session]:
    """Screening sessions for the staff's session list, each annotated with its
    ``confirmed_seats`` and ``waitlisted`` requests: one query however many there are.

    Upcoming (not yet over) soonest first; past ones most recent first.
    """
    now = now or timezone.now()
    sessions = Session.objects.filter(kind=Kind.SCREENING).select_related("page", "venue")
    sessions = sessions.annotate(
        confirmed_seats=Coalesce(
            Sum("bookings__seats", filter=Q(bookings__status=Booking.Status.CONFIRMED)), 0
        ),
        waitlisted=Count("bookings", filter=Q(bookings__status=Booking.Status.WAITLISTED)),
    )
    if past:
        return sessions.filter(end__lt=now).order_by("-start", "-pk")
    return sessions.filter(end__gte=now).order_by("start", "pk")


def session_bookings(*, session: Session) -> dict:
    """A session's confirmed bookings, its waitlist in order (with positions) and the
    totals staff need at the door."""
    active = list(
        Booking.objects.filter(session=session, status__in=Booking.ACTIVE).order_by(
            "created_at", "pk"
        )
    )
    confirmed = [b for b in active if b.status == Booking.Status.CONFIRMED]
    waitlist = [b for b in active if b.status == Booking.Status.WAITLISTED]
    for position, booking in enumerate(waitlist, start=1):
        booking.position = position
    confirmed_seats = sum(b.seats for b in confirmed)
    return {
        "active": len(active),
        "confirmed": confirmed,
        "waitlist": waitlist,
        "confirmed_seats": confirmed_seats,
        "places_left": places_left(places=session.places, confirmed_seats=confirmed_seats),
        "waitlisted_seats": sum(b.seats for b in waitlist),
        "wheelchair": sum(1 for b in confirmed if b.wheelchair),
        "access_needs": sum(1 for b in confirmed if b.access_needs),
        "checked_in": sum(1 for b in confirmed if b.checked_in_at),
    }


def door_sessions(*, now: datetime | None = None, days: int = 7) -> QuerySet[Session]:
    """Scheduled sessions from today (Europe/Paris) to ``days`` ahead, for the door,
    each with its ``checked_in_seats`` beside the ``booked_seats`` counter the session
    keeps: one query."""
    now = now or timezone.now()
    today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    confirmed = Q(bookings__status=Booking.Status.CONFIRMED)
    return (
        Session.objects.filter(
            status=Session.Status.SCHEDULED,
            end__gte=today,
            start__lt=today + timedelta(days=days + 1),
        )
        .select_related("page", "venue")
        .annotate(
            checked_in_seats=Sum(
                "bookings__seats",
                filter=confirmed & Q(bookings__checked_in_at__isnull=False),
                default=0,
            ),
        )
        .order_by("start", "pk")
    )


def door_bookings(*, session: Session, search: str = "") -> QuerySet[Booking]:
    """The session's confirmed bookings by last name; ``search`` keeps those whose
    first or last name contains every word of it (a number: the booking reference)."""
    bookings = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED)
    for word in search.split()[:5]:
        if word.isdigit() and len(word) < 10:
            bookings = bookings.filter(pk=int(word))
        else:
            bookings = bookings.filter(Q(first_name__icontains=word) | Q(last_name__icontains=word))
    return bookings.order_by("last_name", "first_name", "pk")


def door_counts(*, session: Session) -> dict[str, int]:
    """Seats booked, checked in, marked no-show, and still expected at the door."""
    checked_in = Q(checked_in_at__isnull=False)
    counts = Booking.objects.filter(session=session, status=Booking.Status.CONFIRMED).aggregate(
        booked=Sum("seats", default=0),
        checked_in=Sum("seats", filter=checked_in, default=0),
        no_show=Sum("seats", filter=Q(no_show=True) & ~checked_in, default=0),
    )
    counts["expected"] = counts["booked"] - counts["checked_in"] - counts["no_show"]
    return counts


def session_register(*, session: Session, search: str = "") -> list[dict]:
    """Everyone expected at ``session`` through a reservation other than a booking
    (workshop participants, trainees...), one group per kind: its label, its rows by
    name each with ``checked_in_at`` (or ``None``), and its counts. A few queries per
    kind, however many people."""
    groups = []
    words = [word.casefold() for word in search.split()[:5]]
    for kind in reservation_kinds():
        if kind.on_row:
            continue
        rows = list(kind.expected(session))
        came = _checked_in(kind=kind, session=session, rows=rows)
        people = []
        for row in rows:
            name = kind.display_name(row)
            people.append(
                {
                    "row": row,
                    "name": name,
                    "checked_in_at": came.get(row.pk),
                    "shown": all(word in name.casefold() for word in words),
                }
            )
        if not people:
            continue
        people.sort(key=lambda person: person["name"].casefold())
        groups.append(
            {
                "kind": kind,
                "label": kind.label,
                "people": [person for person in people if person["shown"]],
                "expected": len(people),
                "checked_in": sum(1 for person in people if person["checked_in_at"]),
            }
        )
    return groups


def _checked_in(*, kind, session: Session, rows: list) -> dict:
    """Row pk -> when it was checked in at ``session`` (absent: not come)."""
    if kind.on_row:
        return {row.pk: row.checked_in_at for row in rows if row.checked_in_at}
    return dict(
        Attendance.objects.filter(
            session=session,
            content_type=ContentType.objects.get_for_model(kind.model),
            object_id__in=[row.pk for row in rows],
        ).values_list("object_id", "checked_in_at")
    )


def session_register_rows(*, session: Session, kinds: Iterable) -> list[dict]:
    """The register of ``session`` for funders' reports: everyone expected through
    each of ``kinds`` (confirmed bookings, confirmed workshop participants, trainees),
    with how many places and whether and when they came."""
    register = []
    for kind in kinds:
        rows = list(kind.expected(session))
        came = _checked_in(kind=kind, session=session, rows=rows)
        for row in rows:
            register.append(
                {
                    "kind": str(kind.label),
                    "name": kind.display_name(row),
                    "email": row.email,
                    "people": kind.people(row),
                    "checked_in_at": came.get(row.pk),
                }
            )
    return sorted(register, key=lambda line: (line["kind"], line["name"].casefold()))
