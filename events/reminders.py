"""Stream reminders: the link of an online or hybrid session, emailed once to each
confirmed booking shortly before the start (``STREAM_REMINDER_MINUTES``).

The link is private: besides this email it is shown only on the booking's manage page.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from core.mail import send_later

from .bookings import Booking
from .models import Session


def bookings_due_a_reminder(*, now: datetime):
    horizon = now + timedelta(minutes=settings.STREAM_REMINDER_MINUTES)
    return Booking.objects.filter(
        status=Booking.Status.CONFIRMED,
        reminded_at__isnull=True,
        anonymised_at__isnull=True,
        session__status=Session.Status.SCHEDULED,
        session__attendance_mode__in=[Session.Mode.ONLINE, Session.Mode.HYBRID],
        session__start__gt=now,
        session__start__lte=horizon,
    ).exclude(session__stream_url="")


def stream_reminders_send(*, now: datetime | None = None) -> int:
    """Queue the reminder of every booking due one; the number queued.

    Each booking is claimed by a conditional update before its email is queued, in the
    same transaction: a second run, even a concurrent one, queues nothing again.
    """
    now = now or timezone.now()
    queued = 0
    for booking_id in bookings_due_a_reminder(now=now).values_list("pk", flat=True):
        with transaction.atomic():
            claimed = Booking.objects.filter(pk=booking_id, reminded_at__isnull=True).update(
                reminded_at=now
            )
            if claimed:
                send_later("events.reminders.stream_reminder_email_for", booking_id=booking_id)
                queued += 1
    return queued


def stream_reminder_email_for(*, booking_id: int):
    """The reminder (``core.mail`` builder): nothing if the booking was cancelled, the
    session cancelled or moved in person, or the link removed meanwhile."""
    from .emails import _staff_email, _unanonymised

    booking = _unanonymised(booking_id)
    if booking is None or booking.status != Booking.Status.CONFIRMED:
        return None
    session = booking.session
    if session.is_cancelled or not session.is_streamed:
        return None
    return _staff_email(
        booking=booking, template="stream_reminder", extra={"stream_url": session.stream_url}
    )
