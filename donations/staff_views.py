"""Staff page of donation figures: totals per month as a chart (the vendored Chart.js,
drawn by the dashboard's script, nothing fetched elsewhere) above the same figures as a
table.

Needs ``donations.view_donation_totals``: the figures, without any donor's name, so a
group can read them without seeing donors (``view_donation``)."""

from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.dates import month_label

from . import rules, selectors

SEE_TOTALS = "donations.view_donation_totals"


def chart_data(totals) -> dict:
    """The monthly amounts (in euros) for the chart script, in its "chart-data" block."""
    return {
        "donations": {
            "type": "bar",
            "labels": [month.label for month in totals],
            "datasets": [
                {"label": _("Donations received"), "data": [m.total / 100 for m in totals]}
            ],
            "money": True,
        }
    }


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
            chart_data=chart_data(totals),
            grand_total=rules.format_amount(sum(month.total for month in totals)),
            grand_count=sum(month.count for month in totals),
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
