"""HTTP side of the iCalendar feeds: caching, validators and conditional GET."""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse
from django.utils import translation
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from . import calendar
from .selectors import event_sessions, feed_sessions, with_pages

CONTENT_TYPE = "text/calendar; charset=utf-8"
VERSION_KEY = "ical:version"
KINDS = {"screenings": "screening", "workshops": "workshop", "training": "training"}


def feed_version() -> str:
    """Changes whenever anything shown in a feed changes (see events.signals)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def invalidate_feeds() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def _language(request) -> str:
    lang = request.GET.get("lang", "")
    return lang if lang in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def feed_events(request, *, kind: str | None, lang: str) -> list:
    """The feed's (session, page, absolute URL), in order; call with ``lang`` active."""
    locale = Locale.objects.get_for_language(lang)
    sessions = with_pages(feed_sessions(kind=kind), locale=locale, with_images=False)
    urls = {}  # one URL per page, however many sessions it has
    for s in sessions:
        if s.event_page.pk not in urls:
            urls[s.event_page.pk] = request.build_absolute_uri(s.event_page.get_url(request))
    return [(s, s.event_page, urls[s.event_page.pk]) for s in sessions]


def build_feed(request, *, kind: str | None, lang: str) -> tuple[bytes, float | None]:
    """The feed's bytes and the time of its newest change (epoch seconds), assembled
    from each session's stored VEVENT (``calendar.assemble_calendar``)."""
    with translation.override(lang):
        events = feed_events(request, kind=kind, lang=lang)
        return calendar.assemble_calendar(name=calendar.calendar_name(kind), events=events)


def calendar_response(request, *, body: bytes, last_modified: float | None, filename: str):
    """An .ics response with a strong ETag, Last-Modified and 304 on a match."""
    etag = f'"{hashlib.sha256(body).hexdigest()[:40]}"'
    last_modified = int(last_modified) if last_modified is not None else None
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    patch_cache_control(response, public=True, max_age=settings.CALENDAR_CACHE_SECONDS)
    return response


@require_safe
def programme_feed(request, kind_slug: str | None = None):
    if kind_slug is not None and kind_slug not in KINDS:
        raise Http404
    kind = KINDS.get(kind_slug) if kind_slug else None
    lang = _language(request)
    key = f"ical:{feed_version()}:{kind}:{lang}:{request.scheme}:{request.get_host()}"
    cached = cache.get(key)
    if cached is None:
        cached = build_feed(request, kind=kind, lang=lang)
        cache.set(key, cached, settings.CALENDAR_CACHE_SECONDS)
    body, last_modified = cached
    filename = f"fabrique-{kind_slug or 'programme'}.ics"
    return calendar_response(request, body=body, last_modified=last_modified, filename=filename)


@require_safe
def event_feed(request, event_key):
    """Every session of one event (the per-page "Add to my calendar" download)."""
    lang = _language(request)
    with translation.override(lang):
        locale = Locale.objects.get_for_language(lang)
        sessions = with_pages(event_sessions(event_key=event_key), locale=locale, with_images=False)
        if not sessions:
            raise Http404
        page = sessions[0].event_page
        url = request.build_absolute_uri(page.get_url(request))
        ical = calendar.build_calendar(name=page.title, events=[(s, page, url) for s in sessions])
    return calendar_response(
        request,
        body=calendar.to_bytes(ical),
        last_modified=calendar.last_change(ical),
        filename=f"{page.slug}.ics",
    )
