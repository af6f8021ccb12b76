"""Month calendars: the staff's grid of every session with how full it is, and the
visitors' month view of the programme, in both languages, without JavaScript."""

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from events.month_grid import month_asked, month_weeks
from tests.conftest import paris, publish_translation
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory

ADMIN = "/admin/sessions/calendar/"


@pytest.fixture
def screening(shared_site, frozen_now):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières", slug="ouv")
    session = SessionFactory(page=page, start=paris(2026, 12, 2, 20), places=10)
    BookingFactory(session=session, seats=4)
    BookingFactory(session=session, seats=3)
    BookingFactory(session=session, seats=2, status="waitlisted")
    publish_translation(page, title="The Workers", slug="workers")
    return session


@pytest.fixture
def superuser(shared_site):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "x")


def test_a_month_is_its_weeks_from_monday_each_day_with_its_sessions(screening):
    weeks = month_weeks(date(2026, 12, 1), [screening])

    assert weeks[0][0].day == date(2026, 11, 30) and not weeks[0][0].in_month
    assert weeks[-1][-1].day == date(2027, 1, 3)
    wednesday = weeks[0][2]
    assert wednesday.day == date(2026, 12, 2) and wednesday.sessions == [screening]


@pytest.mark.parametrize("asked", [None, "", "2026-13", "abc", "99999-01", "2026-1-1"])
def test_a_missing_or_tampered_month_is_this_month(asked):
    assert month_asked(asked, today=date(2026, 11, 24)) == date(2026, 11, 1)


# The staff's calendar


def test_staff_see_each_session_of_the_month_with_its_fill_rate_and_waiting_list(
    client, superuser, screening
):
    client.force_login(superuser)

    html = client.get(f"{ADMIN}?month=2026-12").content.decode()

    assert "Décembre 2026" in html
    assert "20:00 Les Ouvrières" in html
    assert "7 places prises sur 10" in html and "(70 %)" in html
    assert "1 en attente" in html
    assert f"/admin/sessions/{screening.pk}/" in html
    assert '?month=2026-11" rel="prev"' in html and '?month=2027-01" rel="next"' in html


def test_workshop_sessions_show_their_places_not_a_fill_rate_of_bookings(
    client, superuser, screening, shared_site
):
    from tests.workshops.factories import WorkshopPageFactory

    workshop = WorkshopPageFactory(parent=shared_site.programme, title="Atelier son")
    SessionFactory(page=workshop, start=paris(2026, 12, 5, 14), places=12)
    client.force_login(superuser)

    html = client.get(f"{ADMIN}?month=2026-12").content.decode()

    row = html[html.index("Atelier son") : html.index("</p>", html.index("Atelier son"))]
    assert "12 places" in row and "prises" not in row


def test_the_staff_calendar_costs_the_same_queries_however_many_sessions(
    client, superuser, screening, shared_site, django_assert_num_queries
):
    client.force_login(superuser)
    client.get(f"{ADMIN}?month=2026-12")  # warm caches (site, locales, user)
    with django_assert_num_queries(7) as one:
        client.get(f"{ADMIN}?month=2026-12")
    for n in range(3):
        page = ScreeningPageFactory(parent=shared_site.programme, title=f"Autre {n}")
        SessionFactory(page=page, start=paris(2026, 12, 9 + n, 18))

    with django_assert_num_queries(len(one.captured_queries)):
        html = client.get(f"{ADMIN}?month=2026-12").content.decode()
    assert "Autre 2" in html


def test_the_staff_calendar_is_in_the_admin_menu_and_closed_to_people_without_sessions(
    client, screening, superuser
):
    client.force_login(superuser)
    assert ADMIN.encode() in client.get("/admin/").content

    nobody = get_user_model().objects.create_user("editor", "editor@example.org", "x")
    nobody.groups.add(Group.objects.get(name="Editors"))
    client.force_login(nobody)
    assert client.get(ADMIN).status_code == 403


# The visitors' month view


def test_visitors_see_the_programme_of_a_month_in_french(client, screening):
    html = client.get("/calendrier/?month=2026-12").content.decode()

    assert "Programme de décembre 2026" in html
    assert '<a href="/programme/ouv/">Les Ouvrières</a>' in html
    assert "20 h" in html
    assert 'href="?month=2027-01" rel="next"' in html


def test_visitors_see_the_programme_of_a_month_in_english(client, screening):
    html = client.get("/en/programme-calendar/?month=2026-12").content.decode()

    assert "Programme of December 2026" in html
    assert '<a href="/en/whats-on/workers/">The Workers</a>' in html
    assert "8 pm" in html


def test_the_month_view_leaves_out_unpublished_events(client, screening, shared_site):
    draft = ScreeningPageFactory(parent=shared_site.programme, title="Brouillon", live=False)
    SessionFactory(page=draft, start=paris(2026, 12, 3, 20))

    html = client.get("/calendrier/?month=2026-12").content.decode()

    assert "Brouillon" not in html and "Les Ouvrières" in html


def test_a_tampered_month_shows_this_month_not_an_error(client, screening):
    response = client.get("/calendrier/?month=2026-99%27")

    assert response.status_code == 200
    assert "Programme de novembre 2026" in response.content.decode()


def test_the_programme_links_to_its_month_view(client, screening, shared_site):
    html = client.get(shared_site.programme.url).content.decode()

    assert 'href="/calendrier/"' in html


def test_an_empty_month_says_so(client, screening):
    later = (screening.start + timedelta(days=90)).strftime("%Y-%m")
    html = client.get(f"/calendrier/?month={later}").content.decode()

    assert "Aucune séance ce mois-ci." in html
