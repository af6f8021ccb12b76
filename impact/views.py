"""The attendance and impact dashboard in the admin, with its CSV export."""

import csv

from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from donations.rules import format_amount
from events.staff_views import SEE_PEOPLE, StaffView

from . import figures
from .charts import bar_chart

COLUMNS = [
    ("sessions", lambda: _("Sessions held")),
    ("seats_offered", lambda: _("Seats offered")),
    ("seats_booked", lambda: _("Seats booked")),
    ("checked_in", lambda: _("Checked in")),
    ("fill_rate", lambda: _("Fill rate")),
    ("no_show_rate", lambda: _("No-show rate")),
    ("waitlist", lambda: _("Waitlist demand (seats)")),
    ("first_time", lambda: _("First-time people")),
    ("returning", lambda: _("Returning people")),
    ("answers", lambda: _("Feedback answers")),
    ("average_rating", lambda: _("Average rating")),
]
DONATIONS = ("donations", lambda: _("Donations received"))
SEE_DONATION_TOTALS = "donations.view_donation_totals"


def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)} %"


def cell(row: figures.MonthFigures, name: str) -> str:
    value = getattr(row, name)
    if name in ("fill_rate", "no_show_rate"):
        return percent(value)
    if name == "average_rating":
        return "" if value is None else f"{value:.1f}"
    if name == "donations":
        return format_amount(value)
    return str(value)


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

    @property
    def columns(self):
        """Donation figures only for those who may read the donation totals."""
        if self.request.user.has_perm(SEE_DONATION_TOTALS):
            return [*COLUMNS, DONATIONS]
        return COLUMNS

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "csv":
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def rows(self):
        season = self.season()
        rows = figures.monthly_figures(season=season)
        return season, rows, figures.season_total(rows, season=season)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        season, rows, total = self.rows()
        context.update(
            season=season,
            season_label=f"{season}–{season + 1}",
            seasons=sorted({*figures.seasons_with_sessions(), season}, reverse=True),
            headings=[label() for _name, label in self.columns],
            table=[
                (date_format(row.month, "F Y"), [cell(row, name) for name, _l in self.columns])
                for row in rows
            ],
            total=[cell(total, name) for name, _label in self.columns],
            chart=bar_chart(
                groups=[
                    (
                        date_format(row.month, "M"),
                        [row.seats_offered, row.seats_booked, row.checked_in],
                    )
                    for row in rows
                ]
            ),
            series=[_("Seats offered"), _("Seats booked"), _("Checked in")],
            age_bands=[label for _low, _high, label in figures.AGE_BANDS],
            workshops=[
                (date_format(row.month, "F Y"), row.counts)
                for row in figures.workshop_age_bands(season=season)
            ],
            trainings=figures.training_intake(season=season),
        )
        return context

    def csv_response(self):
        season, rows, total = self.rows()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"attendance-{season}-{season + 1}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        writer = csv.writer(response)
        writer.writerow([_("Month"), *[label() for _name, label in self.columns]])
        for row in rows:
            writer.writerow(
                [row.month.strftime("%Y-%m"), *[cell(row, n) for n, _l in self.columns]]
            )
        writer.writerow([_("Season"), *[cell(total, n) for n, _l in self.columns]])
        return response


urlpatterns = [path("", DashboardView.as_view(), name="dashboard")]
