"""Everything the dashboard shows for one season, in the three forms staff get it: the
tables, the chart data (drawn in the browser by Chart.js, see
static/js/impact-dashboard.js) and the CSV rows. One object builds all three from the
same figures, so the export, the charts and the tables cannot disagree.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from donations.rules import format_amount
from festival.selectors import CompetitionFigures, competition_figures

from . import figures

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
RATINGS = range(1, 6)


def percent(value: float | None) -> str:
    return "" if value is None else f"{round(value * 100)} %"


def cell(row: figures.MonthFigures, name: str) -> str:
    """A figure as the table and the CSV show it."""
    value = getattr(row, name)
    if name in ("fill_rate", "no_show_rate"):
        return percent(value)
    if name == "average_rating":
        return "" if value is None else f"{value:.1f}"
    if name == "donations":
        return format_amount(value)
    return str(value)


def chart_percent(value: float | None) -> float | None:
    """A rate as a percentage for the charts; None (no bar, no point) when undefined."""
    return None if value is None else round(value * 100, 1)


def chart(kind: str, labels: list[str], datasets: list[tuple[str, list]], **options) -> dict:
    """One chart as the dashboard script reads it: ``kind`` is Chart.js's type ("bar",
    "line"); options are ``stacked``, ``percent`` (values 0–100) and ``money`` (euros)."""
    return {
        "type": kind,
        "labels": labels,
        "datasets": [{"label": label, "data": data} for label, data in datasets],
        **options,
    }


@dataclass
class SeasonReport:
    season: int
    months: list[figures.MonthFigures]
    total: figures.MonthFigures
    age_bands: list[figures.AgeBandMonth]
    trainings: list[figures.TrainingIntake]
    ratings: list[int]  # answers per rating, 1 to 5
    with_donations: bool
    competitions: list[CompetitionFigures]
    first_showings: figures.FirstShowings | None = None

    @property
    def label(self) -> str:
        return f"{self.season}–{self.season + 1}"

    @property
    def columns(self):
        """Donation figures only for those who may read the donation totals."""
        return [*COLUMNS, DONATIONS] if self.with_donations else COLUMNS

    @property
    def age_total(self) -> list[int]:
        total = [0] * len(figures.AGE_BANDS)
        for row in self.age_bands:
            total = [a + b for a, b in zip(total, row.counts, strict=True)]
        return total

    @property
    def age_headings(self) -> list[str]:
        return [_("%(band)s years") % {"band": label} for _low, _high, label in figures.AGE_BANDS]

    @property
    def training_total(self) -> tuple[int, int, int]:
        return (
            sum(module.places for module in self.trainings),
            sum(module.applications for module in self.trainings),
            sum(module.accepted for module in self.trainings),
        )

    # Tables ----------------------------------------------------------------------

    def month_table(self) -> list[tuple[str, list[str]]]:
        return [
            (date_format(row.month, "F Y"), [cell(row, name) for name, _l in self.columns])
            for row in self.months
        ]

    def total_cells(self) -> list[str]:
        return [cell(self.total, name) for name, _label in self.columns]

    # Charts ----------------------------------------------------------------------

    def charts(self) -> dict[str, dict]:
        """The figures of every chart, keyed by the ``data-chart`` of its canvas."""
        months = [date_format(row.month, "N Y") for row in self.months]
        accepted = pgettext("applications", "Accepted")

        def series(name):
            return [getattr(row, name) for row in self.months]

        charts = {
            "sessions": chart("bar", months, [(_("Sessions held"), series("sessions"))]),
            "seats": chart(
                "bar",
                months,
                [
                    (_("Seats offered"), series("seats_offered")),
                    (_("Seats booked"), series("seats_booked")),
                    (_("Checked in"), series("checked_in")),
                ],
            ),
            "rates": chart(
                "line",
                months,
                [
                    (_("Fill rate"), [chart_percent(r.fill_rate) for r in self.months]),
                    (_("No-show rate"), [chart_percent(r.no_show_rate) for r in self.months]),
                ],
                percent=True,
            ),
            "waitlist": chart("bar", months, [(_("Waitlist demand (seats)"), series("waitlist"))]),
            "people": chart(
                "bar",
                months,
                [
                    (_("First-time people"), series("first_time")),
                    (_("Returning people"), series("returning")),
                ],
                stacked=True,
            ),
            "ratings": chart(
                "bar", [str(rating) for rating in RATINGS], [(_("Answers"), self.ratings)]
            ),
            "ages": chart(
                "bar",
                [date_format(row.month, "N Y") for row in self.age_bands],
                [
                    (heading, [row.counts[index] for row in self.age_bands])
                    for index, heading in enumerate(self.age_headings)
                ],
                stacked=True,
            ),
            "training": chart(
                "bar",
                [module.title for module in self.trainings],
                [
                    (_("Places"), [module.places for module in self.trainings]),
                    (_("Applications"), [module.applications for module in self.trainings]),
                    (accepted, [module.accepted for module in self.trainings]),
                ],
            ),
        }
        if self.with_donations:
            charts["donations"] = chart(
                "bar",
                months,
                [(_("Donations received"), [row.donations / 100 for row in self.months])],
                money=True,
            )
        return charts

    # CSV -------------------------------------------------------------------------

    def csv_blocks(self) -> list[list[list[str]]]:
        """Every figure of the page, one block per table; each row starts with the name
        of its section, each block with its own heading row."""
        section, season = _("Section"), _("Season %(season_label)s") % {"season_label": self.label}
        attendance = _("Attendance per month")
        ages = _("Young people in workshops, by age")
        training = _("Training modules: applications and places")
        ratings = _("Feedback ratings")
        return [
            [
                [section, _("Month"), *[label() for _name, label in self.columns]],
                *[
                    [attendance, f"{row.month:%Y-%m}", *[cell(row, n) for n, _l in self.columns]]
                    for row in self.months
                ],
                [attendance, season, *self.total_cells()],
            ],
            [
                [section, _("Month"), *self.age_headings],
                *[
                    [ages, f"{row.month:%Y-%m}", *[str(count) for count in row.counts]]
                    for row in self.age_bands
                ],
                [ages, season, *[str(count) for count in self.age_total]],
            ],
            [
                [
                    section,
                    _("Module"),
                    _("Application deadline"),
                    _("Places"),
                    _("Applications"),
                    pgettext("applications", "Accepted"),
                ],
                *[
                    [
                        training,
                        module.title,
                        f"{timezone.localtime(module.deadline):%Y-%m-%d}",
                        str(module.places),
                        str(module.applications),
                        str(module.accepted),
                    ]
                    for module in self.trainings
                ],
                [training, season, "", *[str(count) for count in self.training_total]],
            ],
            [
                [section, _("Rating"), _("Answers")],
                *[
                    [ratings, str(rating), str(count)]
                    for rating, count in zip(RATINGS, self.ratings, strict=True)
                ],
                [ratings, season, str(sum(self.ratings))],
            ],
            [
                [section, _("Figure"), _("Count")],
                *[
                    [_("Premieres and room requests"), str(label), str(count)]
                    for label, count in self.first_showings.rows()
                ],
            ],
            *self.festival_csv_blocks(),
        ]

    def festival_csv_blocks(self) -> list[list[list[str]]]:
        """The online competitions of the season, if any: a block each, a row per film."""
        section = _("Section")
        return [
            [
                [section, _("Film"), _("Online viewers"), _("Votes")],
                *[
                    [competition.title, film.title, str(film.viewers), str(film.votes)]
                    for film in competition.films
                ],
                [
                    competition.title,
                    _("Registered, email confirmed"),
                    str(competition.registered),
                    str(competition.verified),
                ],
            ]
            for competition in self.competitions
        ]


def season_report(
    *, season: int, with_donations: bool, now: datetime | None = None
) -> SeasonReport:
    months = figures.monthly_figures(season=season, now=now)
    start, end = figures.season_bounds(season)
    return SeasonReport(
        season=season,
        months=months,
        total=figures.season_total(months, season=season),
        age_bands=figures.workshop_age_bands(season=season, now=now),
        trainings=figures.training_intake(season=season),
        ratings=figures.rating_counts(season=season, now=now),
        with_donations=with_donations,
        first_showings=figures.first_showings(season=season),
        competitions=competition_figures(start=start, end=end),
    )
