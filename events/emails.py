"""Booking emails: rendered in the language of the page booked, with the session's
.ics (same UID as in the public feeds) and the link to manage the booking.

Queued through django-tasks after the transaction commits (``events.services``); in
development and tests the immediate backend sends at once, and a failing mail server
is recorded as a failed task rather than failing the booking.
"""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale

from home.mail import send_later
from home.models import OrganisationSettings

from . import calendar
from .bookings import Booking
from .selectors import pages_for_events, waitlist_position


def booking_email(*, booking: Booking) -> EmailMultiAlternatives:
    session = booking.session
    with translation.override(booking.language):
        locale = Locale.objects.get_for_language(booking.language)
        page = (
            pages_for_events(event_keys={session.event_key}, locale=locale).get(session.event_key)
            or session.page.specific
        )
        site_root = page.get_site().root_url
        page_url = page.get_full_url()
        venue = session.venue.localized if session.venue else None
        context = {
            "booking": booking,
            "session": session,
            "page": page,
            "page_url": page_url,
            "venue": venue,
            "manage_url": site_root + booking.get_absolute_url(),
            "position": waitlist_position(booking=booking),
            "organisation": OrganisationSettings.for_site(page.get_site()),
        }
        subject = render_to_string("events/email/booking_subject.txt", context)
        body = render_to_string("events/email/booking.txt", context)
        ics = calendar.build_calendar(name=page.title, events=[(session, page, page_url)])
    message = EmailMultiAlternatives(" ".join(subject.split()), body, to=[booking.email])
    if booking.status == Booking.Status.CONFIRMED:
        # Only a confirmed place goes in the calendar; a waitlisted request is no event.
        message.attach(f"{page.slug}.ics", calendar.to_bytes(ics), "text/calendar; charset=utf-8")
    return message


def booking_email_for(*, booking_id: int) -> EmailMultiAlternatives | None:
    """The builder ``home.mail`` calls when the email leaves: nothing for a booking
    cancelled (or anonymised) meanwhile."""
    booking = (
        Booking.objects.select_related("session__venue", "session__page")
        .filter(pk=booking_id, anonymised_at__isnull=True)
        .first()
    )
    if booking is None or booking.status == Booking.Status.CANCELLED:
        return None
    return booking_email(booking=booking)


def queue_booking_email(*, booking_id: int) -> None:
    send_later("events.emails.booking_email_for", booking_id=booking_id)
