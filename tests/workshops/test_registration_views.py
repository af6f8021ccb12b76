"""Registering through the real views: the form on the workshop page in both
languages, the manage page behind the token, bad input never a 500."""

from datetime import timedelta

import pytest
from django.core.cache import cache

from tests.conftest import paris, publish_translation
from tests.events.factories import SessionFactory
from tests.workshops.factories import RegistrationFactory, WorkshopPageFactory
from workshops.registrations import Registration

FIRST = paris(2026, 12, 2, 14)


@pytest.fixture
def workshop(shared_site, frozen_now):
    page = WorkshopPageFactory(
        parent=shared_site.programme, title="Stop motion", slug="stop", is_series=True
    )
    for week in range(3):
        SessionFactory(
            page=page, start=FIRST + timedelta(weeks=week), venue=shared_site.venue, places=2
        )
    return page


@pytest.fixture
def english(workshop):
    return publish_translation(workshop, title="Stop-motion workshop")


@pytest.fixture
def drop_in(shared_site, frozen_now):
    page = WorkshopPageFactory(parent=shared_site.programme, title="Initiation", slug="init")
    for week in range(2):
        SessionFactory(page=page, start=FIRST + timedelta(weeks=week), venue=shared_site.venue)
    return page


def form_data(**changes):
    data = {
        "action": "register",
        "guardian_first_name": "Camille",
        "guardian_last_name": "Martin",
        "email": "camille@example.org",
        "phone": "06 12 34 56 78",
        "child_first_name": "Lou",
        "child_birth_date": "2016-05-01",
        "participation_consent": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_workshop_page_shows_an_accessible_registration_form(client, workshop):
    html = client.get(workshop.url).content.decode()

    assert 'id="registration"' in html
    assert html.count("<fieldset") >= 3 and html.count("<legend") >= 3
    for field in (
        "guardian_first_name",
        "guardian_last_name",
        "email",
        "phone",
        "child_first_name",
        "child_birth_date",
        "notes",
        "participation_consent",
        "image_consent",
    ):
        assert f'for="id_{field}"' in html, field
    assert 'type="date"' in html
    assert "Une inscription vaut pour tout le cycle (3 séances)." in html
    assert "2 places restantes." in html
    assert 'name="session"' not in html  # a series: no date to choose


def test_registering_in_french_redirects_to_the_manage_page(
    client, workshop, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(workshop.url, form_data(image_consent="on"))

    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/inscription/{registration.manage_token}/"
    assert registration.language == "fr" and registration.covers_series
    assert registration.image_consent and registration.image_consent_at is not None
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    assert "Confirmé : Lou est inscrit·e." in html
    assert html.count("<time") == 3
    assert len(mailoutbox) == 1 and "/inscription/" in mailoutbox[0].body


def test_registering_in_english_is_recorded_in_english(
    client, english, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(english.url, form_data())

    registration = Registration.objects.get()
    assert registration.language == "en"
    assert response["Location"] == f"/en/registration/{registration.manage_token}/"
    html = client.get(response["Location"]).content.decode()
    assert "Stop-motion workshop" in html and "Confirmed: Lou is registered." in html
    assert mailoutbox[0].subject.startswith("Registration confirmed: Stop-motion workshop")


def test_a_child_outside_the_age_band_gets_a_message_on_the_date_of_birth(client, english):
    response = client.post(english.url, form_data(child_birth_date="2020-01-01"))

    html = response.content.decode()
    assert response.status_code == 400
    assert not Registration.objects.exists()
    assert 'href="#id_child_birth_date"' in html
    assert "for children aged 9 to 13 on its first day (Wednesday 2 December)" in html
    assert 'aria-describedby="id_child_birth_date_error id_child_birth_date_helptext"' in html


def test_the_age_message_is_in_french_on_the_french_page(client, workshop):
    response = client.post(workshop.url, form_data(child_birth_date="02/12/2017"))
    assert response.status_code == 302  # 9 on the very day: accepted (French date format)

    response = client.post(
        workshop.url, form_data(child_first_name="Noé", child_birth_date="2017-12-03")
    )
    assert response.status_code == 400
    assert "de 9 à 13 ans le jour de la première séance (mercredi 2 décembre)" in (
        response.content.decode()
    )


def test_participation_consent_is_required_and_tied_to_its_field(client, workshop):
    response = client.post(workshop.url, form_data(participation_consent=None))

    html = response.content.decode()
    assert response.status_code == 400
    assert not Registration.objects.exists()
    assert 'href="#id_participation_consent"' in html
    assert 'id="id_participation_consent_error"' in html


def test_without_image_consent_nothing_is_recorded_for_it(client, workshop):
    client.post(workshop.url, form_data())

    registration = Registration.objects.get()
    assert not registration.image_consent and registration.image_consent_at is None


@pytest.mark.parametrize(
    "changes",
    [
        {"child_birth_date": "2016-02-30"},
        {"child_birth_date": "not a date"},
        {"child_birth_date": "2030-01-01"},
        {"child_birth_date": "1800-01-01"},
        {"phone": "call me"},
        {"email": "a" * 300 + "@example.org"},
        {"child_first_name": "x" * 5000},
        {"notes": "x" * 5000},
        {"guardian_last_name": ""},
    ],
)
def test_bad_input_is_a_400_never_a_500(client, english, changes):
    response = client.post(english.url, form_data(**changes))

    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_the_honeypot_refuses_bots(client, english):
    response = client.post(english.url, form_data(website="http://spam.example"))

    assert response.status_code == 400
    assert not Registration.objects.exists()


def test_a_double_submit_makes_one_registration_and_offers_to_resend(
    client, english, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(english.url, form_data())
        again = client.post(
            english.url, form_data(email=" CAMILLE@example.org", child_first_name="lou ")
        )

    html = again.content.decode()
    assert first.status_code == 302 and again.status_code == 409
    assert Registration.objects.count() == 1
    assert "already registered" in html
    assert 'name="action" value="resend"' in html

    with django_capture_on_commit_callbacks(execute=True):
        resent = client.post(
            english.url,
            {"action": "resend", "email": "camille@example.org", "child_first_name": "Lou"},
        )
    assert resent.status_code == 302
    assert [m.to for m in mailoutbox] == [["camille@example.org"]] * 2


def test_a_drop_in_workshop_lets_the_guardian_choose_the_session(client, drop_in):
    first, second = drop_in.get_sessions()
    html = client.get(drop_in.url).content.decode()
    assert html.count('name="session"') == 2

    response = client.post(drop_in.url, form_data(session=str(second.uid)))
    missing = client.post(drop_in.url, form_data(child_first_name="Noé"))

    assert response.status_code == 302
    assert Registration.objects.get().session == second
    assert missing.status_code == 400


def test_a_full_series_puts_the_child_on_the_waiting_list(client, english):
    session = english.get_sessions().first()
    RegistrationFactory.create_batch(2, session=session, covers_series=True)

    response = client.post(english.url, form_data(), follow=True)

    assert "Lou is on the waiting list, in position 1." in response.content.decode()


def test_registrations_closed_show_no_form_and_refuse_posts(client, workshop, time_machine):
    time_machine.move_to(FIRST + timedelta(minutes=1), tick=False)

    html = client.get(workshop.url).content.decode()
    response = client.post(workshop.url, form_data())

    assert "registration__form" not in html
    # Closed, and why: the series has begun.
    assert "Inscriptions closes : la série a commencé" in html
    assert response.status_code == 302
    assert not Registration.objects.exists()


def test_too_many_posts_from_one_address_get_a_429_in_the_page_language(
    client, workshop, english, settings
):
    cache.clear()
    settings.BOOKING_RATE_LIMIT = (2, 600)
    for n in range(2):
        response = client.post(english.url, form_data(child_first_name=f"Child{n}"))
        assert response.status_code == 302
    refused = client.post(english.url, form_data(child_first_name="Other"))
    french = client.post(workshop.url, form_data(child_first_name="Autre"))

    assert refused.status_code == french.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert "Trop de tentatives" in french.content.decode()
    assert Registration.objects.count() == 2
    elsewhere = client.post(
        workshop.url, form_data(child_first_name="Ailleurs"), REMOTE_ADDR="192.0.2.7"
    )
    assert elsewhere.status_code == 302


def test_cancelling_on_the_manage_page_asks_first_then_promotes_the_first_waiting(
    client, english, mailoutbox, django_capture_on_commit_callbacks
):
    session = english.get_sessions().first()
    leaving = RegistrationFactory(
        session=session, covers_series=True, language="en", child_first_name="Lou"
    )
    RegistrationFactory(session=session, covers_series=True)
    waiting = RegistrationFactory(
        session=session, covers_series=True, status="waitlisted", email="next@example.org"
    )
    url = f"/en/registration/{leaving.manage_token}/"
    cancel_url = f"/en/registration/{leaving.manage_token}/cancel/"
    assert f'href="{cancel_url}"' in client.get(url).content.decode()

    ask = client.get(cancel_url)
    old_form = client.post(url, {"action": "cancel"})

    assert ask.status_code == 200
    assert "Lou’s place for the whole series will be given back" in ask.content.decode()
    assert ask.content.decode().count("<h1") == 1
    assert old_form.status_code == 302 and old_form["Location"] == cancel_url
    assert Registration.objects.get(pk=leaving.pk).status == "confirmed"
    assert mailoutbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url)

    assert response.status_code == 302 and response["Location"] == url
    assert Registration.objects.get(pk=leaving.pk).status == "cancelled"
    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {leaving.email, "next@example.org"}
    assert "Lou’s registration for Stop-motion workshop is cancelled" in (
        by_address[leaving.email].body
    )
    page = client.get(url).content.decode()
    assert page.count("is cancelled") == 1
    assert "Cancel the registration" not in page
    # The French address works too; cancelling again is harmless and sends nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/inscription/{leaving.manage_token}/annuler/")
    assert again.status_code == 302
    assert len(mailoutbox) == 2


def test_the_manage_page_refuses_unknown_actions_and_tokens(client, workshop):
    registration = RegistrationFactory(session=workshop.get_sessions().first())

    assert (
        client.post(f"/inscription/{registration.manage_token}/", {"action": "explode"}).status_code
        == 400
    )
    assert client.get("/inscription/unknown/").status_code == 404
    assert client.get("/inscription/" + "x" * 100 + "/").status_code == 404
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"


def test_registrations_closed_by_their_deadline_say_since_when(client, drop_in, time_machine):
    drop_in.registrations_close_at = FIRST - timedelta(days=2)
    drop_in.save_revision().publish()
    english = publish_translation(drop_in, title="Introduction")
    time_machine.move_to(FIRST - timedelta(days=1), tick=False)

    french_html = client.get(drop_in.url).content.decode()
    english_html = client.get(english.url).content.decode()

    assert "registration__form" not in french_html
    assert "Inscriptions closes depuis le lundi 30 novembre à 14 h." in french_html
    assert "Registrations closed on Monday 30 November, 2 pm." in english_html


def test_a_workshop_whose_dates_have_all_begun_says_so_and_marks_them_past(
    client, drop_in, time_machine
):
    time_machine.move_to(FIRST + timedelta(weeks=1, days=1), tick=False)

    html = client.get(drop_in.url).content.decode()

    assert "registration__form" not in html
    assert "toutes les dates de cet atelier ont commencé ou sont passées" in html
    assert html.count("status-badge--past") == 2
