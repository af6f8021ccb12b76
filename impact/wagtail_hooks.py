from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from events.staff_views import can_see_people


@hooks.register("register_admin_urls")
def register_impact_urls():
    from . import views

    return [path("impact/", include((views.urlpatterns, "impact"), namespace="impact"))]


class ImpactMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_people(request.user)


@hooks.register("register_reports_menu_item")
def register_impact_menu_item():
    return ImpactMenuItem(
        _("Attendance and impact"), reverse("impact:dashboard"), icon_name="table", order=690
    )
