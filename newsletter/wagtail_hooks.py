from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_urls")
def register_newsletter_urls():
    from . import admin_views

    return [
        path(
            "newsletter/",
            include((admin_views.urlpatterns, "newsletter_admin"), namespace="newsletter_admin"),
        )
    ]


class NewsletterMenuItem(MenuItem):
    def is_shown(self, request):
        from .admin_views import can_use_newsletter

        return can_use_newsletter(request.user)


@hooks.register("register_admin_menu_item")
def register_newsletter_menu_item():
    return NewsletterMenuItem(
        _("Newsletter"), reverse("newsletter_admin:index"), icon_name="mail", order=460
    )
