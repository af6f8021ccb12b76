"""The programme as open data: ``/api/programme.json``, read-only JSON of the sessions
to come (README, "Programme API").

Each answer is kept ``PROGRAMME_API_CACHE_SECONDS`` in the cache (and may be kept as long
by the client and any proxy), so the places left it gives are at most that old; each
client may ask ``PROGRAMME_API_RATE_LIMIT`` times per window, then gets a 429.
"""

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from core.ratelimit import rate_limited

from .choices import Kind
from .selectors import places_left_by_session, upcoming_sessions, with_pages

# Where each kind's form is on its page.
FORM_ANCHORS = {
    Kind.SCREENING: "#booking",
    Kind.WORKSHOP: "#registration",
    Kind.TRAINING: "#application",
}
CACHE_KEY = "programme-api:{language}"


def programme_data(*, language: str, base_url: str, now=None) -> dict:
    """The sessions not yet over, soonest first, with their pages in ``language``.
    ``places_left`` is counted for screenings (bookings); ``None`` for the other kinds,
    whose registrations are answered by staff."""
    now = now or timezone.now()
    locale = Locale.objects.get_for_language(language)
    sessions = with_pages(upcoming_sessions(now=now), locale=locale, with_images=False)
    screenings = [s.pk for s in sessions if s.kind == Kind.SCREENING]
    places_left = places_left_by_session(session_ids=screenings)
    items = []
    for session in sessions:
        page = session.event_page
        url = base_url + page.url if page.url and page.url.startswith("/") else page.full_url
        bookable = session.status == "scheduled" and session.start > now
        venue = session.venue.localized if session.venue else None
        items.append(
            {
                "uid": str(session.uid),
                "title": page.title,
                "kind": session.kind,
                "start": timezone.localtime(session.start).isoformat(),
                "end": timezone.localtime(session.end).isoformat(),
                "status": session.status,
                "venue": venue.name if venue else None,
                "places": session.places,
                "places_left": places_left.get(session.pk)
                if session.kind == Kind.SCREENING
                else None,
                "url": url,
                "booking_url": url + FORM_ANCHORS.get(session.kind, "") if bookable else None,
            }
        )
    return {
        "language": language,
        "generated_at": timezone.localtime(now).isoformat(),
        "sessions": items,
    }


@require_safe
def programme_api(request):
    limit, window = settings.PROGRAMME_API_RATE_LIMIT
    if rate_limited(request, scope="programme-api", limit=limit, window=window):
        response = JsonResponse(
            {"error": "Too many requests: please wait a minute and try again."}, status=429
        )
        response["Retry-After"] = str(window)
        return response
    language = request.GET.get("language", settings.LANGUAGE_CODE)
    if language not in dict(settings.LANGUAGES):
        return JsonResponse(
            {"error": "Unknown language: use one of " + ", ".join(dict(settings.LANGUAGES))},
            status=400,
        )
    key = CACHE_KEY.format(language=language)
    data = cache.get(key)
    if data is None:
        with translation.override(language):
            data = programme_data(
                language=language, base_url=f"{request.scheme}://{request.get_host()}"
            )
        cache.set(key, data, settings.PROGRAMME_API_CACHE_SECONDS)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, public=True, max_age=settings.PROGRAMME_API_CACHE_SECONDS)
    response["Access-Control-Allow-Origin"] = "*"
    return response
