"""Feedback in the admin: per session, for staff who may see bookings."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext as _

from events.models import Session
from events.staff_views import SEE_PEOPLE, StaffView, session_label

from . import selectors


class FeedbackStaffView(StaffView):
    all_of = SEE_PEOPLE
    header_icon = "pick"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("feedback_admin:index"), "label": _("Audience feedback")}
        ]


class FeedbackIndexView(FeedbackStaffView):
    template_name = "feedback/admin/index.html"
    page_title = _("Audience feedback")

    def get_page_title(self):
        return _("Audience feedback")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator = Paginator(selectors.sessions_with_feedback(), 25)
        context["page_obj"] = paginator.get_page(self.request.GET.get("p"))
        context["seasons"] = selectors.seasons_feedback()
        return context


class FeedbackSessionView(FeedbackStaffView):
    template_name = "feedback/admin/session.html"

    def get_session(self):
        return get_object_or_404(Session.objects.select_related("page"), pk=self.kwargs["pk"])

    def get_page_title(self):
        return session_label(self.get_session())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = self.get_session()
        context["session"] = session
        context["summary"] = selectors.session_feedback(session=session)
        return context


urlpatterns = [
    path("", FeedbackIndexView.as_view(), name="index"),
    path("sessions/<int:pk>/", FeedbackSessionView.as_view(), name="session"),
]
