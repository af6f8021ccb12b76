from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from events.staff_views import can_see_people


@hooks.register("register_admin_urls")
def register_feedback_urls():
    from . import admin_views

    return [
        path(
            "feedback/",
            include((admin_views.urlpatterns, "feedback_admin"), namespace="feedback_admin"),
        )
    ]


class FeedbackMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_people(request.user)


@hooks.register("register_reports_menu_item")
def register_feedback_menu_item():
    return FeedbackMenuItem(
        _("Audience feedback"), reverse("feedback_admin:index"), icon_name="pick", order=700
    )
