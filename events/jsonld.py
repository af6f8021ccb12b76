"""schema.org Event data for programme pages, as search engines read it."""

import json

from django.utils import timezone

from .models import Session

STATUS = {
    Session.Status.SCHEDULED: "https://schema.org/EventScheduled",
    Session.Status.CANCELLED: "https://schema.org/EventCancelled",
    Session.Status.POSTPONED: "https://schema.org/EventPostponed",
}
MODE = {
    Session.Mode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
    Session.Mode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Session.Mode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}


def _location(session: Session, page_url: str):
    places = []
    if session.attendance_mode != Session.Mode.ONLINE and session.venue:
        venue = session.venue.localized
        places.append(
            {
                "@type": "Place",
                "name": venue.name,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": venue.street_address,
                    "postalCode": venue.postal_code,
                    "addressLocality": venue.city,
                    "addressCountry": "FR",
                },
            }
        )
    if session.attendance_mode != Session.Mode.IN_PERSON:
        places.append({"@type": "VirtualLocation", "url": page_url})
    return places[0] if len(places) == 1 else places


def session_event(*, page, session: Session, page_url: str, organisation) -> dict:
    is_screening = page.programme_kind == "screening"
    data = {
        "@context": "https://schema.org",
        "@type": "ScreeningEvent" if is_screening else "Event",
        "name": page.title,
        "description": page.summary,
        "startDate": timezone.localtime(session.start).isoformat(),
        "endDate": timezone.localtime(session.end).isoformat(),
        "eventStatus": STATUS[session.status],
        "eventAttendanceMode": MODE[session.attendance_mode],
        "location": _location(session, page_url),
        "url": page_url,
        "inLanguage": page.locale.language_code,
        "isAccessibleForFree": True,
        "offers": {
            "@type": "Offer",
            "price": "0",
            "priceCurrency": "EUR",
            "url": page_url,
            "availability": "https://schema.org/InStock",
        },
        "organizer": {
            "@type": "Organization",
            "name": organisation.name,
            **({"email": organisation.email} if organisation.email else {}),
        },
    }
    if is_screening:
        movie = {"@type": "Movie", "name": page.film_title}
        directors = [{"@type": "Person", "name": d.name} for d in page.directors.all()]
        if directors:
            movie["director"] = directors
        if page.runtime:
            movie["duration"] = f"PT{page.runtime}M"
        data["workPresented"] = movie
    return data


def json_ld_for_page(*, page, sessions, request) -> str:
    """A JSON array of events, escaped for use inside a <script> element."""
    from core.organisation import organisation_for_request

    organisation = organisation_for_request(request) if request else None
    # Same absolute URL as the calendar feeds give for this page.
    page_url = request.build_absolute_uri(page.get_url(request)) if request else page.full_url
    events = [
        session_event(page=page, session=s, page_url=page_url, organisation=organisation)
        for s in sessions
    ]
    text = json.dumps(events, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
