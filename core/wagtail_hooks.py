"""Admin: the outgoing email queue under Reports, for staff allowed to see it."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import mail_admin, page_cache


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
