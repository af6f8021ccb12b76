"""Admin views for the door, made for a phone: pick a session, find a name, check in.

A booking's QR code opens ``door:checkin`` (the admin login first, if needed). GET only
shows; every change is a POST (CSRF) through ``events.services`` and redirects back.
Only staff with ``events.check_in_booking`` (the box office) or superusers get in.
"""

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.admin.auth import permission_required

from core.dates import natural_datetime

from . import door, services
from .bookings import Booking
from .exceptions import BookingError
from .models import Session
from .reservations import Attendance
from .selectors import door_bookings, door_counts, door_sessions, session_register

PERMISSION = "events.check_in_booking"
door_required = permission_required(PERMISSION)


def hh_mm(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


@door_required
@require_http_methods(["GET", "HEAD"])
def index(request):
    """Today's and the coming week's sessions, soonest first."""
    return TemplateResponse(request, "events/admin/door_index.html", {"sessions": door_sessions()})


@door_required
@require_http_methods(["GET", "HEAD"])
def session_list(request, session_id: int):
    """The confirmed bookings of one session by last name, with the counts on top."""
    session = get_object_or_404(Session.objects.select_related("page", "venue"), pk=session_id)
    search = request.GET.get("q", "")[:100]
    context = {
        "session": session,
        "search": search,
        "bookings": door_bookings(session=session, search=search),
        "counts": door_counts(session=session),
        "register": session_register(session=session, search=search),
        "started": timezone.now() >= session.start,
        "is_session_day": door.is_session_day(session=session, now=timezone.now()),
    }
    return TemplateResponse(request, "events/admin/door_session.html", context)


@door_required
@require_http_methods(["GET", "HEAD", "POST"])
def checkin(request, code: str):
    """What the QR code opens: the booking, and one big button to check it in."""
    booking = (
        Booking.objects.select_related("session__page", "session__venue")
        .filter(checkin_code=code[:32])
        .first()
    )
    if booking is None and (found := door.find_reservation(code)) is not None:
        return _reservation_checkin(request, *found)
    if booking is None:
        context = {"unknown": True}
        return TemplateResponse(request, "events/admin/door_checkin.html", context, status=404)
    if request.method == "POST":
        _apply(request, booking, request.POST.get("action"))
        return HttpResponseRedirect(_next_url(request, booking))
    now = timezone.now()
    refusal = door.check_in_refusal(booking=booking, now=now)
    context = {
        "booking": booking,
        "session": booking.session,
        "when": natural_datetime(booking.session.start),
        "refusal": refusal,
        "checked_in_time": hh_mm(booking.checked_in_at) if booking.checked_in_at else "",
        "started": now >= booking.session.start,
        "Status": Booking.Status,
    }
    return TemplateResponse(request, "events/admin/door_checkin.html", context)


def _reservation_checkin(request, kind, row):
    """A workshop participant's or a trainee's QR code: the same page and buttons as a
    booking's, for today's session of their registration or module."""
    name = kind.display_name(row)
    now = timezone.now()
    session = door.todays_session(kind=kind, row=row, now=now)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "check_in":
                session, attendance, now_in = services.reservation_check_in(reservation=row)
                if now_in:
                    messages.success(request, _("%(name)s is checked in.") % {"name": name})
                else:
                    messages.warning(
                        request,
                        _("%(name)s was already checked in at %(time)s.")
                        % {"name": name, "time": hh_mm(attendance.checked_in_at)},
                    )
            elif action == "undo" and session is not None:
                services.reservation_undo_check_in(reservation=row, session=session)
                messages.success(request, _("Check-in of %(name)s undone.") % {"name": name})
            else:
                messages.error(request, _("Unknown action."))
        except BookingError as error:
            messages.error(request, f"{name}: {error.message}")
        return HttpResponseRedirect(_next_url(request, row))
    attendance = (
        Attendance.objects.filter(
            session=session,
            content_type=ContentType.objects.get_for_model(kind.model),
            object_id=row.pk,
        ).first()
        if session
        else None
    )
    context = {
        "kind": kind,
        "row": row,
        "name": name,
        "session": session,
        "sessions": list(kind.sessions(row)),
        "when": natural_datetime(session.start) if session else "",
        "refusal": door.reservation_refusal(kind=kind, row=row, session=session),
        "checked_in_time": hh_mm(attendance.checked_in_at) if attendance else "",
    }
    return TemplateResponse(request, "events/admin/door_checkin_reservation.html", context)


def _apply(request, booking: Booking, action: str | None) -> None:
    """One door action, told back to staff as a message (never an exception)."""
    name = f"{booking.first_name} {booking.last_name}"
    try:
        if action == "check_in":
            booking, checked_in_now = services.booking_check_in(booking=booking)
            if checked_in_now:
                messages.success(request, _("%(name)s is checked in.") % {"name": name})
            else:
                messages.warning(
                    request,
                    _("%(name)s was already checked in at %(time)s.")
                    % {"name": name, "time": hh_mm(booking.checked_in_at)},
                )
        elif action == "undo":
            services.booking_undo_check_in(booking=booking)
            messages.success(request, _("Check-in of %(name)s undone.") % {"name": name})
        elif action in ("no_show", "not_no_show"):
            no_show = action == "no_show"
            services.booking_mark_no_show(booking=booking, no_show=no_show)
            if no_show:
                messages.success(request, _("%(name)s is marked as not come.") % {"name": name})
            else:
                messages.success(request, _("%(name)s is expected again.") % {"name": name})
        else:
            messages.error(request, _("Unknown action."))
    except BookingError as error:
        messages.error(request, f"{name}: {error.message}")


def _next_url(request, booking) -> str:
    """Back to the list the button was on, or to the booking's check-in page."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("door:checkin", kwargs={"code": booking.checkin_code})


urlpatterns = [
    path("", index, name="index"),
    path("session/<int:session_id>/", session_list, name="session"),
    path("checkin/<str:code>/", checkin, name="checkin"),
]
