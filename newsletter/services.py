"""Newsletter rules: double opt-in, one-click unsubscribe, the programme letter.

A sign-up (the footer form, or a booking's opt-in once confirmed) records a *pending*
subscriber and emails a signed confirmation link; only following it subscribes. Links
carry the subscriber's id signed with the site's secret (``django.core.signing``): a
link altered by hand is refused and changes nothing.
"""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone

from core.mail import send_later

from .models import ProgrammeLetter, Subscriber, normalise

SALT = "newsletter"
CONFIRM = "confirm"
UNSUBSCRIBE = "unsubscribe"


class LinkInvalid(Exception):
    """The link was altered, has expired, or its subscriber is gone."""


class LetterAlreadySent(Exception):
    pass


def token_for(subscriber: Subscriber, action: str) -> str:
    return signing.dumps([subscriber.pk, action], salt=SALT, compress=True)


def subscriber_for(token: str, action: str) -> Subscriber:
    """The subscriber a link names; ``LinkInvalid`` when it was tampered with, is older
    than ``NEWSLETTER_CONFIRM_DAYS`` (confirmation links) or names nobody now."""
    max_age = settings.NEWSLETTER_CONFIRM_DAYS * 86400 if action == CONFIRM else None
    try:
        pk, signed_action = signing.loads(token, salt=SALT, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkInvalid from None
    if signed_action != action or not isinstance(pk, int):
        raise LinkInvalid
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        raise LinkInvalid
    return subscriber


def subscribe_request(*, email: str, language: str, source: str) -> Subscriber:
    """Record the wish and email the confirmation link. Already subscribed: nothing
    changes and nothing is sent (the answer the visitor sees is the same, so the form
    tells nobody who is subscribed). Unsubscribed before: asked to confirm again."""
    now = timezone.now()
    with transaction.atomic():
        subscriber, created = Subscriber.objects.select_for_update().get_or_create(
            email_key=normalise(email),
            defaults={
                "email": email.strip(),
                "language": language,
                "status": Subscriber.Status.PENDING,
                "source": source,
                "requested_at": now,
            },
        )
        if subscriber.status == Subscriber.Status.SUBSCRIBED:
            return subscriber
        if not created:
            subscriber.email = email.strip()
            subscriber.language = language
            subscriber.source = source
            subscriber.status = Subscriber.Status.PENDING
            subscriber.requested_at = now
            subscriber.save()
        send_later("newsletter.emails.confirmation_email_for", subscriber_id=subscriber.pk)
    return subscriber


def subscribe_from_bookings(sender, *, booking_ids, **kwargs) -> None:
    """Receiver of ``events.signals.bookings_confirmed``: each confirmed booking whose
    person ticked the newsletter box is asked to confirm their subscription."""
    from events.bookings import Booking

    for booking in Booking.objects.filter(pk__in=booking_ids, newsletter=True):
        subscribe_request(
            email=booking.email, language=booking.language, source=Subscriber.Source.BOOKING
        )


def subscription_confirm(*, subscriber: Subscriber) -> Subscriber:
    """Consent given: subscribed from now (a second click keeps the first date)."""
    if subscriber.status != Subscriber.Status.SUBSCRIBED:
        subscriber.status = Subscriber.Status.SUBSCRIBED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at", "email_key"])
    return subscriber


def unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Consent withdrawn; the dates stay as the record of it."""
    if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at", "email_key"])
    return subscriber


def letter_send(*, letter: ProgrammeLetter) -> int:
    """Queue the letter for every subscriber, once: one email each (their own
    unsubscribe link), built when it leaves, in their language. Subscribers are read
    ``NEWSLETTER_BATCH_SIZE`` at a time. Returns how many were queued."""
    with transaction.atomic():
        locked = ProgrammeLetter.objects.select_for_update().get(pk=letter.pk)
        if locked.sent_at is not None:
            raise LetterAlreadySent
        ids = Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED).values_list(
            "pk", flat=True
        )
        count = 0
        for subscriber_id in ids.iterator(chunk_size=settings.NEWSLETTER_BATCH_SIZE):
            send_later(
                "newsletter.emails.letter_email_for",
                letter_id=locked.pk,
                subscriber_id=subscriber_id,
            )
            count += 1
        locked.sent_at = timezone.now()
        locked.recipients = count
        locked.save(update_fields=["sent_at", "recipients"])
    letter.sent_at, letter.recipients = locked.sent_at, locked.recipients
    return count
