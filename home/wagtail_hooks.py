"""Admin: Reports > Email previews, every email of the site in both languages."""

from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Site

from core import mail_admin

from .email_previews import email_previews

# Whoever may read the outgoing email queue may read what it would send.
PERMISSION = mail_admin.PERMISSION


class EmailPreviewsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "home/admin/email_previews.html"
    page_title = gettext_lazy("Email previews")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": _("Email previews")}]

    def get_context_data(self, **kwargs):
        site = Site.find_for_request(self.request) or Site.objects.get(is_default_site=True)
        return super().get_context_data(previews=email_previews(root=site.root_page), **kwargs)


@hooks.register("register_admin_urls")
def register_email_previews_url():
    return [path("email-previews/", EmailPreviewsView.as_view(), name="email_previews")]


class EmailPreviewsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(PERMISSION)


@hooks.register("register_reports_menu_item")
def register_email_previews_menu_item():
    return EmailPreviewsMenuItem(
        _("Email previews"), reverse("email_previews"), icon_name="mail", order=910
    )
