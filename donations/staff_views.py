"""Staff page of donation figures: totals per month as a chart drawn on the server
(SVG, no script, nothing fetched elsewhere) beside the same figures as a table.

Needs ``donations.view_donation_totals``: the figures, without any donor's name, so a
group can read them without seeing donors (``view_donation``)."""

from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.dates import month_label

from . import rules, selectors

SEE_TOTALS = "donations.view_donation_totals"
CHART_WIDTH, CHART_HEIGHT, BAR_GAP = 720, 240, 8


def chart_bars(totals) -> list[dict]:
    """Bar geometry for the SVG: heights proportional to the largest month."""
    top = max((month.total for month in totals), default=0) or 1
    width = (CHART_WIDTH - BAR_GAP * (len(totals) + 1)) / max(len(totals), 1)
    bars = []
    for index, month in enumerate(totals):
        height = round(month.total / top * (CHART_HEIGHT - 40))
        bars.append(
            {
                "x": round(BAR_GAP + index * (width + BAR_GAP), 1),
                "y": CHART_HEIGHT - 20 - height,
                "width": round(width, 1),
                "height": height,
                "label_x": round(BAR_GAP + index * (width + BAR_GAP) + width / 2, 1),
                "short": f"{month.month:%m/%y}",
                "amount": rules.format_amount(month.total),
            }
        )
    return bars


class DonationTotalsView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "donations/admin/totals.html"
    page_title = gettext_lazy("Donation totals")
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(SEE_TOTALS):
            return TemplateResponse(
                request,
                "events/admin/session_forbidden.html",
                {"header_icon": "warning", "page_title": _("Not allowed")},
                status=403,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        try:
            months = int(self.request.GET.get("months", 12))
        except ValueError:
            months = 0
        if not 1 <= months <= 60:
            raise BadMonths
        totals = selectors.monthly_totals(months=months)
        for month in totals:
            month.label = month_label(month.month)
            month.amount = rules.format_amount(month.total)
        return super().get_context_data(
            totals=totals,
            bars=chart_bars(totals),
            grand_total=rules.format_amount(sum(month.total for month in totals)),
            grand_count=sum(month.count for month in totals),
            chart_width=CHART_WIDTH,
            chart_height=CHART_HEIGHT,
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except BadMonths:
            return HttpResponseBadRequest(_("Choose between 1 and 60 months."))


class BadMonths(Exception):
    pass


urlpatterns = [path("", DonationTotalsView.as_view(), name="index")]
