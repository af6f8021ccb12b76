"""Group requests in the admin: the list, and one request with staff's three answers
(accept, decline, offer another date). Seeing them needs the box office's
``view_booking``; answering also ``change_booking``, as for bookings."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from wagtail.admin import messages

from events.models import Session
from events.staff_views import CHANGE_BOOKINGS, SEE_PEOPLE, StaffView

from . import services
from .exceptions import GroupError
from .forms import OfferForm, StaffAnswerForm
from .models import GroupRequest


class GroupStaffView(StaffView):
    all_of = SEE_PEOPLE
    header_icon = "group"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("group_admin:index"), "label": _("Group requests")}
        ]


class GroupIndexView(GroupStaffView):
    template_name = "partners/admin/index.html"

    def get_page_title(self):
        return _("Group requests")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = GroupRequest.objects.select_related("session__page", "organisation")
        context["page_obj"] = Paginator(rows, 25).get_page(self.request.GET.get("p"))
        return context


def _other_sessions(group):
    return (
        Session.objects.filter(
            kind=group.session.kind,
            status=Session.Status.SCHEDULED,
            start__gt=timezone.now(),
        )
        .exclude(pk=group.session_id)
        .select_related("page")
        .order_by("start")
    )


class GroupDetailView(GroupStaffView):
    template_name = "partners/admin/detail.html"
    http_method_names = ["get", "head", "post"]

    @cached_property
    def group(self):
        return get_object_or_404(
            GroupRequest.objects.select_related("session__page", "organisation"),
            pk=self.kwargs["pk"],
        )

    def get_page_title(self):
        return str(self.group)

    def forms(self, data=None):
        action = data.get("action") if data else None
        return {
            "accept_form": StaffAnswerForm(data if action == "accept" else None, prefix="accept"),
            "decline_form": StaffAnswerForm(
                data if action == "decline" else None, prefix="decline"
            ),
            "offer_form": OfferForm(
                data if action == "offer" else None,
                prefix="offer",
                sessions=_other_sessions(self.group),
            ),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        group = self.group
        context.update(
            group=group,
            can_answer=self.request.user.has_perms(CHANGE_BOOKINGS)
            and group.status == GroupRequest.Status.PENDING,
            places_left=services.places_left(group.session),
            quota=services.group_quota(),
        )
        for name, form in (kwargs.get("forms") or self.forms()).items():
            context[name] = form
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perms(CHANGE_BOOKINGS):
            return self.forbidden()
        forms = self.forms(request.POST)
        action = request.POST.get("action")
        form = forms.get(f"{action}_form")
        if form is None or not form.is_valid():
            return self.render_to_response(self.get_context_data(forms=forms), status=400)
        message = form.cleaned_data["message"]
        try:
            if action == "accept":
                services.group_accept(group=self.group, message=message)
                messages.success(request, _("Group accepted: its places are held."))
            elif action == "decline":
                services.group_decline(group=self.group, message=message)
                messages.success(request, _("Group request declined."))
            else:
                services.group_offer(
                    group=self.group, session=form.cleaned_data["session"], message=message
                )
                messages.success(request, _("Another date was offered."))
        except GroupError as error:
            messages.error(request, str(error.message))
        return redirect("group_admin:detail", pk=self.group.pk)

    def forbidden(self):
        from django.template.response import TemplateResponse

        return TemplateResponse(
            self.request,
            "events/admin/session_forbidden.html",
            {"header_icon": "warning", "page_title": _("Not allowed")},
            status=403,
        )


urlpatterns = [
    path("", GroupIndexView.as_view(), name="index"),
    path("<int:pk>/", GroupDetailView.as_view(), name="detail"),
]
