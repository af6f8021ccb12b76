"""The newsletter's emails (``core.mail`` builders), in the subscriber's language.

Every letter carries the subscriber's own unsubscribe link, in its text and in the
``List-Unsubscribe`` header with ``List-Unsubscribe-Post`` (RFC 8058), so mail apps
offer their one-click button: their POST to the link unsubscribes at once.
"""

from datetime import timedelta

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale, Site

from core.organisation import organisation_for_site
from events.selectors import upcoming_sessions, with_pages

from .models import ProgrammeLetter, Subscriber
from .services import CONFIRM, UNSUBSCRIBE, token_for


def _link(site: Site, name: str, subscriber: Subscriber, action: str) -> str:
    with translation.override(subscriber.language):
        return site.root_url + reverse(name, args=[token_for(subscriber, action)])


def _message(subscriber: Subscriber, template: str, context: dict, headers=None):
    site = Site.objects.get(is_default_site=True)
    organisation = organisation_for_site(site)
    context = {"subscriber": subscriber, "organisation": organisation, **context}
    with translation.override(subscriber.language):
        subject = render_to_string(f"newsletter/email/{template}_subject.txt", context)
        body = render_to_string(f"newsletter/email/{template}.txt", context)
    reply_to = [organisation.email] if organisation.email else []
    return EmailMessage(
        " ".join(subject.split()),
        body,
        to=[subscriber.email],
        reply_to=reply_to,
        headers=headers or {},
    )


def confirmation_email_for(*, subscriber_id: int) -> EmailMessage | None:
    """The double opt-in link; nothing once confirmed, unsubscribed or erased."""
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.PENDING
    ).first()
    if subscriber is None:
        return None
    site = Site.objects.get(is_default_site=True)
    return _message(
        subscriber,
        "confirm",
        {"confirm_url": _link(site, "newsletter_confirm", subscriber, CONFIRM)},
    )


def letter_sessions(*, letter: ProgrammeLetter, language: str, now=None) -> list:
    """The sessions the letter lists: those starting within its ``days``, each with its
    page in ``language``."""
    now = now or timezone.now()
    sessions = upcoming_sessions(now=now).filter(
        start__gte=now, start__lt=now + timedelta(days=letter.days), status="scheduled"
    )
    locale = Locale.objects.get_for_language(language)
    return [s for s in with_pages(sessions, locale=locale, with_images=False) if s.event_page]


def letter_email_for(*, letter_id: int, subscriber_id: int) -> EmailMessage | None:
    """The programme letter for one subscriber; nothing if they left meanwhile."""
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.SUBSCRIBED
    ).first()
    letter = ProgrammeLetter.objects.filter(pk=letter_id).first()
    if subscriber is None or letter is None:
        return None
    site = Site.objects.get(is_default_site=True)
    unsubscribe_url = _link(site, "newsletter_unsubscribe", subscriber, UNSUBSCRIBE)
    language = subscriber.language
    return _message(
        subscriber,
        "letter",
        {
            "subject": letter.subject(language),
            "introduction": letter.introduction(language),
            "sessions": letter_sessions(letter=letter, language=language),
            "site_root": site.root_url,
            "unsubscribe_url": unsubscribe_url,
        },
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
