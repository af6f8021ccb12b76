"""Staff pages for the sessions of the programme, in the Wagtail admin.

Who sees what: the session list and each session's figures need ``view_session`` or
``view_booking``; names, emails and the export need ``view_booking`` (the box office,
not the programme team); acts that change bookings (cancelling the session, a new
manage link) also need ``change_booking``. A user without the permission gets a 403.
"""

import csv
import io

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import ModelLogEntry

from core.dates import natural_datetime

from . import selectors, services
from .booking_export import BookingExportMixin, neutralise_formula, paris_naive
from .booking_rules import places_left
from .bookings import Booking
from .models import Session
from .reservations import reservation_kinds
from .staff_forms import AttendeeEmailForm, SessionCancelForm

SEE_SESSIONS = ("events.view_session", "events.view_booking")
SEE_PEOPLE = ("events.view_booking",)
CHANGE_BOOKINGS = ("events.view_booking", "events.change_booking")
PER_PAGE = 25


def can_see_people(user) -> bool:
    return user.has_perms(SEE_PEOPLE)


def can_change_bookings(user) -> bool:
    return user.has_perms(CHANGE_BOOKINGS)


class StaffView(WagtailAdminTemplateMixin, TemplateView):
    """An admin page open to users holding any of ``any_of`` and all of ``all_of``."""

    any_of: tuple[str, ...] = ()
    all_of: tuple[str, ...] = ()
    header_icon = "date"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        allowed = user.has_perms(self.all_of) and (
            not self.any_of or any(user.has_perm(p) for p in self.any_of)
        )
        if not allowed:
            return TemplateResponse(
                request,
                "events/admin/session_forbidden.html",
                {"header_icon": "warning", "page_title": _("Not allowed")},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("event_sessions:index"), "label": pgettext("staff", "Sessions")}
        ]


class SessionMixin:
    """A view of one session (``session_id`` in the URL)."""

    @cached_property
    def session(self) -> Session:
        return get_object_or_404(
            Session.objects.select_related("page", "venue"), pk=self.kwargs["session_id"]
        )

    def get_page_title(self):
        return session_label(self.session)

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [
            {"url": self.session_url, "label": session_label(self.session)}
        ]

    @property
    def session_url(self):
        return reverse("event_sessions:detail", args=[self.session.pk])


def session_label(session: Session) -> str:
    return f"{session.page.title} — {natural_datetime(session.start)}"


class SessionIndexView(StaffView):
    template_name = "events/admin/session_index.html"
    any_of = SEE_SESSIONS
    page_title = pgettext_lazy("staff", "Sessions")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": pgettext("staff", "Sessions")}]

    def get_context_data(self, **kwargs):
        past = self.request.GET.get("past") == "1"
        paginator = Paginator(selectors.staff_sessions(past=past), PER_PAGE)
        page_obj = paginator.get_page(self.request.GET.get("p"))
        for session in page_obj.object_list:
            session.places_left = places_left(
                places=session.places, confirmed_seats=session.confirmed_seats
            )
        return super().get_context_data(past=past, page_obj=page_obj, **kwargs)


class SessionDetailView(SessionMixin, StaffView):
    template_name = "events/admin/session_detail.html"
    any_of = SEE_SESSIONS

    def get_breadcrumbs_items(self):
        return StaffView.get_breadcrumbs_items(self) + [
            {"url": "", "label": session_label(self.session)}
        ]

    def get_context_data(self, **kwargs):
        user = self.request.user
        session = self.session
        bookings = selectors.session_bookings(session=session)
        is_cancelled = session.status == Session.Status.CANCELLED
        content_type = ContentType.objects.get_for_model(Session)
        history = (
            ModelLogEntry.objects.filter(
                content_type=content_type,
                object_id=str(session.pk),
                action__startswith="events.session.",
            )
            .select_related("user")
            .order_by("-timestamp")[:20]
        )
        return super().get_context_data(
            session=session,
            page=session.page,
            can_edit_page=session.page.permissions_for_user(user).can_edit(),
            wheelchair_places=getattr(session.page.specific, "wheelchair_places", None),
            is_cancelled=is_cancelled,
            can_see_people=can_see_people(user),
            can_change_bookings=can_change_bookings(user),
            can_cancel=can_change_bookings(user) and (not is_cancelled or bookings["active"]),
            history=history,
            **bookings,
            **kwargs,
        )


class SessionExportView(SessionMixin, BookingExportMixin, StaffView):
    """The session's bookings as CSV (UTF-8 with a BOM, for Excel) or XLSX."""

    all_of = SEE_PEOPLE

    def get(self, request, *args, **kwargs):
        export_format = request.GET.get("format")
        if export_format not in self.FORMATS:
            return HttpResponseBadRequest(_("Unknown export format."))
        bookings = Booking.objects.filter(session=self.session).order_by("created_at", "pk")
        return self.as_spreadsheet(bookings, export_format)

    def get_filename(self):
        local = timezone.localtime(self.session.start)
        return f"{slugify(self.session.page.slug) or 'session'}-{local:%Y-%m-%d-%H%M}"


def view_permission(kind) -> str:
    return f"{kind.model._meta.app_label}.view_{kind.model._meta.model_name}"


class SessionRegisterView(SessionMixin, StaffView):
    """The session's register for funders' reports, as CSV: who was expected through
    every kind of reservation (``events.reservations``) and who came. Each kind's rows
    only for staff who may view that kind's records; nobody else gets in."""

    @property
    def any_of(self):
        return tuple(view_permission(kind) for kind in reservation_kinds())

    def get(self, request, *args, **kwargs):
        kinds = [
            kind for kind in reservation_kinds() if request.user.has_perm(view_permission(kind))
        ]
        yes, no = _("yes"), _("no")
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                _("Event"),
                _("Session starts at"),
                _("Kind"),
                _("Name"),
                _("Email"),
                _("Places"),
                _("Came"),
                _("Checked in at"),
            ]
        )
        start = f"{paris_naive(self.session.start):%Y-%m-%d %H:%M}"
        for line in selectors.session_register_rows(session=self.session, kinds=kinds):
            came = line["checked_in_at"]
            writer.writerow(
                [
                    neutralise_formula(self.session.page.title),
                    start,
                    line["kind"],
                    neutralise_formula(line["name"]),
                    neutralise_formula(line["email"]),
                    line["people"],
                    yes if came else no,
                    f"{paris_naive(came):%Y-%m-%d %H:%M}" if came else "",
                ]
            )
        response = HttpResponse("\ufeff" + out.getvalue(), content_type="text/csv; charset=utf-8")
        local = timezone.localtime(self.session.start)
        filename = f"register-{slugify(self.session.page.slug) or 'session'}-{local:%Y-%m-%d-%H%M}"
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response


class SessionEmailView(SessionMixin, StaffView):
    """Write, preview (who will receive it), then send an email to the attendees."""

    template_name = "events/admin/session_email.html"
    all_of = SEE_PEOPLE

    def get_page_subtitle(self):
        return _("Email the attendees")

    def post(self, request, *args, **kwargs):
        form = AttendeeEmailForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        if "send" not in request.POST:
            recipients = services.session_email_recipients(
                session=self.session, include_waitlisted=data["include_waitlisted"]
            ).count()
            return self.render_to_response(
                self.get_context_data(form=form, preview=True, recipients=recipients)
            )
        sent = services.session_email_attendees(session=self.session, user=request.user, **data)
        messages.success(request, _("%(count)s emails are on their way.") % {"count": sent})
        return redirect(self.session_url)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", AttendeeEmailForm())
        return super().get_context_data(session=self.session, **kwargs)


class SessionCancelView(SessionMixin, StaffView):
    """Confirm, then cancel the session and tell everyone booked."""

    template_name = "events/admin/session_cancel.html"
    all_of = CHANGE_BOOKINGS

    def get_page_subtitle(self):
        return _("Cancel the session")

    def post(self, request, *args, **kwargs):
        form = SessionCancelForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        cancelled = services.session_cancel(
            session=self.session, reason=form.cleaned_data["reason"], user=request.user
        )
        messages.success(
            request,
            _("The session is cancelled; %(count)s people booked are being told.")
            % {"count": len(cancelled)},
        )
        return redirect(self.session_url)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", SessionCancelForm())
        to_tell = Booking.objects.filter(session=self.session, status__in=Booking.ACTIVE)
        return super().get_context_data(session=self.session, to_tell=to_tell.count(), **kwargs)


class BookingNewLinkView(StaffView):
    """Confirm, then revoke a booking's manage link and email the new one."""

    template_name = "events/admin/session_booking_new_link.html"
    all_of = CHANGE_BOOKINGS

    @cached_property
    def booking(self) -> Booking:
        return get_object_or_404(
            Booking.objects.select_related("session__page"), pk=self.kwargs["booking_id"]
        )

    def get_page_title(self):
        return _("New manage link")

    def post(self, request, *args, **kwargs):
        booking = services.booking_reissue_link(booking=self.booking, user=request.user)
        if booking.is_active:
            message = _("The old link no longer works; %(email)s is being sent the new one.")
        else:
            message = _("The old link no longer works (the booking is cancelled: no email).")
        messages.success(request, message % {"email": booking.email})
        return redirect("event_sessions:detail", booking.session_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(booking=self.booking, **kwargs)


urlpatterns = [
    path("", SessionIndexView.as_view(), name="index"),
    path("<int:session_id>/", SessionDetailView.as_view(), name="detail"),
    path("<int:session_id>/export/", SessionExportView.as_view(), name="export"),
    path("<int:session_id>/register/", SessionRegisterView.as_view(), name="register"),
    path("<int:session_id>/email/", SessionEmailView.as_view(), name="email"),
    path("<int:session_id>/cancel/", SessionCancelView.as_view(), name="cancel"),
    path("booking/<int:booking_id>/new-link/", BookingNewLinkView.as_view(), name="new_link"),
]
