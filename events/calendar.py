"""iCalendar for the programme: the one builder behind the feeds, the per-event
download and the booking confirmation's attachment.

Built with the ``icalendar`` library (escaping, CRLF, folding at 75 octets). Times are
written in Europe/Paris with a VTIMEZONE, stamps in UTC: never a floating time.
"""

import hashlib
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.text import Truncator
from icalendar import Calendar, Event, Timezone, vDuration

from .choices import Kind
from .models import Session

PARIS = ZoneInfo("Europe/Paris")
REFRESH = timedelta(hours=6)
PRODID = "-//Fabrique//Programme//FR"

STATUS = {
    Session.Status.SCHEDULED: "CONFIRMED",
    Session.Status.POSTPONED: "TENTATIVE",
    Session.Status.CANCELLED: "CANCELLED",
}


def session_uid(session: Session) -> str:
    """Stable across requests, languages and edits; unique per session."""
    return f"session-{session.uid}@{settings.CALENDAR_UID_DOMAIN}"


@lru_cache(maxsize=32)
def _paris_timezone(first_year: int, last_year: int) -> Timezone:
    return Timezone.from_tzid(
        "Europe/Paris", first_date=date(first_year, 1, 1), last_date=date(last_year + 1, 1, 1)
    )


def _stamp(session: Session, page) -> datetime:
    """The last change of the session or of the page's text, in UTC."""
    moments = [m for m in (session.modified_at, getattr(page, "last_published_at", None)) if m]
    return max(moments).astimezone(UTC) if moments else datetime(2000, 1, 1, tzinfo=UTC)


def _description(page, url: str) -> str:
    summary = strip_tags(getattr(page, "summary", "") or "").strip()
    return "\n\n".join(part for part in (Truncator(summary).chars(400), url) if part)


def _location(session: Session) -> str:
    if session.attendance_mode == Session.Mode.ONLINE or session.venue is None:
        return translation.gettext("Online") if session.attendance_mode != "in_person" else ""
    venue = session.venue.localized  # fetched up front by selectors.with_pages
    return f"{venue.name}, {venue.address}"


def session_event(*, session: Session, page, url: str, description: str | None = None) -> Event:
    event = Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", _stamp(session, page))
    event.add("sequence", session.sequence)
    event.add("dtstart", session.start.astimezone(PARIS))
    event.add("dtend", session.end.astimezone(PARIS))
    event.add("status", STATUS[session.status])
    summary = page.title
    if session.status == Session.Status.CANCELLED:
        summary = translation.gettext("Cancelled: %(title)s") % {"title": page.title}
    elif session.status == Session.Status.POSTPONED:
        summary = translation.gettext("Postponed: %(title)s") % {"title": page.title}
    event.add("summary", summary)
    event.add("description", description or _description(page, url))
    location = _location(session)
    if location:
        event.add("location", location)
    event.add("url", url)
    event.add("categories", [str(Kind(session.kind).label)])
    event.add("transp", "OPAQUE")
    event.add("class", "PUBLIC")
    return event


def _calendar_head(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH))
    return calendar


def _years(session: Session) -> set[int]:
    return {session.start.astimezone(PARIS).year, session.end.astimezone(PARIS).year}


def build_calendar(*, name: str, events: Iterable[tuple[Session, object, str]]) -> Calendar:
    """A calendar of (session, page in the wanted language, absolute page URL)."""
    calendar = _calendar_head(name)
    components = []
    years = set()
    descriptions = {}  # one per page: an event has many sessions
    for session, page, url in events:
        if page.pk not in descriptions:
            descriptions[page.pk] = _description(page, url)
        components.append(
            session_event(session=session, page=page, url=url, description=descriptions[page.pk])
        )
        years.update(_years(session))
    if years:
        calendar.add_component(_paris_timezone(min(years), max(years)))
    for component in components:
        calendar.add_component(component)
    return calendar


PIECE_SECONDS = 7 * 24 * 3600
_END = b"END:VCALENDAR\r\n"


def _piece_key(*, session: Session, page, url: str, description: str) -> str:
    """Names a VEVENT by everything it is built from (so a change of any of them, a new
    SEQUENCE or modified_at above all, names a new piece): never a stale piece."""
    material = (
        translation.get_language(),
        session_uid(session),
        session.sequence,
        session.modified_at,
        session.start,
        session.end,
        session.status,
        session.attendance_mode,
        session.kind,
        _location(session),
        page.title,
        getattr(page, "last_published_at", None),
        url,
        description,
    )
    digest = hashlib.sha256("\x1f".join(map(str, material)).encode()).hexdigest()
    return f"ical:vevent:{digest}"


def assemble_calendar(
    *, name: str, events: Iterable[tuple[Session, object, str]]
) -> tuple[bytes, float | None]:
    """The bytes of ``build_calendar`` and its ``last_change``, from each session's
    VEVENT serialised once and kept in the cache: a feed of hundreds of sessions costs
    one cache round trip instead of building and serialising every event again."""
    events = list(events)
    descriptions = {}
    keys = []
    years = set()
    stamps = []
    for session, page, url in events:
        if page.pk not in descriptions:
            descriptions[page.pk] = _description(page, url)
        keys.append(
            _piece_key(session=session, page=page, url=url, description=descriptions[page.pk])
        )
        years.update(_years(session))
        stamps.append(_stamp(session, page).timestamp())
    pieces = cache.get_many(keys) if keys else {}
    built = {}
    for key, (session, page, url) in zip(keys, events, strict=True):
        if key not in pieces and key not in built:
            event = session_event(
                session=session, page=page, url=url, description=descriptions[page.pk]
            )
            built[key] = event.to_ical()
    if built:
        cache.set_many(built, PIECE_SECONDS)
        pieces.update(built)
    head = _calendar_head(name)
    if years:
        head.add_component(_paris_timezone(min(years), max(years)))
    start = head.to_ical()
    if not start.endswith(_END):  # the pieces go where the events would
        raise RuntimeError("icalendar no longer ends a calendar with END:VCALENDAR")
    body = start[: -len(_END)] + b"".join(pieces[key] for key in keys) + _END
    return body, (max(stamps) if stamps else None)


def calendar_name(kind: str | None) -> str:
    names = {
        None: translation.gettext("Fabrique — programme"),
        "screening": translation.gettext("Fabrique — screenings"),
        "workshop": translation.gettext("Fabrique — youth workshops"),
        "training": translation.gettext("Fabrique — training modules"),
    }
    return names[kind]


def last_change(calendar: Calendar) -> float | None:
    """The newest DTSTAMP, in epoch seconds: the calendar's Last-Modified."""
    stamps = [event["DTSTAMP"].dt.timestamp() for event in calendar.walk("VEVENT")]
    return max(stamps) if stamps else None


def to_bytes(calendar: Calendar) -> bytes:
    return calendar.to_ical()
