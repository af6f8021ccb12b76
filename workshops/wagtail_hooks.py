"""Admin of the workshops app: registrations.

Read-only listings: every change goes through ``workshops.services`` (places,
waitlist, emails), never through a generic edit form. Personal data is shown only to
staff with the model's "view" permission.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from events.wagtail_hooks import ReadOnlyPermissionPolicy

from .registrations import Registration

# Workshop registrations -------------------------------------------------------------

register_permission_policy(Registration, ReadOnlyPermissionPolicy(Registration))


class RegistrationIndexView(IndexView):
    def get_base_queryset(self):
        # The listing shows each registration's workshop and session (whose name is
        # its page's title): fetched with the rows, not one query per row.
        return super().get_base_queryset().select_related("workshop", "session__page")


class RegistrationViewSet(ModelViewSet):
    model = Registration
    index_view_class = RegistrationIndexView
    icon = "group"
    menu_label = _("Workshop registrations")
    menu_order = 260
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "child_first_name",
        "guardian_last_name",
        "email",
        "phone",
        "status",
        "workshop",
        "session",
        "image_consent",
        "created_at",
    ]
    list_filter = ["workshop", "status"]
    list_export = [
        "workshop",
        "session",
        "covers_series",
        "status",
        "child_first_name",
        "child_birth_date",
        "guardian_first_name",
        "guardian_last_name",
        "email",
        "phone",
        "image_consent",
        "image_consent_at",
        "participation_consent_at",
        "notes",
        "language",
        "created_at",
        "confirmed_at",
        "cancelled_at",
    ]
    export_filename = "workshop-registrations"
    search_fields = ["child_first_name", "guardian_first_name", "guardian_last_name", "email"]
    search_backend_name = None
    inspect_view_fields_exclude = ["email_key", "child_key", "manage_token", "checkin_code"]
    form_fields = ["status"]  # required by the viewset; the policy forbids editing


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return RegistrationViewSet("workshop_registrations")


@hooks.register("before_delete_page")
def keep_workshops_with_registrations(request, page):
    """Deleting the page would delete the registrations' workshop (the database
    refuses it): staff cancel the sessions instead."""
    pages = page.get_descendants(inclusive=True)
    if Registration.objects.filter(workshop_id__in=pages.values("pk")).exists():
        messages.error(
            request,
            _(
                "This page has workshop registrations, so it cannot be deleted: "
                "cancel its sessions instead."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


# End of workshop registrations -------------------------------------------------------
