from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from events.staff_views import can_see_people

from .models import PartnerOrganisation


class PartnerOrganisationViewSet(SnippetViewSet):
    model = PartnerOrganisation
    icon = "group"
    menu_label = _("Partner organisations")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "kind", "contact_name", "email", "phone"]
    list_filter = ["kind"]
    search_fields = ["name", "contact_name", "email"]


register_snippet(PartnerOrganisationViewSet)


@hooks.register("register_admin_urls")
def register_group_urls():
    from . import admin_views

    return [
        path(
            "groups/",
            include((admin_views.urlpatterns, "group_admin"), namespace="group_admin"),
        )
    ]


class GroupMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_people(request.user)


@hooks.register("register_admin_menu_item")
def register_group_menu_item():
    return GroupMenuItem(
        _("Group requests"), reverse("group_admin:index"), icon_name="group", order=305
    )
