"""The emails to a group's contact, one per change of its request, in the language
they asked in, each with the manage link. Queued through ``core.mail`` in the
transaction of the change; built when sent."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from core.mail import send_later
from core.organisation import organisation_for_site
from events.selectors import page_in_language

EVENTS = ("received", "accepted", "declined", "offered", "cancelled")


def _page(session, language):
    return page_in_language(
        event_key=session.event_key, language=language, fallback=session.page.specific
    )


def group_email_for(*, group_id: int, event: str):
    """The builder ``core.mail`` calls when the email leaves."""
    from .models import GroupRequest

    group = (
        GroupRequest.objects.select_related("session__page", "offered_session__page")
        .filter(pk=group_id, anonymised_at__isnull=True)
        .first()
    )
    if group is None or event not in EVENTS:
        return None
    with translation.override(group.language):
        page = _page(group.session, group.language)
        site = page.get_site()
        organisation = organisation_for_site(site)
        offered = group.offered_session
        context = {
            "group": group,
            "event": event,
            "session": group.session,
            "page": page,
            "offered": offered,
            "offered_page": _page(offered, group.language) if offered else None,
            "manage_url": site.root_url + group.get_absolute_url(),
            "organisation": organisation,
        }
        subject = render_to_string("partners/email/group_subject.txt", context)
        body = render_to_string("partners/email/group.txt", context)
    reply_to = [organisation.email] if organisation.email else []
    return EmailMultiAlternatives(
        " ".join(subject.split()), body, to=[group.email], reply_to=reply_to
    )


def queue_group_email(*, group_id: int, event: str) -> None:
    send_later("partners.emails.group_email_for", group_id=group_id, event=event)
