"""Admin: a month grid of every session, with how full each is and its waiting list,
for staff who see the sessions (``events.staff_views``); previous and next month."""

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from core.dates import month_label

from .models import Session
from .month_grid import fill_rate, month_asked, month_weeks, next_month, previous_month
from .selectors import _month_bounds
from .staff_views import SEE_SESSIONS, StaffView


def month_sessions(month):
    """All the sessions starting in the month, of every kind and status, in one query."""
    start, end = _month_bounds(month)
    return (
        Session.objects.filter(start__gte=start, start__lt=end)
        .select_related("page")
        .order_by("start", "pk")
    )


class SessionCalendarView(StaffView):
    template_name = "events/admin/session_calendar.html"
    any_of = SEE_SESSIONS

    def get_page_title(self):
        return _("Calendar of sessions")

    def get_context_data(self, **kwargs):
        month = month_asked(self.request.GET.get("month"), today=timezone.localdate())
        sessions = list(month_sessions(month))
        for session in sessions:
            session.fill_rate = fill_rate(session)
        return super().get_context_data(
            month=month,
            month_name=month_label(month),
            previous=previous_month(month),
            next=next_month(month),
            weeks=month_weeks(month, sessions),
            **kwargs,
        )


urlpatterns = [path("", SessionCalendarView.as_view(), name="month")]
