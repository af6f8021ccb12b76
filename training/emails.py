"""Training application emails, in the language the applicant applied in.

Built when they leave (``core.mail``): nothing is sent for an application anonymised
meanwhile, nor for a decision that staff have already changed again.
"""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from core.organisation import organisation_for_site
from events import calendar
from events.emails import attach_door_qr
from events.selectors import event_sessions, page_in_language

from .models import Application


def _context(application: Application) -> dict:
    """Call with the applicant's language active."""
    module = application.module
    page = page_in_language(
        event_key=module.translation_key, language=application.language, fallback=module
    )
    sessions = list(event_sessions(event_key=module.translation_key))
    return {
        "application": application,
        "page": page,
        "page_url": page.get_full_url(),
        "manage_url": page.get_site().root_url + application.get_absolute_url(),
        "sessions": sessions,
        "organisation": organisation_for_site(page.get_site()),
    }


def _message(application: Application, template: str, context: dict) -> EmailMessage:
    subject = render_to_string(f"training/email_{template}_subject.txt", context)
    body = render_to_string(f"training/email_{template}.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[application.email])


def _application(application_id: int) -> Application | None:
    return (
        Application.objects.select_related("module")
        .filter(pk=application_id, anonymised_at__isnull=True)
        .first()
    )


def acknowledgement_email_for(*, application_id: int) -> EmailMessage | None:
    """We have your application (sent whatever its status now: it did arrive)."""
    application = _application(application_id)
    if application is None:
        return None
    with translation.override(application.language):
        return _message(application, "received", _context(application))


def decision_email_for(*, application_id: int, status: str) -> EmailMessage | None:
    """The decision ``status``, unless staff have moved the application on since."""
    application = _application(application_id)
    if application is None or application.status != status:
        return None
    with translation.override(application.language):
        context = _context(application)
        message = _message(application, "decision", context)
        if status == Application.Status.ACCEPTED and context["sessions"]:
            page, url = context["page"], context["page_url"]
            ics = calendar.build_calendar(
                name=page.title, events=[(session, page, url) for session in context["sessions"]]
            )
            message.attach(f"{page.slug}.ics", calendar.to_bytes(ics), "text/calendar")
        if status == Application.Status.ACCEPTED:
            # A trainee is checked in at the door like a booking.
            attach_door_qr(message, reservation=application)
    return message


def session_cancelled_email_for(*, application_id: int, session_id: int):
    """A session of the module is cancelled: nothing for an applicant who has
    withdrawn or been declined since."""
    from events.models import Session

    from .services import CONCERNED

    application = _application(application_id)
    cancelled = Session.objects.filter(pk=session_id).first()
    if application is None or cancelled is None or application.status not in CONCERNED:
        return None
    with translation.override(application.language):
        context = _context(application)
        context["cancelled"] = cancelled
        context["sessions"] = [
            s for s in context["sessions"] if s.status == Session.Status.SCHEDULED
        ]
        return _message(application, "session_cancelled", context)
