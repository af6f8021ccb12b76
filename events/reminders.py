"""Reminders, sent by ``manage.py send_session_reminders`` (a timer runs it every few
minutes, docs/deploy.md):

- the day before (``DAY_REMINDER_HOURS``): every person holding a place on a session,
  through any kind of reservation (``events.reservations``: bookings, workshop
  registrations, accepted trainees), in person too, in their language, with the link to
  give their places back; once per reservation and session;
- stream reminders: the link of an online or hybrid session, emailed once to each
  confirmed booking shortly before the start (``STREAM_REMINDER_MINUTES``). The link is
  private: besides this email it is shown only on the booking's manage page.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import concurrency
from core.mail import send_later

from .bookings import Booking
from .models import Session
from .reminder_records import DayReminder
from .reservations import reservation_kind, reservation_kinds


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


def sessions_due_a_day_reminder(*, now: datetime):
    horizon = now + timedelta(hours=settings.DAY_REMINDER_HOURS)
    return Session.objects.filter(
        status=Session.Status.SCHEDULED, start__gt=now, start__lte=horizon
    ).order_by("start", "pk")


def day_reminders_send(*, now: datetime | None = None) -> int:
    """Queue the day-before reminder of every reservation due one; the number queued.

    Each (reservation, session) is claimed by inserting its ``DayReminder`` before the
    email is queued, in the same transaction: the unique constraint makes a second run,
    even a concurrent one, find the claim and queue nothing again."""
    now = now or timezone.now()
    queued = 0
    for session in sessions_due_a_day_reminder(now=now):
        for kind in reservation_kinds():
            content_type = ContentType.objects.get_for_model(kind.model)
            done = set(
                DayReminder.objects.filter(session=session, content_type=content_type).values_list(
                    "object_id", flat=True
                )
            )
            for row_id in kind.expected(session).values_list("pk", flat=True):
                if row_id in done:
                    continue
                concurrency.between_read_and_write("day_reminder")
                with transaction.atomic():
                    claimed = _claim(
                        session=session, content_type=content_type, row_id=row_id, now=now
                    )
                    if claimed:
                        send_later(
                            "events.reminders.day_reminder_email_for",
                            kind_name=kind.name,
                            row_id=row_id,
                            session_id=session.pk,
                        )
                        queued += 1
    return queued


def _claim(*, session, content_type, row_id: int, now: datetime) -> bool:
    """Record the reminder; false if another run recorded it first (the unique
    constraint makes a concurrent insert wait for it, then find it)."""
    _reminder, created = DayReminder.objects.get_or_create(
        session=session, content_type=content_type, object_id=row_id, defaults={"sent_at": now}
    )
    return created


def day_reminder_email_for(*, kind_name: str, row_id: int, session_id: int):
    """The day-before reminder (``core.mail`` builder): nothing if the place was given
    back, the session cancelled, or the person's data erased meanwhile."""
    from core.organisation import organisation_for_site

    from .selectors import page_in_language

    kind = reservation_kind(kind_name)
    session = Session.objects.select_related("venue", "page").filter(pk=session_id).first()
    if kind is None or session is None or session.is_cancelled:
        return None
    row = kind.expected(session).filter(pk=row_id).first()
    if row is None or getattr(row, "anonymised_at", None) or not row.email:
        return None
    with translation.override(row.language):
        page = page_in_language(
            event_key=session.event_key, language=row.language, fallback=session.page.specific
        )
        site = page.get_site()
        organisation = organisation_for_site(site)
        manage = getattr(row, "get_absolute_url", None)
        context = {
            "session": session,
            "page": page,
            "page_url": page.get_full_url(),
            "venue": session.venue.localized if session.venue else None,
            "who": kind.display_name(row),
            "places": kind.people(row),
            "manage_url": site.root_url + manage() if manage else "",
            "organisation": organisation,
        }
        subject = render_to_string("events/email/day_reminder_subject.txt", context)
        body = render_to_string("events/email/day_reminder.txt", context)
    reply_to = [organisation.email] if organisation.email else []
    return EmailMultiAlternatives(
        " ".join(subject.split()), body, to=[row.email], reply_to=reply_to
    )
