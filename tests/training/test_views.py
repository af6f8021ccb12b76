"""Applying for a training module through the real page, in both languages: the
deadline, one application per email, bots held off, bad input never a 500."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache

from tests.conftest import paris, publish_translation
from tests.events.factories import SessionFactory
from tests.workshops.factories import TrainingModulePageFactory
from training.models import Application

DEADLINE = paris(2026, 12, 15, 18)


@pytest.fixture
def module(shared_site, frozen_now):
    page = TrainingModulePageFactory(
        parent=shared_site.programme,
        title="Étalonnage",
        slug="etalonnage",
        application_deadline=DEADLINE,
        places=2,
    )
    SessionFactory(page=page, start=paris(2027, 1, 11, 10), venue=shared_site.venue)
    return page


@pytest.fixture
def english(module):
    return publish_translation(module, title="Colour grading")


def form_data(**changes):
    data = {
        "first_name": "Ana",
        "last_name": "Ruiz",
        "email": "ana@example.org",
        "phone": "06 12 34 56 78",
        "motivation": "J'ai monté trois courts métrages et je veux apprendre l'étalonnage.",
        "links": "https://vimeo.com/ana\n\nhttp://ana.example.org/films",
        "availability": "Tous les lundis.",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_page_shows_a_labelled_form_and_says_no_diploma_is_asked(client, module):
    html = client.get(module.url).content.decode()

    assert 'id="application"' in html
    for field in ("first_name", "last_name", "email", "phone", "motivation", "links"):
        assert f'for="id_{field}"' in html, field
    assert 'maxlength="3000"' in html
    assert "Aucun diplôme n’est demandé" in html
    assert "diplôme" not in html.split('id="application"')[1].split("<form")[1]


def test_applying_in_french_redirects_to_a_thank_you_and_acknowledges_by_email(
    client, module, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(module.url, form_data(email=" Ana@Example.org "))

    assert response.status_code == 302
    assert response["Location"] == module.url + "#application"
    application = Application.objects.get()
    assert application.module_id == module.pk
    assert application.language == "fr"
    assert application.status == Application.Status.RECEIVED
    assert application.links == "https://vimeo.com/ana\nhttp://ana.example.org/films"
    thanks = client.get(module.url).content.decode()
    assert "Merci, votre candidature est bien reçue" in thanks
    assert 'name="motivation"' not in thanks  # the thank-you replaces the form
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["Ana@Example.org"]
    assert mailoutbox[0].subject == "Candidature reçue : Étalonnage"
    assert "mardi 15 décembre à 18 h" in mailoutbox[0].body
    # Back on the page later, the form is there again.
    assert 'name="motivation"' in client.get(module.url).content.decode()


def test_applying_in_english_is_recorded_against_the_module_in_english(
    client, module, english, mailoutbox, django_capture_on_commit_callbacks
):
    assert english.url.startswith("/en/")
    html = client.get(english.url).content.decode()
    assert "No diploma is required" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(english.url, form_data())

    assert response["Location"] == english.url + "#application"
    application = Application.objects.get()
    assert application.module_id == module.pk  # places count once, whatever the language
    assert application.language == "en"
    assert "your application is received" in client.get(english.url).content.decode()
    assert mailoutbox[0].subject == "Application received: Colour grading"
    assert "Tuesday 15 December, 6 pm" in mailoutbox[0].body


def test_a_second_application_with_the_same_email_changes_nothing(client, english):
    client.post(english.url, form_data())

    again = client.post(
        english.url, form_data(email="ANA@example.org ", motivation="Something else")
    )

    assert again.status_code == 409
    assert "We already have your application" in again.content.decode()
    application = Application.objects.get()
    assert application.motivation.startswith("J'ai monté")


def test_the_honeypot_refuses_a_bot(client, module):
    response = client.post(module.url, form_data(website="http://spam.example"))

    assert response.status_code == 400
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    "links",
    ["javascript:alert(1)", "ftp://files.example.org/reel", "vimeo.com/ana", "https://"],
)
def test_links_must_be_web_addresses_one_per_line(client, english, links):
    response = client.post(english.url, form_data(links=f"https://ok.example.org\n{links}"))

    html = response.content.decode()
    assert response.status_code == 400
    assert not Application.objects.exists()
    assert 'href="#id_links"' in html
    assert "Not a web address starting with http:// or https://" in html


def test_invalid_input_is_explained_in_the_page_language(client, module):
    response = client.post(module.url, form_data(motivation="", email="nope"))

    html = response.content.decode()
    assert response.status_code == 400
    assert "Champ requis" in html
    assert 'aria-describedby="id_motivation_error id_motivation_helptext"' in html


@pytest.mark.parametrize(
    "changes",
    [
        {"motivation": "x" * 3001},
        {"first_name": "x" * 5000},
        {"links": "https://example.org/" + "a" * 3000},
        {"links": "\n".join(f"https://example.org/{n}" for n in range(11))},
        {"availability": "x" * 1001},
        {"email": "a" * 300 + "@example.org"},
    ],
)
def test_oversized_input_is_a_400_never_a_500(client, english, changes):
    response = client.post(english.url, form_data(**changes))

    assert response.status_code == 400
    assert not Application.objects.exists()


def test_the_form_is_open_until_just_before_the_deadline(client, module):
    with time_machine.travel(DEADLINE - timedelta(seconds=1), tick=False):
        assert 'name="motivation"' in client.get(module.url).content.decode()
        response = client.post(module.url, form_data())

    assert response.status_code == 302
    assert Application.objects.count() == 1


def test_at_the_deadline_the_form_gives_way_to_when_applications_closed(client, module, english):
    with time_machine.travel(DEADLINE, tick=False):
        french = client.get(module.url).content.decode()
        page = client.get(english.url).content.decode()

    assert 'name="motivation"' not in french
    assert "Les candidatures sont closes depuis le mardi 15 décembre à 18 h." in french
    assert "Applications closed on Tuesday 15 December, 6 pm." in page


def test_a_post_after_the_deadline_gets_the_message_not_an_error(client, english):
    with time_machine.travel(DEADLINE + timedelta(minutes=1), tick=False):
        response = client.post(english.url, form_data(), follow=True)

    assert response.status_code == 200
    assert "Applications closed on Tuesday 15 December, 6 pm." in response.content.decode()
    assert not Application.objects.exists()


def test_too_many_posts_from_one_address_get_a_429_in_the_page_language(
    client, module, english, settings
):
    cache.clear()
    settings.BOOKING_RATE_LIMIT = (2, 600)
    for n in range(2):
        assert client.post(english.url, form_data(email=f"p{n}@example.org")).status_code == 302

    refused = client.post(english.url, form_data(email="p9@example.org"))
    french = client.post(module.url, form_data(email="p8@example.org"))
    elsewhere = client.post(module.url, form_data(email="p7@example.org"), REMOTE_ADDR="192.0.2.7")

    assert refused.status_code == french.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert "Trop de tentatives" in french.content.decode()
    assert elsewhere.status_code == 302
    assert Application.objects.count() == 3
    cache.clear()
