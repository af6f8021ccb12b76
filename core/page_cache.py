"""Page cache: Wagtail pages rendered once for anonymous visitors, served from the
default cache (Redis in production) until something they show changes.

Why our own rather than wagtail-cache: its 3.0.0 requires ``wagtail<8.0`` (installing it
downgrades Wagtail), and it cannot share a page carrying a form: it skips responses that
set the CSRF cookie and keys on the cookie otherwise, so every visitor of a screening
page would render their own copy. Here a form's token is stored as a placeholder and
each hit gets the visitor's own token, so forms work from a cached page without script.

How it fits together:

- ``PageCacheMiddleware`` sits last in ``MIDDLEWARE`` (inside the session, CSRF, auth and
  messages middleware). For a GET of Wagtail's ``serve`` view by an anonymous visitor it
  answers from the cache (``X-Page-Cache: hit``, one database query: the versions
  below) or lets Wagtail render and stores the page (``X-Page-Cache: miss``).
- An entry remembers the *versions* it was rendered under: the site's content version,
  and for a programme page its event's places version. They live in the database
  (``PageCacheVersion``), not in the cache: a change made while Redis was away (its
  data kept on disk, as Debian's default does) still leaves the pages it affects stale
  once Redis is back. A hit checks them in one query. The services change an event's
  version inside the transaction that changes its places, after taking their locks;
  content changes (publishing, a session or venue edited) change the content version
  once they commit. Versions are read before the page reads the database, so a change
  committed while a page renders leaves that page already stale, never stored as fresh.
- Places left are not baked into a stored page: a page writes ``places_marker(id)``
  where a session's figure goes, and every answer, hit or miss, has the markers
  replaced by the figures the database has now (one query, ``register_places_source``).
  So a booking does not throw the pages of its event away: the services change the
  event's version only when the booking changes the page's words (the session becomes
  full, or its last wheelchair place goes), not its figure.
- A page is kept ``PAGE_CACHE_SECONDS`` at most, and never past the programme's next
  moment of change (a session starting or ending, bookings opening or closing), so
  "upcoming" listings and booking forms follow the clock without any signal.
- Template fragments (menu, footer, listings) are kept under the same content version
  (``fragments``, for ``{% cache %}``), so a page built again after a booking changed its
  words, or after the clock moved, builds only what is its own.
"""

import hashlib
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_cache_control
from wagtail import views as wagtail_views

from .request_memo import memoized

HEADER = "X-Page-Cache"
CONTENT_VERSION = "content"
PLACEHOLDER = b"__page_cache_csrf_token__"
TOKEN_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
# Headers added outside this middleware on every response, hit or miss: not stored.
UNSTORED_HEADERS = {"content-length", "set-cookie", "vary", HEADER.lower()}
NO_STORE_DIRECTIVES = ("private", "no-cache", "no-store", "max-age=0")
MAX_QUERY_LENGTH = 200
PLACES_MARKER = re.compile(rb"__page_cache_places_(\d{1,12})__")


def event_version_name(event_key) -> str:
    return f"event:{event_key}"


def versions_current(names: list[str]) -> dict[str, str]:
    """The versions under ``names`` as the database has them now (missing: never set)."""
    from .models import PageCacheVersion

    rows = PageCacheVersion.objects.filter(name__in=names).values_list("name", "token")
    return {name: token.hex for name, token in rows}


def versions_read(names: list[str]) -> dict[str, str]:
    """The versions under ``names``, each created when missing (first use), for a page
    about to be rendered."""
    from .models import PageCacheVersion

    found = versions_current(names)
    missing = [name for name in names if name not in found]
    if missing:
        PageCacheVersion.objects.bulk_create(
            [PageCacheVersion(name=name) for name in missing], ignore_conflicts=True
        )
        found.update(versions_current(missing))
    return found


def version_change(name: str) -> None:
    """A new version under ``name``, in the current transaction (one statement)."""
    from .models import PageCacheVersion

    PageCacheVersion.objects.bulk_create(
        [PageCacheVersion(name=name, token=uuid.uuid4())],
        update_conflicts=True,
        unique_fields=["name"],
        update_fields=["token"],
    )


def _content_version_change() -> None:
    version_change(CONTENT_VERSION)


def content_changed(**kwargs) -> None:
    """Every cached page is stale: menus, language links and listings show other pages,
    so a publish anywhere may change any page. Recorded once the change commits: a
    publish saves several sessions, and holding the content version's row meanwhile
    could deadlock with staff cancelling one of them (which saves it, then records)."""
    transaction.on_commit(_content_version_change, robust=True)


def event_places_changed(event_key) -> None:
    """The pages of one event (every language) are stale: their places left change.

    For the services, inside the transaction that changes the places, once they hold its
    locks: the new version commits with the change, or not at all, whatever happens to
    the cache meanwhile; and a page rendered before the commit keeps the old version."""
    version_change(event_version_name(event_key))


def page_event_key(page):
    """The event key whose places ``page`` shows, or None (not a programme page).
    Programme pages name it in ``places_event_key``; core imports no app."""
    return getattr(page, "places_event_key", None)


def places_marker(session_id: int) -> str:
    """What a page writes where the places left of a session go; filled per answer."""
    return f"__page_cache_places_{int(session_id)}__"


# The function giving the places left of some sessions ({id: places}); registered by
# the events app from ``ready()`` (core imports no app).
_places_source = None


def register_places_source(source) -> None:
    global _places_source
    _places_source = source


def fill_places(body: bytes) -> bytes:
    """The body with each places marker replaced by the figure now (one query)."""
    ids = {int(found) for found in PLACES_MARKER.findall(body)}
    if not ids or _places_source is None:
        return body
    left = _places_source(ids)
    return PLACES_MARKER.sub(lambda match: b"%d" % left.get(int(match[1]), 0), body)


# Model -> the datetime fields at which a page may change by the clock alone (a session
# starting, bookings opening...). Each app registers its own from ``ready()``.
_clock_fields: dict[type, list[str]] = {}


def register_clock_fields(model, fields: list[str]) -> None:
    _clock_fields[model] = list(fields)


def next_programme_change(now: datetime, *, content_version: str) -> datetime:
    """The next moment a page may change by the clock alone: a session starts or ends,
    bookings or registrations open or close, applications close, a month begins (the
    programme's month filter). Kept in the cache per content version (an edit of any of
    these changes it)."""
    from django.db.models import Min, Q

    key = f"pagecache:next-change:{content_version}"
    cached = cache.get(key)
    if cached is not None and cached > now:
        return cached
    sources = list(_clock_fields.items())
    local = timezone.localtime(now)
    month_start = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    moments = [timezone.make_aware((month_start + timedelta(days=32)).replace(day=1, tzinfo=None))]
    for model, fields in sources:
        found = model.objects.aggregate(
            **{name: Min(name, filter=Q(**{f"{name}__gt": now})) for name in fields}
        )
        moments.extend(value for value in found.values() if value is not None)
    upcoming = min(moments)
    cache.set(key, upcoming, int((upcoming - now).total_seconds()))
    return upcoming


def cache_key(request: HttpRequest) -> str | None:
    """One key per URL (scheme, host, path, allowed query), or None: not cacheable."""
    allowed = settings.PAGE_CACHE_QUERY_PARAMS
    query = request.META.get("QUERY_STRING", "")
    if len(query) > MAX_QUERY_LENGTH or any(name not in allowed for name in request.GET):
        return None
    pairs = sorted((name, value) for name in request.GET for value in request.GET.getlist(name))
    url = f"{request.scheme}://{request.get_host()}{request.path}?{pairs!r}"
    return "pagecache:page:" + hashlib.sha256(url.encode()).hexdigest()


def anonymous_visitor(request: HttpRequest) -> bool:
    """Nobody logged in and nothing personal waiting: no session (login, page passwords)
    and no flash message in a cookie."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


@dataclass
class Miss:
    """What a miss remembers until the page is rendered: where to store it and the
    versions read before rendering."""

    key: str
    versions: dict[str, str]
    page: object = None
    started: datetime = field(default_factory=timezone.now)


def request_versions(request, names: list[str]) -> dict[str, str]:
    """The versions under ``names`` this request renders under: those a page-cache miss
    read before rendering, the others read now (in one query), once per request."""
    miss = getattr(request, "page_cache_miss", None)
    known = miss.versions if miss is not None else memoized(("page-cache", "versions"), dict)
    missing = [name for name in names if name not in known]
    if missing:
        known.update(versions_read(missing))
    return {name: known[name] for name in names}


def content_version(request) -> str:
    return request_versions(request, [CONTENT_VERSION])[CONTENT_VERSION]


def fragment_seconds(request, *, until_change: bool = False, event_key=None):
    """How long a template fragment of this request may be kept, and the versions its key
    holds: the content version, and the places version of ``event_key``'s event for a
    fragment that says whether its dates are full. ``until_change``: the clock changes
    it too (what is on, booking forms), so never past the programme's next moment of
    change. ``(0, {})``, without a query, when fragments are off, the request may change
    something (not a GET) or it shows a draft (a preview).

    Keyed on versions that live in the database, a fragment built before a change is
    never used after it, even after a cache outage."""
    seconds = settings.PAGE_FRAGMENT_SECONDS
    if seconds <= 0 or request is None or request.method not in ("GET", "HEAD"):
        return 0, {}
    if getattr(request, "is_preview", False):
        return 0, {}
    versions = {CONTENT_VERSION: content_version(request)}
    if event_key is not None:
        versions.update(event_version(request, event_key))
    if until_change:
        now = timezone.now()
        change = next_programme_change(now, content_version=versions[CONTENT_VERSION])
        seconds = min(seconds, int((change - now).total_seconds()))
    return max(seconds, 0), versions


def event_version(request, event_key) -> dict[str, str]:
    return request_versions(request, [event_version_name(event_key)])


def tokens_out(body: bytes) -> tuple[bytes, int]:
    """``body`` with each form's CSRF token replaced by the placeholder, to be stored,
    and how many forms it held."""
    return TOKEN_INPUT.subn(rb"\1" + PLACEHOLDER + rb"\2", body)


def tokens_in(body: bytes, request) -> bytes:
    """A stored ``body`` with this visitor's CSRF token where the placeholder stands."""
    if PLACEHOLDER not in body:
        return body
    return body.replace(PLACEHOLDER, get_token(request).encode("ascii"))


def with_token_placeholder(body: str) -> str:
    """``tokens_out`` for a template fragment."""
    return tokens_out(body.encode())[0].decode()


def with_token(body: str, request) -> str:
    """``tokens_in`` for a template fragment."""
    if PLACEHOLDER.decode() not in body:
        return body
    return tokens_in(body.encode(), request).decode()


def remember_page(next_serve):
    """``on_serve_page`` hook: note the page being served and read its event's places
    version, before the page reads its sessions; and the content version its fragments
    are keyed on, before the page reads what they show."""

    def serve(page, request, args, kwargs):
        event_key = page_event_key(page)
        events = [] if event_key is None else [event_version_name(event_key)]
        miss = getattr(request, "page_cache_miss", None)
        if miss is not None:
            miss.page = page
            if events:
                miss.versions.update(versions_read(events))
        if settings.PAGE_FRAGMENT_SECONDS > 0 and request.method in ("GET", "HEAD"):
            request_versions(request, [CONTENT_VERSION, *events])
        return next_serve(page, request, args, kwargs)

    return serve


class PageCacheMiddleware:
    """Serve and store anonymous GETs of Wagtail pages; must come after
    ``CsrfViewMiddleware`` (which then sets the cookie of a hit's fresh token)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        miss = getattr(request, "page_cache_miss", None)
        if miss is not None and miss.page is not None:
            self.store(request, response, miss)
        if (
            not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and b"__page_cache_places_" in response.content
        ):
            response.content = fill_places(response.content)
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if (
            settings.PAGE_CACHE_SECONDS <= 0
            or view_func is not wagtail_views.serve
            or request.method not in ("GET", "HEAD")
            or not anonymous_visitor(request)
        ):
            return None
        key = cache_key(request)
        if key is None:
            return None
        entry = cache.get(key)
        if entry is not None and self.fresh(entry):
            return self.hit(request, entry)
        if request.method == "GET":
            versions = versions_read([CONTENT_VERSION])
            request.page_cache_miss = Miss(key=key, versions=versions)
        return None

    @staticmethod
    def fresh(entry: dict) -> bool:
        """Rendered under the versions the database has now (one query)."""
        versions = entry.get("versions")
        return bool(versions) and versions_current(list(versions)) == versions

    @staticmethod
    def hit(request, entry: dict) -> HttpResponse:
        body = entry["body"]
        if entry.get("places"):
            body = fill_places(body)
        if entry["csrf"]:
            body = tokens_in(body, request)
        response = HttpResponse(body)
        for name, value in entry["headers"]:
            response[name] = value
        if entry["csrf"]:
            patch_cache_control(response, private=True)
        response[HEADER] = "hit"
        return response

    def store(self, request, response, miss: Miss) -> None:
        if not self.storable(request, response):
            return
        body = response.content
        body, forms = tokens_out(body)
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") and not forms:
            return  # the token was used somewhere we would not find it again
        timeout = settings.PAGE_CACHE_SECONDS
        change = next_programme_change(miss.started, content_version=miss.versions[CONTENT_VERSION])
        timeout = min(timeout, int((change - miss.started).total_seconds()))
        if timeout <= 0:
            return
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in UNSTORED_HEADERS
        ]
        entry = {
            "body": body,
            "headers": headers,
            "csrf": bool(forms),
            "places": PLACES_MARKER.search(body) is not None,
            "versions": miss.versions,
        }
        cache.set(miss.key, entry, timeout)
        if forms:
            patch_cache_control(response, private=True)
        response[HEADER] = "miss"

    @staticmethod
    def storable(request, response) -> bool:
        """Only a complete, ordinary HTML page that nobody marked as private, rendered
        for nobody in particular, with no flash message shown."""
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if not response.get("Content-Type", "").startswith("text/html"):
            return False
        cache_control = response.get("Cache-Control", "").lower()
        if any(directive in cache_control for directive in NO_STORE_DIRECTIVES):
            return False
        if getattr(request, "is_preview", False) or request.user.is_authenticated:
            return False
        messages = getattr(request, "_messages", None)
        return messages is None or len(messages) == 0


# Models whose rows show on public pages besides the pages themselves (snippets and
# site settings are added to these); bookings and other per-visitor records are not.
CONTENT_MODELS = [
    "events.Session",
    "events.Venue",
    "residents.Discipline",
    "wagtailcore.PageViewRestriction",
    "wagtailcore.Site",
    "wagtailcore.Locale",
    "wagtailimages.Image",
    "wagtaildocs.Document",
]


def content_models() -> tuple[type, ...]:
    from django.apps import apps
    from wagtail.contrib.settings.registry import registry as setting_registry
    from wagtail.snippets.models import get_snippet_models

    models = [apps.get_model(label) for label in CONTENT_MODELS]
    return (*models, *get_snippet_models(), *setting_registry)


def _row_changed(sender, instance, **kwargs) -> None:
    from wagtail.models import Page

    if isinstance(instance, Page):
        # Deleting a page (its subtree too) sends no unpublish signal we can rely on.
        if kwargs.get("signal") is post_delete:
            content_changed()
    elif isinstance(instance, content_models()):
        content_changed()


def connect_signals() -> None:
    """Called from ``HomeConfig.ready``. Places changes come from the services instead
    (``event_places_changed``): promotions write with ``update()``, which sends no
    signal."""
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid="page_cache")
    post_save.connect(_row_changed, dispatch_uid="page_cache")
    post_delete.connect(_row_changed, dispatch_uid="page_cache")
