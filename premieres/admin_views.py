"""Admin pages of premieres: a resident proposes a premiere from their own project;
staff answer premiere proposals and room requests (accept, decline, another date).

A resident proposing from another resident's project gets a 403, as does anyone
without ``premieres.change_<model>`` opening a decision page."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from residents.models import ProjectPage

from . import services
from .exceptions import PremiereError
from .forms import DecisionForm, PremiereProposalForm
from .models import PremiereProposal, RoomRequest

MODELS = {"premiereproposal": PremiereProposal, "roomrequest": RoomRequest}
INDEX_URLS = {
    "premiereproposal": "premieres_proposals:index",
    "roomrequest": "premieres_room_requests:index",
}


def _language(user) -> str:
    account = getattr(user, "resident_account", None)
    return account.language if account is not None else get_language()[:2]


class ProposeView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "premieres/admin/propose.html"
    header_icon = "media"

    @cached_property
    def project(self) -> ProjectPage:
        return get_object_or_404(ProjectPage, pk=self.kwargs["project_id"])

    def dispatch(self, request, *args, **kwargs):
        if not services.user_may_propose(user=request.user, project=self.project):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Propose a premiere of “%(title)s”") % {"title": self.project.title}

    def post(self, request, *args, **kwargs):
        form = PremiereProposalForm(request.POST)
        if form.is_valid():
            try:
                services.premiere_propose(
                    project=self.project,
                    user=request.user,
                    language=_language(request.user),
                    **form.cleaned_data,
                )
            except PremiereError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Your proposal is sent: the team will answer you by email.")
                )
                return redirect("wagtailadmin_pages:edit", self.project.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", PremiereProposalForm())
        kwargs["project"] = self.project
        kwargs["proposals"] = PremiereProposal.objects.filter(project=self.project)
        return super().get_context_data(**kwargs)


class DecideView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "premieres/admin/decide.html"
    header_icon = "date"

    @cached_property
    def request_obj(self):
        model = MODELS.get(self.kwargs["model"])
        if model is None:
            raise PermissionDenied
        return get_object_or_404(model, pk=self.kwargs["pk"])

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(f"premieres.change_{self.kwargs['model']}"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.request_obj)

    def post(self, request, *args, **kwargs):
        form = DecisionForm(request.POST)
        if form.is_valid():
            try:
                services.request_decide(
                    request_obj=self.request_obj,
                    decision=form.cleaned_data["decision"],
                    start=form.cleaned_data["start"],
                    message=form.cleaned_data["message"],
                    by_user=request.user,
                )
            except PremiereError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Your answer is recorded and on its way by email."))
                return redirect(INDEX_URLS[self.kwargs["model"]])
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", DecisionForm())
        kwargs["request_obj"] = self.request_obj
        kwargs["index_url"] = reverse(INDEX_URLS[self.kwargs["model"]])
        return super().get_context_data(**kwargs)


urlpatterns = [
    path("propose/<int:project_id>/", ProposeView.as_view(), name="propose"),
    path("<str:model>/<int:pk>/decide/", DecideView.as_view(), name="decide"),
]
