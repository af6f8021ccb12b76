"""The programme as a month calendar, for visitors: plain links and a table, so it
works without JavaScript and from the keyboard; previous and next month."""

from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from core.dates import month_label

from .models import Session
from .month_grid import month_asked, month_weeks, next_month, previous_month
from .selectors import _month_bounds, with_pages


def public_month_sessions(month, *, locale):
    """The sessions of live, public pages starting in the month, with their page in the
    visitor's language (past ones too: the month shows what happened)."""
    start, end = _month_bounds(month)
    sessions = (
        Session.objects.filter(page__live=True, start__gte=start, start__lt=end)
        .select_related("venue")
        .order_by("start", "pk")
    )
    return with_pages(sessions, locale=locale, with_images=False)


@require_safe
def programme_month(request):
    month = month_asked(request.GET.get("month"), today=timezone.localdate())
    sessions = public_month_sessions(month, locale=Locale.get_active())
    context = {
        "month": month,
        "month_name": month_label(month),
        "previous": previous_month(month),
        "next": next_month(month),
        "weeks": month_weeks(month, sessions),
        "has_sessions": bool(sessions),
    }
    return TemplateResponse(request, "events/programme_month.html", context)
