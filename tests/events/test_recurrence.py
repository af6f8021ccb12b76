"""Seasons: staff create every Wednesday of a season in one step, through the admin; each
result is an ordinary session, and a refused season creates nothing."""

from datetime import date, time, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.users.models import UserProfile

from events.models import Session
from events.recurrence import Season
from tests.conftest import paris
from tests.events.factories import ScreeningPageFactory, SessionFactory

URL = "/admin/sessions/season/"


@pytest.fixture
def page(shared_site, frozen_now):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Ciné-club", slug="cine-club")
    SessionFactory(page=page, start=paris(2026, 11, 25, 20), venue=shared_site.venue, places=50)
    page.save_revision().publish()
    return page


@pytest.fixture
def superuser(shared_site):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "x")


def season_form(page, venue, **changes):
    data = {
        "page": page.pk,
        "weekdays": ["2"],
        "first_day": "2026-12-02",
        "last_day": "2027-03-31",
        "at": "20:00",
        "duration": "120",
        "skip": "23/12/2026\n2026-12-30",
        "places": "60",
        "venue": venue.pk,
        "attendance_mode": "in_person",
    }
    data.update(changes)
    return data


def test_a_season_is_every_chosen_weekday_but_the_skipped_dates_on_the_paris_clock():
    season = Season(
        first_day=date(2027, 3, 20),
        last_day=date(2027, 4, 3),
        weekdays=frozenset({2}),
        at=time(20),
        duration=timedelta(hours=2),
        skip=frozenset({date(2027, 3, 24)}),
    )
    # The clocks change on 28 March: 20:00 stays 20:00, an hour earlier in UTC.
    assert season.starts() == [paris(2027, 3, 31, 20)]
    assert season.starts()[0].utcoffset() == timedelta(hours=2)


def test_staff_create_a_season_of_ordinary_sessions_in_one_step(
    client, superuser, page, shared_site
):
    client.force_login(superuser)
    response = client.post(URL, season_form(page, shared_site.venue), follow=True)

    assert "16 séances créées pour « Ciné-club »" in response.content.decode()
    season = list(Session.objects.filter(page=page, places=60).order_by("start"))
    assert len(season) == 16  # 18 Wednesdays, Christmas and New Year's Eve skipped
    assert season[0].start == paris(2026, 12, 2, 20)
    assert season[0].end == paris(2026, 12, 2, 22)
    assert season[-1].start == paris(2027, 3, 31, 20)
    assert paris(2026, 12, 23, 20) not in {s.start for s in season}
    assert len({s.uid for s in season}) == 16
    assert {s.sequence for s in season} == {0}
    assert all(s.venue == shared_site.venue and s.kind == "screening" for s in season)


def test_the_season_survives_publishing_the_page_from_the_editor(
    client, superuser, page, shared_site
):
    client.force_login(superuser)
    client.post(URL, season_form(page, shared_site.venue))

    page.refresh_from_db()
    page.get_latest_revision().publish()

    assert Session.objects.filter(page=page).count() == 17
    assert len(page.get_latest_revision_as_object().sessions.all()) == 17


def test_editing_one_session_of_the_season_changes_only_it(client, superuser, page, shared_site):
    client.force_login(superuser)
    client.post(URL, season_form(page, shared_site.venue))
    first, second = Session.objects.filter(page=page, places=60).order_by("start")[:2]

    first.start += timedelta(hours=1)
    first.end += timedelta(hours=1)
    first.save()

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.sequence == 1 and first.start == paris(2026, 12, 2, 21)
    assert second.sequence == 0 and second.start == paris(2026, 12, 9, 20)


def test_the_feed_lists_each_session_of_the_season_as_an_event(
    client, superuser, page, shared_site
):
    client.force_login(superuser)
    client.post(URL, season_form(page, shared_site.venue))
    client.logout()

    feed = client.get(
        reverse("calendar_event_feed", kwargs={"event_key": page.translation_key})
    ).content.decode()
    assert feed.count("BEGIN:VEVENT") == 17
    assert "DTSTART;TZID=Europe/Paris:20270331T200000" in feed


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"first_day": "2026-12-01", "last_day": "2028-02-01", "skip": ""},
            "Cette saison créerait 61 séances : 60 au plus à la fois.",
        ),
        ({"first_day": "2026-11-18"}, "La saison commence dans le passé (18/11/2026 20:00)"),
        ({"last_day": "2026-11-30"}, "Le dernier jour précède le premier."),
        ({"skip": "Noël"}, "« Noël » n’est pas une date : écrivez-la 24/12/2026."),
    ],
)
def test_a_refused_season_says_why_in_french_and_creates_nothing(
    client, superuser, page, shared_site, changes, message
):
    client.force_login(superuser)
    response = client.post(URL, season_form(page, shared_site.venue, **changes))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Session.objects.filter(page=page).count() == 1
    assert page.revisions.count() == 1


def test_english_speaking_staff_are_refused_in_english(client, superuser, page, shared_site):
    profile = UserProfile.get_for_user(superuser)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(superuser)

    response = client.post(URL, season_form(page, shared_site.venue, first_day="2026-11-18"))

    assert "The season starts in the past (18/11/2026 20:00)" in response.content.decode()
    assert Session.objects.filter(page=page).count() == 1


def test_staff_who_may_not_edit_the_page_cannot_add_a_season_to_it(client, page, shared_site):
    user = get_user_model().objects.create_user("guichet", "guichet@example.org", "x")
    user.groups.add(Group.objects.get(name="Box office"))
    client.force_login(user)

    response = client.post(URL, season_form(page, shared_site.venue))

    assert "Vous ne pouvez pas modifier les séances de cet évènement." in response.content.decode()
    assert Session.objects.filter(page=page).count() == 1


def test_the_page_editor_offers_a_season_for_the_event(client, superuser, page):
    client.force_login(superuser)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))

    assert f"{URL}?page={page.pk}".encode() in response.content
    form = client.get(f"{URL}?page={page.pk}").content.decode()
    assert f'<option value="{page.pk}" selected>Ciné-club</option>' in form
