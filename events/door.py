"""The door: what a booking's QR code carries, and when a booking may be checked in.

The QR code holds the absolute URL of the booking's check-in page in the admin, built
from ``checkin_code`` (never the manage token: a photographed ticket must not let
anyone cancel the booking). A phone camera opens it; staff not yet logged in go
through the admin login and come back to it.
"""

import io
from datetime import datetime

import segno
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from .bookings import Booking
from .exceptions import (
    BookingNotActive,
    CheckInNoSessionToday,
    CheckInNotAdmitted,
    CheckInNotConfirmed,
    CheckInSessionNotScheduled,
    CheckInWrongDay,
)
from .models import Session
from .reservations import ReservationKind, reservation_kinds


def checkin_url(booking) -> str:
    """The same URL in the email and on the manage page, whatever the language: the
    admin's base URL (``WAGTAILADMIN_BASE_URL``), where staff are logged in. Any kind
    of reservation (``events.reservations``) has one."""
    path = reverse("door:checkin", kwargs={"code": booking.checkin_code})
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def qr_code(booking) -> segno.QRCode:
    return segno.make(checkin_url(booking), error="m", micro=False)


def qr_svg(booking, *, title: str = "") -> str:
    """Inline SVG (no size: CSS scales it), dark on white even in a dark theme."""
    return qr_code(booking).svg_inline(
        omitsize=True, title=title or None, light="#fff", svgclass="qr-code"
    )


def qr_png(booking, *, scale: int = 8) -> bytes:
    """PNG for emails, large enough to scan from a phone screen held up at the door."""
    out = io.BytesIO()
    qr_code(booking).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def is_session_day(*, session: Session, now: datetime) -> bool:
    """Check-in runs on the day of the session (Europe/Paris), and until it ends for a
    session that runs past midnight."""
    same_day = timezone.localdate(now) == timezone.localdate(session.start)
    return same_day or session.start <= now <= session.end


def check_in_refusal(*, booking: Booking, now: datetime):
    """Why this booking cannot be checked in now (the error to raise or show), or
    ``None`` when it can."""
    session = booking.session
    if booking.status == Booking.Status.CANCELLED:
        return BookingNotActive()
    if booking.status != Booking.Status.CONFIRMED:
        return CheckInNotConfirmed()
    if session.status != Session.Status.SCHEDULED:
        return CheckInSessionNotScheduled()
    if not is_session_day(session=session, now=now):
        return CheckInWrongDay()
    return None


# Every other kind of reservation (``events.reservations``): a workshop registration or a
# trainee may hold several sessions; the door checks them in for today's.


def find_reservation(code: str):
    """``(kind, row)`` of the reservation whose QR code carries ``code``, or ``None``."""
    for kind in reservation_kinds():
        row = kind.model.objects.filter(checkin_code=code[:32]).first()
        if row is not None:
            return kind, row
    return None


def todays_session(*, kind: ReservationKind, row, now: datetime) -> Session | None:
    """The session of ``row`` at the door now: scheduled, today (or running)."""
    for session in kind.sessions(row):
        if session.status == Session.Status.SCHEDULED and is_session_day(session=session, now=now):
            return session
    return None


def reservation_refusal(*, kind: ReservationKind, row, session: Session | None):
    """Why ``row`` cannot be checked in for ``session`` (``None``: it can)."""
    if (status_refusal := kind.refusal(row)) is not None:
        return status_refusal
    if session is None:
        return CheckInNoSessionToday()
    if not kind.expected(session).filter(pk=row.pk).exists():
        return CheckInNotAdmitted()
    return None
