"""Admin of premieres (the proposal form, staff lists and decisions) and the sections
premieres add to residents' pages."""

from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from residents.models import ProjectPage

from . import admin_views, selectors, services
from .models import PremiereProposal, RoomRequest, ScreeningRequest


class ViewAndChangePermissionPolicy(ModelPermissionPolicy):
    """Requests come from the public form and the residents: nobody adds or deletes."""

    allowed = {"view", "change"}

    def user_has_permission(self, user, action):
        return action in self.allowed and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) & self.allowed)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) & self.allowed)


for _model in (PremiereProposal, RoomRequest):
    register_permission_policy(_model, ViewAndChangePermissionPolicy(_model))


class RequestIndexView(generic.IndexView):
    """Each row opens the decision page."""

    def get_edit_url(self, instance):
        return reverse("premieres:decide", args=[instance._meta.model_name, instance.pk])


class RequestViewSet(ModelViewSet):
    icon = "date"
    add_to_admin_menu = True
    index_view_class = RequestIndexView
    copy_view_enabled = False
    inspect_view_enabled = True
    list_filter = ["status"]
    search_backend_name = None
    form_fields = ["staff_message"]


class ProposalViewSet(RequestViewSet):
    model = PremiereProposal
    menu_label = _("Premieres")
    menu_order = 275
    list_display = ["project", "wished_from", "wished_until", "status", "created_at"]


class RoomRequestViewSet(RequestViewSet):
    model = RoomRequest
    menu_label = _("Room requests")
    menu_order = 276
    list_display = ["film_title", "director", "wished_from", "status", "created_at"]
    search_fields = ["film_title", "director", "email"]


@hooks.register("register_admin_viewset")
def register_proposals():
    return ProposalViewSet("premieres_proposals")


@hooks.register("register_admin_viewset")
def register_room_requests():
    return RoomRequestViewSet("premieres_room_requests")


@hooks.register("register_admin_urls")
def register_premieres_urls():
    return [
        path("premieres/", include((admin_views.urlpatterns, "premieres"), namespace="premieres"))
    ]


@hooks.register("register_log_actions")
def register_decision_action(actions):
    @actions.register_action(services.DECIDE_ACTION)
    class DecisionFormatter(LogFormatter):
        label = _("Answer")

        def format_message(self, log_entry):
            try:
                return _("Status changed from “%(old)s” to “%(new)s”") % {
                    "old": ScreeningRequest.Status(log_entry.data["from"]).label,
                    "new": ScreeningRequest.Status(log_entry.data["to"]).label,
                }
            except (KeyError, ValueError):
                return _("Status changed")


@hooks.register("register_page_header_buttons")
def propose_premiere_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, ProjectPage):
        yield Button(
            _("Propose a premiere"),
            reverse("premieres:propose", args=[page.pk]),
            icon_name="media",
            priority=40,
        )


@hooks.register("project_page_sections")
def project_premiere_section(request, page):
    premiere = selectors.project_premiere(project=page)
    if premiere is None:
        return ""
    return render_to_string("premieres/project_premiere.html", {"premiere": premiere}, request)


@hooks.register("resident_page_sections")
def resident_premieres_section(request, page):
    premieres = selectors.resident_past_premieres(resident=page)
    if not premieres:
        return ""
    return render_to_string("premieres/resident_premieres.html", {"premieres": premieres}, request)
