"""The attendance and impact dashboard in the admin, with its CSV export."""

import csv

from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from events.booking_export import neutralise_formula
from events.staff_views import SEE_PEOPLE, StaffView

from . import figures
from .report import season_report

SEE_DONATION_TOTALS = "donations.view_donation_totals"


class DashboardView(StaffView):
    all_of = SEE_PEOPLE
    header_icon = "table"
    template_name = "impact/dashboard.html"

    def get_page_title(self):
        return _("Attendance and impact")

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": _("Attendance and impact")}]

    def season(self) -> int:
        current = figures.season_of(timezone.localdate())
        try:
            return int(self.request.GET.get("season", current))
        except ValueError:
            return current

    def report(self):
        return season_report(
            season=self.season(),
            with_donations=self.request.user.has_perm(SEE_DONATION_TOTALS),
        )

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report()
        context.update(
            report=report,
            season=report.season,
            season_label=report.label,
            seasons=sorted({*figures.seasons_with_sessions(), report.season}, reverse=True),
            headings=[label() for _name, label in report.columns],
            table=report.month_table(),
            total=report.total_cells(),
            chart_data=report.charts(),
        )
        return context

    def csv_response(self):
        """Every figure of the page, block after block, as UTF-8 with a BOM (so Excel
        reads the accents) and with nothing a spreadsheet would run as a formula."""
        report = self.report()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"attendance-{report.season}-{report.season + 1}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response.write("\ufeff")
        writer = csv.writer(response)
        for index, block in enumerate(report.csv_blocks()):
            if index:
                writer.writerow([])
            writer.writerows([[neutralise_formula(value) for value in row] for row in block])
        return response


urlpatterns = [path("", DashboardView.as_view(), name="dashboard")]
