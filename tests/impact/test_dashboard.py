"""The attendance dashboard: every figure checked against a known set of records."""

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.staticfiles import finders
from django.urls import reverse

from donations.models import Donation, Payment
from events.bookings import Booking
from feedback.models import Feedback
from impact.figures import (
    monthly_figures,
    rating_counts,
    season_of,
    season_total,
    training_intake,
    workshop_age_bands,
)
from tests.conftest import NOW, paris, publish_translation
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory

CONFIRMED, WAITLISTED, CANCELLED = (
    Booking.Status.CONFIRMED,
    Booking.Status.WAITLISTED,
    Booking.Status.CANCELLED,
)


@pytest.fixture
def records(shared_site, frozen_now):
    """Season 2026–2027 (today is 24 November 2026):

    - 7 October, 40 places: 30 seats confirmed (20 checked in), 4 waitlisted, 2 cancelled;
      feedback 5 and 3;
    - 14 October, 20 places: 20 seats confirmed, nobody checked in (door not used),
      3 waitlisted; feedback 4;
    - 21 October: cancelled (not counted), 10 seats confirmed; feedback 1;
    - 4 November, 50 places: 10 seats confirmed, all 10 checked in;
    - 2 December: not held yet (not counted);
    - 27 August 2026: the previous season (not counted), 5 seats checked in; feedback 2.

    People: "ana" came in August (previous season) and on 7 October (returning);
    "ben" on 7 and 14 October (first time, counted once in October) and on 4 November
    (returning); "cy" only on 4 November, first time. Everyone else books once.
    Donations: 25 € and 10 € paid in October, 50 € in November, 100 € refunded.
    """
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières")

    def session(start, places, **kwargs):
        return SessionFactory(page=page, start=start, places=places, **kwargs)

    def book(session, seats, status=CONFIRMED, checked_in=False, rating=None, email=None):
        booking = BookingFactory(
            session=session,
            seats=seats,
            status=status,
            checked_in_at=session.start if checked_in else None,
            **({"email": email} if email else {}),
        )
        if rating:
            Feedback.objects.create(booking=booking, rating=rating, heard_from="website")
        return booking

    october_7 = session(paris(2026, 10, 7, 20), 40)
    book(october_7, 4, checked_in=True, rating=5, email="ana@example.org")
    book(october_7, 4, checked_in=True, rating=3, email="BEN@example.org")
    book(october_7, 4, checked_in=True)
    book(october_7, 4, checked_in=True)
    book(october_7, 4, checked_in=True)
    book(october_7, 4)  # did not come
    book(october_7, 4)  # did not come
    book(october_7, 2)  # did not come
    book(october_7, 4, status=WAITLISTED)
    book(october_7, 2, status=CANCELLED)
    october_14 = session(paris(2026, 10, 14, 20), 20)
    book(october_14, 4, rating=4, email="ben@example.org")
    for _n in range(4):
        book(october_14, 4)
    book(october_14, 3, status=WAITLISTED)
    cancelled = session(paris(2026, 10, 21, 20), 30, status="cancelled")
    book(cancelled, 10, rating=1)  # answered before the cancellation: not counted
    november_4 = session(paris(2026, 11, 4, 20), 50)
    book(november_4, 6, checked_in=True, email="ben@example.org")
    book(november_4, 4, checked_in=True, email="cy@example.org")
    book(session(paris(2026, 12, 2, 20), 80), 5)
    august = session(paris(2026, 8, 27, 20), 80)
    book(august, 5, checked_in=True, rating=2, email="ana@example.org")

    for cents, paid_at, status in [
        (2500, paris(2026, 10, 3, 12), Payment.Status.PAID),
        (1000, paris(2026, 10, 31, 23, 30), Payment.Status.PAID),  # 22:30 UTC, still October
        (5000, paris(2026, 11, 2, 9), Payment.Status.PAID),
        (10000, paris(2026, 11, 5, 9), Payment.Status.REFUNDED),
    ]:
        donation = Donation.objects.create(
            frequency="once", amount=cents, first_name="D", last_name="D", email="d@example.org"
        )
        Payment.objects.create(donation=donation, amount=cents, status=status, paid_at=paid_at)


@pytest.fixture
def courses(shared_site, frozen_now):
    """A workshop on 21 October 2026 (children aged 10, 11, 14 and 15 that day, one
    cancelled registration, one anonymised) and a training module closing on 1 December
    (12 places; applications: 3 received, 1 accepted, 1 withdrawn, one of them through
    the English page)."""
    from tests.workshops.factories import (
        RegistrationFactory,
        TrainingModulePageFactory,
        WorkshopPageFactory,
    )
    from training.models import Application

    workshop = WorkshopPageFactory(parent=shared_site.programme, age_min=8, age_max=16)
    day = paris(2026, 10, 21, 14)
    session = SessionFactory(page=workshop, start=day)
    for birth_date, status in [
        ("2016-10-21", "confirmed"),  # 10 that day
        ("2015-10-21", "confirmed"),  # 11 on their birthday
        ("2011-10-22", "confirmed"),  # 14, 15 the day after
        ("2011-10-20", "confirmed"),  # 15
        ("2012-01-01", "cancelled"),
    ]:
        RegistrationFactory(session=session, child_birth_date=birth_date, status=status)
    RegistrationFactory(session=session, child_birth_date=None)  # anonymised

    module = TrainingModulePageFactory(
        parent=shared_site.programme,
        title="Étalonnage",
        places=12,
        application_deadline=paris(2026, 12, 1, 12),
    )
    english = publish_translation(module, title="Colour grading")
    for page, status in [
        (module, Application.Status.ACCEPTED),
        (module, Application.Status.RECEIVED),
        (english, Application.Status.SHORTLISTED),
        (module, Application.Status.WITHDRAWN),
    ]:
        Application.objects.create(
            module=page,
            first_name="A",
            last_name="B",
            email=f"{status}@example.org",
            motivation="…",
            status=status,
            language="fr",
        )
    return workshop, module


def test_every_figure_matches_the_records(records, courses):
    """Workshop and training sessions (``courses``) are left out of the screenings'
    figures: their places are not booked seats, they have figures of their own."""
    assert season_of(NOW.date()) == 2026
    october, november = monthly_figures(season=2026)
    assert (october.month.year, october.month.month) == (2026, 10)
    assert october.sessions == 2
    assert october.seats_offered == 60
    assert october.seats_booked == 50
    assert october.checked_in == 20
    assert october.fill_rate == 50 / 60
    # The door was used on 7 October only: 30 booked there, 20 came.
    assert october.no_shows == 10
    assert october.no_show_rate == 10 / 30
    assert october.waitlist == 7
    assert october.answers == 3
    assert october.average_rating == 4.0
    # 8 bookings on 7 October + 5 on 14 October, "ben" twice: 12 people; "ana" returns.
    assert (october.first_time, october.returning) == (11, 1)
    assert october.donations == 3500

    assert (november.sessions, november.seats_offered, november.seats_booked) == (1, 50, 10)
    assert (november.checked_in, november.no_shows, november.waitlist) == (10, 0, 0)
    assert november.fill_rate == 0.2 and november.no_show_rate == 0.0
    assert november.answers == 0 and november.average_rating is None
    assert (november.first_time, november.returning) == (1, 1)
    assert november.donations == 5000

    total = season_total([october, november], season=2026)
    assert (total.sessions, total.seats_offered, total.seats_booked) == (3, 110, 60)
    assert (total.checked_in, total.no_shows, total.waitlist, total.answers) == (30, 10, 7, 3)
    assert total.fill_rate == 60 / 110
    assert total.no_show_rate == 10 / 40
    assert (total.first_time, total.returning, total.donations) == (12, 2, 8500)

    (august,) = monthly_figures(season=2025)
    assert (august.sessions, august.seats_booked, august.checked_in) == (1, 5, 5)

    # Ratings 5, 3 and 4; the cancelled session's and last season's answers are not.
    assert rating_counts(season=2026) == [0, 0, 1, 1, 1]
    assert rating_counts(season=2025) == [0, 1, 0, 0, 0]

    (october_workshops,) = workshop_age_bands(season=2026)
    assert (october_workshops.month.year, october_workshops.month.month) == (2026, 10)
    assert october_workshops.counts == [1, 2, 1, 0]  # ≤ 10, 11–14, 15–17, 18+
    (module,) = training_intake(season=2026)
    assert (module.title, module.places, module.applications, module.accepted) == (
        "Étalonnage",
        12,
        3,
        1,
    )


def staff(name, group):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "x")
    user.groups.add(Group.objects.get(name=group))
    return user


MONTHS = ["oct. 2026", "nov. 2026"]


def bars(labels, *datasets, **options):
    """A chart as the page hands it to the chart script."""
    return {
        "type": options.pop("type", "bar"),
        "labels": labels,
        "datasets": [{"label": label, "data": data} for label, data in datasets],
        **options,
    }


# Every chart of the dashboard, with the figures of ``records`` and ``courses``.
CHARTS = {
    "sessions": bars(MONTHS, ("Séances tenues", [2, 1])),
    "seats": bars(
        MONTHS,
        ("Places offertes", [60, 50]),
        ("Places réservées", [50, 10]),
        ("Arrivés", [20, 10]),
    ),
    "rates": bars(
        MONTHS,
        ("Taux de remplissage", [83.3, 20.0]),
        ("Taux d’absence", [33.3, 0.0]),
        type="line",
        percent=True,
    ),
    "waitlist": bars(MONTHS, ("Demande en liste d’attente (places)", [7, 0])),
    "people": bars(
        MONTHS, ("Nouvelles personnes", [11, 1]), ("Personnes revenues", [1, 1]), stacked=True
    ),
    "ratings": bars(["1", "2", "3", "4", "5"], ("Réponses", [0, 0, 1, 1, 1])),
    "ages": bars(
        ["oct. 2026"],
        ("≤ 10 ans", [1]),
        ("11–14 ans", [2]),
        ("15–17 ans", [1]),
        ("18+ ans", [0]),
        stacked=True,
    ),
    "training": bars(["Étalonnage"], ("Places", [12]), ("Candidatures", [3]), ("Retenues", [1])),
}
DONATIONS_CHART = bars(MONTHS, ("Dons reçus", [35.0, 50.0]), money=True)


def chart_data(html: str) -> dict:
    """The figures block Django's ``json_script`` wrote for the chart script."""
    found = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html)
    assert found, "no chart-data block"
    return json.loads(found.group(1))


def test_the_dashboard_charts_every_figure_with_the_library_the_site_serves(
    client, records, courses
):
    client.force_login(get_user_model().objects.create_superuser("a", "a@example.org", "x"))
    response = client.get(reverse("impact:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()

    sources = re.findall(r'<script[^>]* src="([^"]+)"', html)
    assert "/static/vendor/chartjs/chart.umd.min.js" in sources
    assert "/static/js/impact-dashboard.js" in sources
    assert sources.index("/static/vendor/chartjs/chart.umd.min.js") < sources.index(
        "/static/js/impact-dashboard.js"
    )
    assert all(not urlsplit(source).netloc for source in sources), sources
    vendored = Path(finders.find("vendor/chartjs/chart.umd.min.js")).read_text()
    assert vendored.startswith("/*!\n * Chart.js v4.6.1\n")
    assert Path(finders.find("js/impact-dashboard.js")).is_file()
    # No inline script: script elements without a source are data blocks (the admin's
    # own configuration and the chart figures), never run.
    inline = re.findall(r"<script(?![^>]* src=)([^>]*)>", html)
    assert ' id="chart-data" type="application/json"' in inline
    assert all('type="application/json"' in attributes for attributes in inline), inline

    assert chart_data(html) == {**CHARTS, "donations": DONATIONS_CHART}
    canvases = re.findall(r'<canvas data-chart="(\w+)" role="img" aria-label="[^"]+">', html)
    assert sorted(canvases) == sorted([*CHARTS, "donations"])

    # The tables beside the charts, the text alternative, hold the same figures.
    october_row = html.split("Octobre 2026</th>")[1].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in october_row.split("<td>")[1:]]
    assert cells == ["2", "60", "50", "20", "83 %", "33 %", "7", "11", "1", "3", "4.0", "35\u00a0€"]
    assert "<td>1</td><td>2</td><td>1</td><td>0</td>" in html  # age bands
    assert "Étalonnage" in html and "<td>12</td><td>3</td><td>1</td>" in html
    ratings = html.split("Notes des avis")[1]
    for rating, count in [(1, 0), (2, 0), (3, 1), (4, 1), (5, 1)]:
        assert f'<th scope="row">{rating}</th><td>{count}</td>' in ratings


def test_the_box_office_sees_no_donation_figure(client, records):
    client.force_login(staff("guichet", "Box office"))
    html = client.get(reverse("impact:dashboard")).content.decode()
    assert "Dons reçus" not in html
    assert "donations" not in chart_data(html)
    response = client.get(reverse("impact:dashboard"), {"season": "2026", "export": "csv"})
    assert "Dons reçus" not in response.content.decode("utf-8-sig")


def test_the_csv_export_holds_every_figure_of_the_dashboard(client, records, courses):
    client.force_login(get_user_model().objects.create_superuser("a", "a@example.org", "x"))
    response = client.get(reverse("impact:dashboard"), {"season": "2026", "export": "csv"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="attendance-2026-2027.csv"'
    assert response.content.startswith("\ufeff".encode())  # so Excel reads UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    season = "Saison 2026–2027"
    at, ages = "Fréquentation par mois", "Jeunes en atelier, par âge"
    training, ratings = "Modules de formation : candidatures et places", "Notes des avis"
    first = "Premières et demandes de salle"
    eur = {amount: f"{amount}\u00a0€" for amount in (35, 50, 85)}
    assert rows == [
        [
            "Rubrique",
            "Mois",
            "Séances tenues",
            "Places offertes",
            "Places réservées",
            "Arrivés",
            "Taux de remplissage",
            "Taux d’absence",
            "Demande en liste d’attente (places)",
            "Nouvelles personnes",
            "Personnes revenues",
            "Avis reçus",
            "Note moyenne",
            "Dons reçus",
        ],
        [at, "2026-10", "2", "60", "50", "20", "83 %", "33 %", "7", "11", "1", "3", "4.0", eur[35]],
        [at, "2026-11", "1", "50", "10", "10", "20 %", "0 %", "0", "1", "1", "0", "", eur[50]],
        [at, season, "3", "110", "60", "30", "55 %", "25 %", "7", "12", "2", "3", "4.0", eur[85]],
        [],
        ["Rubrique", "Mois", "≤ 10 ans", "11–14 ans", "15–17 ans", "18+ ans"],
        [ages, "2026-10", "1", "2", "1", "0"],
        [ages, season, "1", "2", "1", "0"],
        [],
        ["Rubrique", "Module", "Date limite de candidature", "Places", "Candidatures", "Retenues"],
        [training, "Étalonnage", "2026-12-01", "12", "3", "1"],
        [training, season, "", "12", "3", "1"],
        [],
        ["Rubrique", "Note", "Réponses"],
        [ratings, "1", "0"],
        [ratings, "2", "0"],
        [ratings, "3", "1"],
        [ratings, "4", "1"],
        [ratings, "5", "1"],
        [ratings, season, "3"],
        [],
        ["Rubrique", "Chiffre", "Nombre"],
        [first, "Premières projections tenues", "0"],
        [first, "Demandes de salle reçues", "0"],
        [first, "Demandes de salle : En attente de décision", "0"],
        [first, "Demandes de salle : Autre date proposée", "0"],
        [first, "Demandes de salle : Retenue", "0"],
        [first, "Demandes de salle : Non retenue", "0"],
    ]  # fmt: skip


def test_the_csv_export_writes_a_formula_as_text(client, shared_site, frozen_now):
    from tests.workshops.factories import TrainingModulePageFactory

    TrainingModulePageFactory(
        parent=shared_site.programme,
        title='=HYPERLINK("http://x")',
        application_deadline=paris(2026, 12, 1, 12),
    )
    client.force_login(staff("guichet", "Box office"))
    response = client.get(reverse("impact:dashboard"), {"season": "2026", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert ["Modules de formation : candidatures et places", '\'=HYPERLINK("http://x")'] in [
        row[:2] for row in rows
    ]


def test_a_bad_season_falls_back_to_the_current_one(client, records):
    client.force_login(staff("guichet", "Box office"))
    response = client.get(reverse("impact:dashboard"), {"season": "abc"})
    assert response.status_code == 200
    assert response.context["season"] == 2026


def test_staff_who_cannot_see_bookings_are_refused(client, records):
    client.force_login(staff("editor", "Editors"))
    assert client.get(reverse("impact:dashboard")).status_code == 403
    response = client.get(reverse("impact:dashboard"), {"export": "csv"})
    assert response.status_code == 403
