"""Booking emails: rendered in the language of the page booked, with the session's
.ics (same UID as in the public feeds) and the link to manage the booking.

Queued by the reservation engine (``events.engine.queue``) in the booking's transaction
and built when they leave (``core.mail``); in development and tests the immediate
backend sends at once, and a failing mail server is recorded as a failed task rather
than failing the booking.
"""

from email.mime.image import MIMEImage

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import SafeMIMEMultipart
from django.template.loader import render_to_string
from django.utils import translation

from core.organisation import organisation_for_site

from . import calendar, door
from .bookings import Booking
from .selectors import page_in_language, waitlist_position, waits_for_wheelchair_place

QR_CONTENT_ID = "qr-code@fabrique"
QR_FILENAMES = {"fr": "billet-qr.png", "en": "ticket-qr.png"}


class EmailWithInlineImages(EmailMultiAlternatives):
    """An HTML alternative whose images travel with it, the way mail clients expect:
    mixed(alternative(text, related(html, images...)), attachments...)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.inline_images = []

    def attach_inline_image(self, content: bytes, *, content_id: str) -> None:
        image = MIMEImage(content, _subtype="png")
        image.add_header("Content-ID", f"<{content_id}>")
        image.add_header("Content-Disposition", "inline")
        self.inline_images.append(image)

    def _create_alternatives(self, msg):
        msg = super()._create_alternatives(msg)
        if self.inline_images and self.alternatives:
            related = SafeMIMEMultipart(
                _subtype="related", encoding=self.encoding or settings.DEFAULT_CHARSET
            )
            parts = msg.get_payload()
            related.attach(parts[-1])  # the HTML alternative, attached last
            for image in self.inline_images:
                related.attach(image)
            parts[-1] = related
        return msg


def booking_email(*, booking: Booking) -> EmailMultiAlternatives:
    session = booking.session
    with translation.override(booking.language):
        page = page_in_language(
            event_key=session.event_key, language=booking.language, fallback=session.page.specific
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
            "waits_for_wheelchair": waits_for_wheelchair_place(booking=booking),
            "organisation": organisation_for_site(page.get_site()),
            "qr_content_id": QR_CONTENT_ID,
        }
        subject = render_to_string("events/email/booking_subject.txt", context)
        body = render_to_string("events/email/booking.txt", context)
        ics = calendar.build_calendar(name=page.title, events=[(session, page, page_url)])
        confirmed = booking.status == Booking.Status.CONFIRMED
        html = render_to_string("events/email/booking.html", context) if confirmed else None
    message = EmailWithInlineImages(" ".join(subject.split()), body, to=[booking.email])
    if confirmed:
        # Only a confirmed place goes in the calendar and through the door; a
        # waitlisted request is neither an event nor a ticket.
        message.attach(f"{page.slug}.ics", calendar.to_bytes(ics), "text/calendar")
        qr = door.qr_png(booking)
        message.attach_alternative(html, "text/html")
        message.attach_inline_image(qr, content_id=QR_CONTENT_ID)
        message.attach(QR_FILENAMES.get(booking.language, "ticket-qr.png"), qr, "image/png")
    return message


def attach_door_qr(message, *, reservation) -> None:
    """The ticket of any kind of reservation (``events.reservations``): the QR code of
    its check-in page, attached as a PNG to show at the door."""
    filename = QR_FILENAMES.get(reservation.language, "ticket-qr.png")
    message.attach(filename, door.qr_png(reservation), "image/png")


def booking_email_for(*, booking_id: int) -> EmailMultiAlternatives | None:
    """The builder ``core.mail`` calls when the email leaves: nothing for a booking
    cancelled (or anonymised) meanwhile."""
    booking = (
        Booking.objects.select_related("session__venue", "session__page")
        .filter(pk=booking_id, anonymised_at__isnull=True)
        .first()
    )
    if booking is None or booking.status == Booking.Status.CANCELLED:
        return None
    return booking_email(booking=booking)


def _page_for(booking: Booking):
    """The page of the booking's session in the language the person booked in."""
    session = booking.session
    return page_in_language(
        event_key=session.event_key, language=booking.language, fallback=session.page.specific
    )


def _unanonymised(booking_id: int) -> Booking | None:
    return (
        Booking.objects.select_related("session__venue", "session__page")
        .filter(pk=booking_id, anonymised_at__isnull=True)
        .first()
    )


def _staff_email(*, booking: Booking, template: str, extra: dict) -> EmailMultiAlternatives:
    """A staff email to one booked person, in their language, answerable to the
    organisation's address."""
    with translation.override(booking.language):
        page = _page_for(booking)
        site = page.get_site()
        organisation = organisation_for_site(site)
        context = {
            "booking": booking,
            "session": booking.session,
            "page": page,
            "page_url": page.get_full_url(),
            "manage_url": site.root_url + booking.get_absolute_url(),
            "organisation": organisation,
            **extra,
        }
        subject = render_to_string(f"events/email/{template}_subject.txt", context)
        body = render_to_string(f"events/email/{template}.txt", context)
    reply_to = [organisation.email] if organisation.email else []
    return EmailMultiAlternatives(
        " ".join(subject.split()), body, to=[booking.email], reply_to=reply_to
    )


def attendee_message_for(*, booking_id: int, subject: str, body: str):
    """Staff's message to the people booked for a session (``core.mail`` builder):
    nothing for a booking cancelled or anonymised since it was queued."""
    booking = _unanonymised(booking_id)
    if booking is None or not booking.is_active:
        return None
    return _staff_email(
        booking=booking, template="attendee_message", extra={"subject": subject, "body": body}
    )


def session_cancelled_email_for(*, booking_id: int, reason: str = ""):
    """Tell a person their session is cancelled (``core.mail`` builder)."""
    booking = _unanonymised(booking_id)
    if booking is None:
        return None
    return _staff_email(booking=booking, template="session_cancelled", extra={"reason": reason})


def booking_cancelled_email_for(*, booking_id: int):
    """Confirm to a person that they cancelled their booking (``core.mail`` builder):
    nothing if it was booked again meanwhile or anonymised."""
    booking = _unanonymised(booking_id)
    if booking is None or booking.status != Booking.Status.CANCELLED:
        return None
    return _staff_email(booking=booking, template="booking_cancelled", extra={})
