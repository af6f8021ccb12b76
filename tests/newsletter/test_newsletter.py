"""The newsletter through its real views: double opt-in from the footer form and from a
booking's opt-in, signed links that refuse tampering, one-click unsubscribe (RFC 8058),
the staff export and the programme letter, in each subscriber's language."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from events.bookings import Booking
from newsletter.models import ProgrammeLetter, Subscriber
from tests.conftest import paris, publish_translation
from tests.events.factories import ScreeningPageFactory, SessionFactory

START = paris(2026, 12, 2, 20)


@pytest.fixture
def screening(shared_site, frozen_now):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières", slug="ouv")
    SessionFactory(page=page, start=START, venue=shared_site.venue, places=5)
    publish_translation(page, title="The Workers")
    return page


def subscribe_url(language="fr"):
    with translation.override(language):
        return reverse("newsletter_subscribe")


def sign_up(client, callbacks, email="camille@example.org", language="fr", **extra):
    with callbacks(execute=True):
        return client.post(subscribe_url(language), {"email": email, "website": "", **extra})


def link_in(message, kind) -> str:
    return re.search(rf"https?://\S+/newsletter/{kind}/\S+/", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_every_page_carries_the_sign_up_form(client, shared_site):
    html = client.get("/").content.decode()
    assert f'action="{subscribe_url()}"' in html
    assert 'for="newsletter-email"' in html
    html = client.get("/en/").content.decode()
    assert f'action="{subscribe_url("en")}"' in html
    assert "Your email, to receive the programme" in html


def test_sign_up_is_confirmed_by_the_emailed_link_and_the_dates_are_kept(
    client, shared_site, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks)

    assert response.status_code == 200
    assert "nous avons envoyé un lien" in response.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.requested_at and subscriber.confirmed_at is None
    (message,) = mail.outbox
    assert message.to == ["camille@example.org"]
    assert "Confirmez" in message.subject
    url = path_of(link_in(message, "confirm"))
    # Opening the link (a mail scanner does too) changes nothing: a button confirms.
    page = client.get(url)
    assert page.status_code == 200
    assert "Confirmer mon inscription" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.PENDING
    page = client.post(url)
    assert "Votre inscription est confirmée" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.SUBSCRIBED
    assert subscriber.confirmed_at is not None


def test_english_sign_up_is_answered_and_emailed_in_english(
    client, shared_site, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks, language="en")

    assert "we have sent it a link" in response.content.decode()
    assert Subscriber.objects.get().language == "en"
    assert mail.outbox[0].subject.startswith("Confirm your subscription")
    assert "/en/newsletter/confirm/" in link_in(mail.outbox[0], "confirm")


def test_a_subscribed_address_gets_the_same_answer_and_no_email(
    client, shared_site, django_capture_on_commit_callbacks
):
    Subscriber.objects.create(
        email="camille@example.org",
        language="fr",
        status=Subscriber.Status.SUBSCRIBED,
        source=Subscriber.Source.FORM,
        requested_at=paris(2026, 1, 1, 10),
        confirmed_at=paris(2026, 1, 1, 11),
    )
    response = sign_up(client, django_capture_on_commit_callbacks, email=" Camille@Example.org ")

    assert response.status_code == 200
    assert "nous avons envoyé un lien" in response.content.decode()
    assert mail.outbox == []
    assert Subscriber.objects.get().confirmed_at == paris(2026, 1, 1, 11)


@pytest.mark.parametrize(
    ("language", "data", "text"),
    [
        ("fr", {"email": "pas-un-email"}, "Saisissez une adresse de courriel valide."),
        ("en", {"email": "not-an-email"}, "Enter a valid email address."),
        ("fr", {"email": "bot@example.org", "website": "http://spam"}, "Laissez ce champ vide"),
    ],
)
def test_bad_input_is_a_400_in_the_visitors_language(client, shared_site, language, data, text):
    response = client.post(subscribe_url(language), {"website": "", **data})

    assert response.status_code == 400
    assert text in response.content.decode()
    assert not Subscriber.objects.exists()


def test_sign_ups_are_rate_limited(client, shared_site, settings):
    settings.BOOKING_RATE_LIMIT = (2, 600)
    for index in range(2):
        client.post(subscribe_url(), {"email": f"a{index}@example.org", "website": ""})
    response = client.post(subscribe_url(), {"email": "a3@example.org", "website": ""})

    assert response.status_code == 429
    assert "Trop de tentatives" in response.content.decode()
    assert Subscriber.objects.count() == 2


def test_a_tampered_link_gets_a_clear_message_and_changes_nothing(
    client, shared_site, django_capture_on_commit_callbacks
):
    sign_up(client, django_capture_on_commit_callbacks)
    url = path_of(link_in(mail.outbox[0], "confirm"))
    token = url.rstrip("/").rsplit("/", 1)[1]
    tampered = url.replace(token, token[:-3] + ("aaa" if token[-3:] != "aaa" else "bbb"))

    for target in (
        tampered,
        tampered.replace("/confirm/", "/unsubscribe/"),
        url.replace("/confirm/", "/unsubscribe/"),
    ):
        response = client.post(target)
        assert response.status_code == 400
        assert "Ce lien n’est pas valide" in response.content.decode()
    response = Client().post("/en" + tampered)
    assert "This link is not valid" in response.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING


def test_a_confirmed_booking_with_the_opt_in_asks_to_confirm_the_subscription(
    client, screening, django_capture_on_commit_callbacks
):
    session = screening.get_sessions().get()
    with translation.override("fr"):
        url = reverse("screening_book", kwargs={"page_id": screening.pk})
    data = {
        "action": "book",
        "session": str(session.uid),
        "first_name": "Ana",
        "last_name": "Ruiz",
        "email": "ana@example.org",
        "seats": "1",
        "terms": "on",
        "website": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {**data, "newsletter": "on"})
        client.post(url, {**data, "email": "noletter@example.org"})

    assert Booking.objects.filter(status=Booking.Status.CONFIRMED).count() == 2
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ana@example.org"
    assert subscriber.source == Subscriber.Source.BOOKING
    assert subscriber.status == Subscriber.Status.PENDING
    confirmations = [m for m in mail.outbox if "/newsletter/confirm/" in m.body]
    assert [m.to for m in confirmations] == [["ana@example.org"]]


def staff(name, group="Box office"):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "x")
    user.groups.add(Group.objects.get(name=group))
    return user


def subscribed(email, language):
    return Subscriber.objects.create(
        email=email,
        language=language,
        status=Subscriber.Status.SUBSCRIBED,
        source=Subscriber.Source.FORM,
        requested_at=paris(2026, 11, 1, 10),
        confirmed_at=paris(2026, 11, 1, 11),
    )


def test_staff_export_the_subscribers_with_their_consent_dates(client, shared_site):
    subscribed("=cmd@example.org", "fr")
    client.force_login(staff("guichet"))

    response = client.get(reverse("newsletter_admin:export"))

    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["E-mail", "Langue", "État"]
    assert rows[1][0] == "'=cmd@example.org"  # no formula run by a spreadsheet
    assert rows[1][4:6] == ["2026-11-01 10:00", "2026-11-01 11:00"]


def test_staff_outside_the_box_office_cannot_export(client, shared_site):
    subscribed("camille@example.org", "fr")
    client.force_login(staff("editor", "Editors"))

    response = client.get(reverse("newsletter_admin:export"))

    assert response.status_code == 403
    assert "camille@example.org" not in response.content.decode()
    assert client.get(reverse("newsletter_admin:letter_create")).status_code == 403


def test_the_programme_letter_goes_once_to_each_subscriber_in_their_language(
    client, screening, django_capture_on_commit_callbacks
):
    subscribed("camille@example.org", "fr")
    subscribed("ana@example.org", "en")
    Subscriber.objects.create(
        email="left@example.org",
        language="fr",
        status=Subscriber.Status.UNSUBSCRIBED,
        source=Subscriber.Source.FORM,
        requested_at=paris(2026, 11, 1, 10),
    )
    client.force_login(staff("guichet"))
    response = client.post(
        reverse("newsletter_admin:letter_create"),
        {
            "subject_fr": "Le programme de décembre",
            "subject_en": "December's programme",
            "introduction_fr": "Bonjour à toutes et à tous.",
            "introduction_en": "Hello everyone.",
            "days": "30",
        },
    )
    letter = ProgrammeLetter.objects.get()
    preview = client.get(response["Location"]).content.decode()
    assert "Les Ouvrières" in preview and "The Workers" in preview

    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"])
        client.post(response["Location"])  # a second click sends nothing more

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"camille@example.org", "ana@example.org"}
    french, english = by_address["camille@example.org"], by_address["ana@example.org"]
    assert french.subject == "Le programme de décembre"
    assert "Les Ouvrières" in french.body and "Bonjour à toutes" in french.body
    assert english.subject == "December's programme"
    assert "The Workers" in english.body and "/en/" in link_in(english, "unsubscribe")
    letter.refresh_from_db()
    assert letter.recipients == 2 and letter.sent_at is not None
    # RFC 8058: the header names the link, and the mail app's POST unsubscribes at once.
    header = english.extra_headers["List-Unsubscribe"]
    assert header == f"<{link_in(english, 'unsubscribe')}>"
    assert english.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = Client(enforce_csrf_checks=True).post(
        path_of(header.strip("<>")), {"List-Unsubscribe": "One-Click"}
    )
    assert one_click.status_code == 200
    assert "will receive no more programme letters" in one_click.content.decode()
    ana = Subscriber.objects.get(email="ana@example.org")
    assert ana.status == Subscriber.Status.UNSUBSCRIBED and ana.unsubscribed_at is not None
    assert ana.confirmed_at is not None  # the consent's history stays


def test_a_letter_form_with_bad_input_keeps_what_was_typed(client, shared_site):
    client.force_login(staff("guichet"))
    response = client.post(
        reverse("newsletter_admin:letter_create"),
        {"subject_fr": "Décembre", "subject_en": "", "introduction_fr": "x", "days": "400"},
    )

    assert response.status_code == 400
    assert 'value="Décembre"' in response.content.decode()
    assert not ProgrammeLetter.objects.exists()


def test_confirmation_links_expire(client, shared_site, django_capture_on_commit_callbacks):
    import time_machine

    sign_up(client, django_capture_on_commit_callbacks)
    url = path_of(link_in(mail.outbox[0], "confirm"))
    with time_machine.travel(timedelta(days=8)):
        response = client.post(url)
    assert response.status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING
