"""The attendance dashboard: every figure checked against a known set of records."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from donations.models import Donation, Payment
from events.bookings import Booking
from feedback.models import Feedback
from impact.figures import monthly_figures, season_of, season_total
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
    - 21 October: cancelled (not counted), 10 seats confirmed;
    - 4 November, 50 places: 10 seats confirmed, all 10 checked in;
    - 2 December: not held yet (not counted);
    - 27 August 2026: the previous season (not counted).

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
    book(cancelled, 10)
    november_4 = session(paris(2026, 11, 4, 20), 50)
    book(november_4, 6, checked_in=True, email="ben@example.org")
    book(november_4, 4, checked_in=True, email="cy@example.org")
    book(session(paris(2026, 12, 2, 20), 80), 5)
    book(session(paris(2026, 8, 27, 20), 80), 5, checked_in=True, email="ana@example.org")

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


def test_every_figure_matches_the_records(records):
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


def staff(name, group):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "x")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_the_dashboard_shows_the_table_and_a_chart_drawn_by_the_site(client, records):
    client.force_login(staff("guichet", "Box office"))
    response = client.get(reverse("impact:dashboard"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "<rect" in html and "<script src" not in html.split("<svg")[1]
    assert "Octobre 2026" in html and "Novembre 2026" in html
    october_row = html.split("Octobre 2026</th>")[1].split("</tr>")[0]
    cells = [c.split("</td>")[0] for c in october_row.split("<td>")[1:]]
    assert cells == ["2", "60", "50", "20", "83 %", "33 %", "7", "11", "1", "3", "4.0"]
    # The box office does not read donation totals.
    assert "Dons reçus" not in html


def test_csv_export_has_every_month_and_the_season(client, records):
    client.force_login(staff("guichet", "Box office"))
    response = client.get(reverse("impact:dashboard"), {"season": "2026", "export": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Mois" and rows[0][1] == "Séances tenues"
    assert rows[1] == ["2026-10", "2", "60", "50", "20", "83 %", "33 %", "7", "11", "1", "3", "4.0"]
    assert rows[2] == ["2026-11", "1", "50", "10", "10", "20 %", "0 %", "0", "1", "1", "0", ""]
    assert rows[3] == ["Saison", "3", "110", "60", "30", "55 %", "25 %", "7", "12", "2", "3", "4.0"]


def test_donations_are_shown_to_those_who_read_donation_totals(client, records):
    client.force_login(get_user_model().objects.create_superuser("a", "a@example.org", "x"))
    response = client.get(reverse("impact:dashboard"), {"season": "2026", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][-1] == "Dons reçus"
    assert [row[-1] for row in rows[1:]] == ["35\u00a0€", "50\u00a0€", "85\u00a0€"]


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
    from workshops.registrations import Application

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


def test_young_people_by_age_band_and_training_applications_against_places(courses):
    from impact.figures import training_intake, workshop_age_bands

    (october,) = workshop_age_bands(season=2026)
    assert (october.month.year, october.month.month) == (2026, 10)
    assert october.counts == [1, 2, 1, 0]  # ≤ 10, 11–14, 15–17, 18+
    (module,) = training_intake(season=2026)
    assert (module.title, module.places, module.applications, module.accepted) == (
        "Étalonnage",
        12,
        3,
        1,
    )


def test_the_dashboard_shows_workshops_and_training(client, courses):
    client.force_login(staff("guichet", "Box office"))
    html = client.get(reverse("impact:dashboard")).content.decode()
    assert "Jeunes en atelier, par âge" in html
    assert "<td>1</td><td>2</td><td>1</td><td>0</td>" in html
    assert "Étalonnage" in html and "<td>12</td><td>3</td><td>1</td>" in html
