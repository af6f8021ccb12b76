"""Admin: the outgoing email queue under Reports, for staff allowed to see it."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_api, image_preview, mail_admin, page_cache, personal_data_admin


@hooks.register("register_admin_urls")
def register_outgoing_email_urls():
    return [
        path(
            "outgoing-email/",
            include((mail_admin.urlpatterns, "outgoing_email"), namespace="outgoing_email"),
        )
    ]


# The page cache learns which page is served, and reads its event's places generation
# before the page reads its sessions.
hooks.register("on_serve_page", page_cache.remember_page)


class OutgoingEmailMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(mail_admin.PERMISSION)


@hooks.register("register_reports_menu_item")
def register_outgoing_email_menu_item():
    return OutgoingEmailMenuItem(
        _("Outgoing email"), reverse("outgoing_email:index"), icon_name="mail", order=900
    )


# After Wagtail's own hooks (order), which register the unchecked endpoints.
hooks.register("construct_admin_api", admin_api.register_endpoints, order=100)


@hooks.register("register_admin_urls")
def register_capped_image_preview():
    """Wagtail's preview address, answered by core.image_preview: this app's admin URLs
    come before wagtail.images' (INSTALLED_APPS order), so this one is matched first."""
    return [
        path(
            "images/<int:image_id>/preview/<str:filter_spec>/",
            image_preview.preview,
            name="image_preview_capped",
        )
    ]


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    return [
        path(
            "personal-data/",
            include((personal_data_admin.urlpatterns, "personal_data"), namespace="personal_data"),
        )
    ]


class PersonalDataMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(personal_data_admin.PERMISSION)


@hooks.register("register_settings_menu_item")
def register_personal_data_menu_item():
    return PersonalDataMenuItem(
        _("People's data"), reverse("personal_data:index"), icon_name="user", order=900
    )
