"""Staff make a competition in the admin: under the home page, with at least one film
and dates in order; a film needs a video."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from festival.models import CompetitionPage


@pytest.fixture
def editor(client, shared_site):
    user = get_user_model().objects.create_superuser("festival-editor", "e@example.org", "x")
    client.force_login(user)
    return client


def add(client, home, *, opens="2026-12-01 10:00", closes="2026-12-20 23:00", films=None):
    films = films or [
        {
            "title": "La Presse",
            "director": "Jeanne Dupont",
            "synopsis": "Une imprimerie.",
            "video_url": "https://vimeo.com/123456789",
        }
    ]
    data = nested_form_data(
        {
            "title": "Compétition",
            "slug": "competition",
            "introduction": "",
            "viewing_opens": opens,
            "viewing_closes": closes,
            "vote_closes": "2026-12-21 20:00",
            "closing_night": "",
            "films": inline_formset(films),
            "jury_prizes": rich_text(""),
            "action-publish": "publish",
        }
    )
    url = reverse("wagtailadmin_pages:add", args=("festival", "competitionpage", home.pk))
    return client.post(url, data)


def test_staff_publish_a_competition_under_the_home_page(editor, shared_site):
    response = add(editor, shared_site.home)

    assert response.status_code == 302
    page = CompetitionPage.objects.get()
    assert page.live and page.get_parent().pk == shared_site.home.pk
    assert [film.title for film in page.films.all()] == ["La Presse"]


def test_a_viewing_window_that_closes_before_it_opens_is_refused(editor, shared_site):
    response = add(editor, shared_site.home, opens="2026-12-20 10:00", closes="2026-12-01 10:00")

    assert response.status_code == 200
    assert "La période de visionnage doit se terminer après avoir commencé." in (
        response.content.decode()
    )
    assert not CompetitionPage.objects.exists()


def test_a_film_without_a_video_is_refused(editor, shared_site):
    film = {"title": "Sans vidéo", "director": "X", "synopsis": "Rien.", "video_url": ""}

    response = add(editor, shared_site.home, films=[film])

    assert "Donnez au film un fichier vidéo ou une adresse de plateforme." in (
        response.content.decode()
    )
    assert not CompetitionPage.objects.exists()


def test_a_competition_cannot_be_made_under_the_programme(editor, shared_site):
    assert CompetitionPage.can_create_at(shared_site.home)
    assert not CompetitionPage.can_create_at(shared_site.programme)
