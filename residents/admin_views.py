"""Admin pages for resident accounts: invite, send the invitation again, direct
publishing, end a residency and undo it. Open to users who may change resident
accounts (the programme team, administrators); anyone else gets a 403."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import services
from .admin_forms import EndResidencyForm, InviteForm
from .exceptions import EmailAlreadyUsed, PageAlreadyHasAccount
from .models import ResidentAccount

PERMISSION = "residents.change_residentaccount"


def can_manage_residents(user) -> bool:
    return user.has_perm(PERMISSION)


class ResidentAdminView(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_residents(request.user):
            return TemplateResponse(
                request,
                "events/admin/session_forbidden.html",
                {"header_icon": "warning", "page_title": _("Not allowed")},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("resident_accounts:index"), "label": _("Resident accounts")}
        ]


class AccountIndexView(ResidentAdminView):
    template_name = "residents/admin/account_index.html"
    page_title = gettext_lazy("Resident accounts")

    def get_context_data(self, **kwargs):
        accounts = ResidentAccount.objects.select_related("user", "page").order_by("page__name")
        return super().get_context_data(accounts=accounts, **kwargs)


class InviteView(ResidentAdminView):
    template_name = "residents/admin/invite.html"
    page_title = gettext_lazy("Invite a resident")

    def post(self, request, *args, **kwargs):
        form = InviteForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                account = services.resident_invite(
                    name=data["name"],
                    email=data["email"],
                    language=data["language"],
                    disciplines=data["disciplines"],
                    page=data["page"],
                    index_page=data.get("index_page"),
                    publishes_directly=data["publishes_directly"],
                    invited_by=request.user,
                )
            except EmailAlreadyUsed:
                form.add_error("email", _("An account already uses this email address."))
            except PageAlreadyHasAccount:
                form.add_error("page", _("This page already belongs to a resident account."))
            else:
                messages.success(
                    request,
                    _("%(name)s is invited: the link to choose a password is on its way.")
                    % {"name": account.page.name},
                )
                return redirect("resident_accounts:detail", account.pk)
        return self.render_to_response(self.get_context_data(form=form))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", InviteForm())
        return super().get_context_data(**kwargs)


class AccountMixin:
    @cached_property
    def account(self) -> ResidentAccount:
        return get_object_or_404(
            ResidentAccount.objects.select_related("user", "page"), pk=self.kwargs["pk"]
        )

    def get_page_title(self):
        return self.account.page.name

    def done(self, message):
        messages.success(self.request, message)
        return redirect("resident_accounts:detail", self.account.pk)


class AccountDetailView(AccountMixin, ResidentAdminView):
    template_name = "residents/admin/account_detail.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("end_form", EndResidencyForm(initial={"pages": "keep"}))
        return super().get_context_data(account=self.account, **kwargs)


class ResendView(AccountMixin, ResidentAdminView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if self.account.is_former or self.account.user.has_usable_password():
            messages.error(request, _("This resident has already chosen a password."))
            return redirect("resident_accounts:detail", self.account.pk)
        services.resident_send_invitation(account=self.account)
        return self.done(
            _("A new invitation is on its way to %(email)s.") % {"email": self.account.user.email}
        )


class DirectPublishingView(AccountMixin, ResidentAdminView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        allowed = request.POST.get("allowed") == "1"
        services.resident_set_direct_publishing(account=self.account, allowed=allowed)
        if allowed:
            return self.done(_("This resident now publishes without review."))
        return self.done(_("This resident's changes now go through staff review."))


class EndView(AccountDetailView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = EndResidencyForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(end_form=form), status=400)
        unpublish = form.cleaned_data["pages"] == "unpublish"
        services.residency_end(account=self.account, unpublish=unpublish, user=request.user)
        return self.done(_("The residency has ended: this resident can no longer log in."))


class RestoreView(AccountMixin, ResidentAdminView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.residency_restore(account=self.account, user=request.user)
        return self.done(_("The residency is restored: this resident can log in again."))


urlpatterns = [
    path("", AccountIndexView.as_view(), name="index"),
    path("invite/", InviteView.as_view(), name="invite"),
    path("<int:pk>/", AccountDetailView.as_view(), name="detail"),
    path("<int:pk>/resend/", ResendView.as_view(), name="resend"),
    path("<int:pk>/publishing/", DirectPublishingView.as_view(), name="publishing"),
    path("<int:pk>/end/", EndView.as_view(), name="end"),
    path("<int:pk>/restore/", RestoreView.as_view(), name="restore"),
]
