"""Registration emails: in the language registered in, with the .ics of the sessions
the registration covers (same UIDs as the public feeds) and the link to manage it.

Queued by the reservation engine (``events.engine.queue``, kind
``workshops.services.Registrations``); built when sent (``core.mail``), so a
registration cancelled or anonymised meanwhile sends nothing.
"""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from core.organisation import organisation_for_site
from events import calendar
from events.emails import attach_door_qr
from events.selectors import page_in_language

from .registrations import Registration
from .selectors import covered_sessions, waitlist_position


def _page(registration: Registration):
    """The workshop's page in the language the guardian registered in."""
    return page_in_language(
        event_key=registration.session.event_key,
        language=registration.language,
        fallback=registration.workshop,
    )


def registration_email(*, registration: Registration, promoted: bool = False):
    session = registration.session
    with translation.override(registration.language):
        page = _page(registration)
        site = page.get_site()
        page_url = page.get_full_url()
        sessions = covered_sessions(registration=registration)
        context = {
            "registration": registration,
            "promoted": promoted,
            "sessions": sessions,
            "page": page,
            "page_url": page_url,
            "venue": session.venue.localized if session.venue else None,
            "manage_url": site.root_url + registration.get_absolute_url(),
            "position": waitlist_position(registration=registration),
            "organisation": organisation_for_site(site),
        }
        subject = render_to_string("workshops/email/registration_subject.txt", context)
        body = render_to_string("workshops/email/registration.txt", context)
        ics = calendar.build_calendar(
            name=page.title, events=[(s, page, page_url) for s in sessions]
        )
    message = EmailMultiAlternatives(" ".join(subject.split()), body, to=[registration.email])
    if registration.status == Registration.Status.CONFIRMED:
        # Only a confirmed place goes in the calendar; a waitlisted request is no event.
        message.attach(f"{page.slug}.ics", calendar.to_bytes(ics), "text/calendar")
        attach_door_qr(message, reservation=registration)
    return message


def registration_email_for(*, registration_id: int, promoted: bool = False):
    """The builder ``core.mail`` calls when the email leaves."""
    registration = (
        Registration.objects.select_related("session__venue", "workshop")
        .filter(pk=registration_id, anonymised_at__isnull=True)
        .first()
    )
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return None
    return registration_email(registration=registration, promoted=promoted)


def _notice(registration: Registration, template: str, extra: dict):
    """A short notice to the guardian, in the language they registered in."""
    with translation.override(registration.language):
        page = _page(registration)
        site = page.get_site()
        context = {
            "registration": registration,
            "page": page,
            "page_url": page.get_full_url(),
            "manage_url": site.root_url + registration.get_absolute_url(),
            "organisation": organisation_for_site(site),
            **extra,
        }
        subject = render_to_string(f"workshops/email/{template}_subject.txt", context)
        body = render_to_string(f"workshops/email/{template}.txt", context)
    return EmailMultiAlternatives(" ".join(subject.split()), body, to=[registration.email])


def _unanonymised(registration_id: int) -> Registration | None:
    return (
        Registration.objects.select_related("session__venue", "workshop")
        .filter(pk=registration_id, anonymised_at__isnull=True)
        .first()
    )


def registration_cancelled_email_for(*, registration_id: int):
    """The guardian cancelled: confirm it (``core.mail`` builder)."""
    registration = _unanonymised(registration_id)
    if registration is None or registration.status != Registration.Status.CANCELLED:
        return None
    return _notice(
        registration,
        "registration_cancelled",
        {"sessions": covered_sessions(registration=registration)},
    )


def session_cancelled_email_for(*, registration_id: int, session_id: int):
    """Staff cancelled a session the child was registered for (``core.mail`` builder):
    the registration is cancelled with it, or, in a series that goes on, kept for the
    other sessions, which the email lists."""
    from events.models import Session

    registration = _unanonymised(registration_id)
    cancelled = Session.objects.filter(pk=session_id).first()
    if registration is None or cancelled is None:
        return None
    return _notice(
        registration,
        "session_cancelled",
        {
            "cancelled": cancelled,
            "sessions": covered_sessions(registration=registration)
            if registration.is_active
            else [],
        },
    )
