"""Audience feedback: who is asked, the signed link, recording one answer per booking."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.mail import send_later
from events.bookings import Booking
from events.models import Session

from .exceptions import FeedbackAlreadyGiven, FeedbackLinkExpired, FeedbackLinkInvalid
from .models import Feedback, FeedbackRequest

SALT = "feedback.link"
# Sessions that ended this many days before today are still asked (a missed daily run).
CATCH_UP_DAYS = 3


def feedback_token(*, booking: Booking) -> str:
    return signing.dumps(booking.pk, salt=SALT, compress=True)


def booking_for_token(*, token: str) -> Booking:
    """The booking a feedback link was made for; the link expires after
    ``FEEDBACK_LINK_DAYS``."""
    try:
        booking_id = signing.loads(
            token, salt=SALT, max_age=timedelta(days=settings.FEEDBACK_LINK_DAYS)
        )
    except signing.SignatureExpired as error:
        raise FeedbackLinkExpired from error
    except signing.BadSignature as error:
        raise FeedbackLinkInvalid from error
    booking = (
        Booking.objects.select_related("session__page")
        .filter(pk=booking_id, anonymised_at__isnull=True)
        .exclude(status=Booking.Status.CANCELLED)
        .first()
    )
    if booking is None:
        raise FeedbackLinkInvalid
    return booking


def feedback_record(
    *, booking: Booking, rating: int, heard_from: str, liked: str = "", postcode: str = ""
) -> Feedback:
    try:
        with transaction.atomic():
            return Feedback.objects.create(
                booking=booking,
                rating=rating,
                heard_from=heard_from,
                liked=liked.strip(),
                postcode=postcode.strip().upper(),
            )
    except IntegrityError as error:
        raise FeedbackAlreadyGiven from error


def bookings_to_ask(*, session: Session):
    """The people who came: those checked in, or, if nobody was checked in at this
    session, every confirmed booking not marked as a no-show."""
    confirmed = session.bookings.filter(status=Booking.Status.CONFIRMED, anonymised_at__isnull=True)
    checked_in = confirmed.filter(checked_in_at__isnull=False)
    if session.bookings.filter(checked_in_at__isnull=False).exists():
        return checked_in
    return confirmed.filter(no_show=False)


def sessions_to_ask_about(*, now: datetime):
    """Sessions that ended before today (Europe/Paris), in the last few days."""
    today = timezone.localdate(now)
    midnight = timezone.make_aware(datetime.combine(today, time.min))
    return Session.objects.filter(
        status=Session.Status.SCHEDULED,
        end__lt=midnight,
        end__gte=midnight - timedelta(days=CATCH_UP_DAYS),
    ).order_by("end")


def feedback_requests_send(*, now: datetime | None = None) -> int:
    """Queue the feedback email of each booking to ask; each booking once."""
    now = now or timezone.now()
    queued = 0
    for session in sessions_to_ask_about(now=now):
        ids = bookings_to_ask(session=session).filter(feedback_request__isnull=True)
        for booking_id in ids.values_list("pk", flat=True):
            with transaction.atomic():
                _request, created = FeedbackRequest.objects.get_or_create(
                    booking_id=booking_id, defaults={"sent_at": now}
                )
                if created:
                    send_later("feedback.emails.feedback_request_email_for", booking_id=booking_id)
                    queued += 1
    return queued
