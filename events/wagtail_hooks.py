"""Admin: staff with the "view booking" permission list and inspect bookings.

Read-only on purpose: every change to a booking goes through ``events.services``
(places, waitlist, emails), never through a generic edit form.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import door_views
from .booking_export import BookingExportMixin
from .bookings import Booking


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Only ``view``: not even superusers add, edit or delete here."""

    def user_has_permission(self, user, action):
        return action == "view" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and super().user_has_permission(user, "view")

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return super().users_with_any_permission([]).none()
        return super().users_with_any_permission(["view"])


register_permission_policy(Booking, ReadOnlyPermissionPolicy(Booking))


class BookingIndexView(BookingExportMixin, IndexView):
    """The list of bookings, exported (``?export=csv`` or ``xlsx``, with the list's
    filters and search) as the session page exports one session's."""

    list_export = ["session", "session_start", *BookingExportMixin.list_export]

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("session__page")


class BookingViewSet(ModelViewSet):
    model = Booking
    index_view_class = BookingIndexView
    export_filename = "bookings"
    icon = "list-ul"
    menu_label = _("Bookings")
    menu_order = 250
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["first_name", "last_name", "email", "seats", "status", "session", "created_at"]
    list_filter = ["status", "wheelchair", "language"]
    search_fields = ["first_name", "last_name", "email"]
    search_backend_name = None
    inspect_view_fields_exclude = ["email_key", "manage_token"]
    form_fields = ["status"]  # required by the viewset; the policy forbids editing


@hooks.register("register_admin_viewset")
def register_booking_viewset():
    return BookingViewSet("bookings")


@hooks.register("before_delete_page")
def keep_pages_whose_sessions_have_bookings(request, page):
    """Deleting the page would delete its sessions and their bookings (the database
    refuses it): staff cancel the sessions instead."""
    pages = page.get_descendants(inclusive=True)
    if Booking.objects.filter(session__page__in=pages).exists():
        messages.error(
            request,
            _(
                "This page has sessions with bookings, so it cannot be deleted: "
                "cancel its sessions instead."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("register_admin_urls")
def register_door_urls():
    return [path("door/", include((door_views.urlpatterns, "door"), namespace="door"))]


class DoorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(door_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_door_menu_item():
    return DoorMenuItem(_("Door"), reverse("door:index"), icon_name="tick-inverse", order=240)


@hooks.register("register_admin_urls")
def register_session_urls():
    from . import staff_views

    return [
        path(
            "sessions/",
            include((staff_views.urlpatterns, "event_sessions"), namespace="event_sessions"),
        )
    ]


class SessionsMenuItem(MenuItem):
    def is_shown(self, request):
        from .staff_views import SEE_SESSIONS

        return any(request.user.has_perm(permission) for permission in SEE_SESSIONS)


@hooks.register("register_admin_menu_item")
def register_sessions_menu_item():
    label = pgettext_lazy("staff", "Sessions")
    return SessionsMenuItem(label, reverse("event_sessions:index"), icon_name="date", order=245)


@hooks.register("register_log_actions")
def register_session_log_actions(actions):
    actions.register_action(
        "events.session.cancel", _("Cancel session"), _("Session cancelled, people notified")
    )
    actions.register_action(
        "events.session.email_attendees", _("Email attendees"), _("Attendees emailed")
    )
    actions.register_action(
        "events.booking.revoke_link", _("New manage link"), _("Manage link replaced and sent")
    )


@hooks.register("register_admin_urls")
def register_season_urls():
    from . import season_views

    return [
        path(
            "sessions/season/",
            include((season_views.urlpatterns, "event_season"), namespace="event_season"),
        )
    ]


@hooks.register("register_page_header_buttons")
def season_button(page, user, view_name, next_url=None):
    """In the editor of an event page (in the language its sessions hang off)."""
    from wagtail.admin.widgets import Button
    from wagtail.models import Locale

    from .registry import kind_page_models
    from .season_views import season_url

    if page.specific_class not in kind_page_models().values():
        return
    if page.locale_id != Locale.get_default().pk:
        return
    if page.permissions_for_user(user).can_edit():
        yield Button(_("Add a season of sessions"), season_url(page), icon_name="date", priority=40)


@hooks.register("register_admin_urls")
def register_calendar_urls():
    from . import admin_calendar

    return [
        path(
            "sessions/calendar/",
            include((admin_calendar.urlpatterns, "event_calendar"), namespace="event_calendar"),
        )
    ]


@hooks.register("register_admin_menu_item")
def register_calendar_menu_item():
    return SessionsMenuItem(
        pgettext_lazy("staff", "Calendar"),
        reverse("event_calendar:month"),
        icon_name="calendar",
        order=246,
    )
