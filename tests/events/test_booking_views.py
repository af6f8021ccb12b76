"""Booking through the real views: the form on the screening page in both languages,
the confirmation and manage page behind the token, bad input never a 500."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from events.bookings import Booking
from events.exceptions import BookingClosed
from events.models import ScreeningPage, Session
from events.services import booking_revoke_token
from tests.conftest import paris, publish_translation
from tests.events.factories import (
    BookingFactory,
    ScreeningPageFactory,
    SessionFactory,
    screening_with_one_session,
)

START = paris(2026, 12, 2, 20)


@pytest.fixture
def screening(shared_site, frozen_now):
    return screening_with_one_session(shared_site, start=START)


@pytest.fixture
def english(screening):
    return publish_translation(screening, title="The Workers")


@pytest.fixture
def session(screening):
    return screening.get_sessions().get()


def book_url(page) -> str:
    """Where the page's booking form posts: its own short URL, in the page's language."""
    with translation.override(page.locale.language_code):
        return reverse("screening_book", kwargs={"page_id": page.pk})


def form_data(for_session, **changes):
    data = {
        "action": "book",
        "session": str(for_session.uid),
        "first_name": "Ana",
        "last_name": "Ruiz",
        "email": "ana@example.org",
        "seats": "2",
        "terms": "on",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_the_screening_page_shows_a_labelled_booking_form(client, screening):
    response = client.get(screening.url)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="booking"' in html
    for field in ("first_name", "last_name", "email", "seats", "terms", "newsletter"):
        assert f'for="id_{field}"' in html, field
    assert "5 places restantes" in html
    assert 'name="csrfmiddlewaretoken"' in html


def test_booking_in_french_redirects_to_the_confirmation(
    client, screening, session, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(book_url(screening), form_data(session))

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/booking/{booking.manage_token}/"
    assert booking.language == "fr" and booking.seats == 2
    assert booking.status == Booking.Status.CONFIRMED
    confirmation = client.get(response["Location"])
    assert confirmation.status_code == 200
    assert "Les Ouvrières" in confirmation.content.decode()
    assert confirmation["Referrer-Policy"] == "same-origin"
    assert len(mailoutbox) == 1


def test_booking_in_english_is_recorded_in_english(
    client, english, session, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(book_url(english), form_data(session))

    booking = Booking.objects.get()
    assert booking.language == "en"
    assert response["Location"] == f"/en/booking/{booking.manage_token}/"
    page = client.get(response["Location"]).content.decode()
    assert "The Workers" in page
    assert "Confirmed: 2 seats are booked for you." in page
    assert "The Workers" in mailoutbox[0].subject


def test_a_full_session_puts_the_visitor_on_the_waitlist_with_a_position(client, english, session):
    BookingFactory(session=session, seats=5)

    response = client.post(book_url(english), form_data(session), follow=True)

    assert "waiting list, in position 1" in response.content.decode()


def test_invalid_input_is_a_400_with_messages_linked_to_their_fields(client, english, session):
    response = client.post(book_url(english), form_data(session, email="not-an-email", terms=None))

    html = response.content.decode()
    assert response.status_code == 400
    assert not Booking.objects.exists()
    assert 'id="booking-error-summary"' in html
    assert 'href="#id_email"' in html
    assert 'aria-describedby="id_email_error id_email_helptext"' in html
    assert 'id="id_email_error"' in html
    assert 'aria-invalid="true"' in html
    assert "Enter a valid email address." in html


def test_a_missing_date_among_several_links_to_the_first_date_of_the_form(
    client, screening, session
):
    """With two dates the choice is a group of radios, which Django gives no id: the
    summary's link must still lead to a radio a person can reach."""
    SessionFactory(page=screening, start=START + timedelta(days=7), venue=session.venue)

    response = client.post(book_url(screening), form_data(session, session=None))

    html = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_session_0"' in html
    assert 'id="id_session_0"' in html
    assert 'href="#"' not in html


def test_validation_messages_are_in_the_page_language(client, screening, session):
    response = client.post(book_url(screening), form_data(session, first_name=""))

    assert response.status_code == 400
    assert "Prénom — Champ requis." in response.content.decode()


@pytest.mark.parametrize(
    "changes",
    [
        {"seats": "5"},
        {"seats": "0"},
        {"seats": "abc"},
        {"session": "not-a-uuid"},
        {"session": "00000000-0000-0000-0000-000000000000"},
        {"email": "a" * 300 + "@example.org"},
        {"first_name": "x" * 5000},
        {"access_needs": "x" * 5000},
    ],
)
def test_bad_input_is_refused_with_a_400_never_a_500(client, english, session, changes):
    response = client.post(book_url(english), form_data(session, **changes))

    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_the_honeypot_refuses_bots(client, english, session):
    response = client.post(book_url(english), form_data(session, website="http://spam.example"))

    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_a_post_without_csrf_token_is_refused(english, session):
    response = Client(enforce_csrf_checks=True).post(book_url(english), form_data(session))

    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_a_resubmitted_form_offers_to_resend_the_confirmation(
    client, english, session, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(book_url(english), form_data(session))
        response = client.post(book_url(english), form_data(session, email=" ANA@example.org"))

    html = response.content.decode()
    assert response.status_code == 409
    assert Booking.objects.count() == 1
    assert "You are already booked for this date" in html
    assert 'name="action" value="resend"' in html

    with django_capture_on_commit_callbacks(execute=True):
        resent = client.post(
            book_url(english),
            {"action": "resend", "session": str(session.uid), "email": "ana@example.org"},
        )
    assert resent.status_code == 302
    assert len(mailoutbox) == 2
    assert mailoutbox[1].to == ["ana@example.org"]


def test_a_closed_session_shows_no_form_and_refuses_posts(client, screening, session):
    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        page = client.get(screening.url).content.decode()
        response = client.post(book_url(screening), form_data(session))

    assert "booking__form" not in page
    assert response.status_code == 302
    assert not Booking.objects.exists()


def test_a_rule_refusing_the_request_is_a_form_error_in_the_page_language(
    client, screening, session, monkeypatch
):
    # For example bookings closing between loading the form and posting it.
    def closed(**kwargs):
        raise BookingClosed

    monkeypatch.setattr("events.services.booking_create", closed)
    response = client.post(book_url(screening), form_data(session))

    assert response.status_code == 400
    assert "Les réservations pour cette séance sont closes." in response.content.decode()


def test_the_manage_page_gives_back_seats_and_promotes(client, english, session):
    booking = BookingFactory(session=session, seats=4, language="en")
    BookingFactory(session=session, seats=1)
    waiting = BookingFactory(session=session, seats=2, status="waitlisted")
    url = f"/en/booking/{booking.manage_token}/"

    response = client.post(url, {"action": "reduce", "seats": "2"})

    assert response.status_code == 302 and response["Location"] == url
    assert Booking.objects.get(pk=booking.pk).seats == 2
    assert Booking.objects.get(pk=waiting.pk).status == Booking.Status.CONFIRMED


def test_cancelling_asks_first_and_says_what_will_be_given_back(client, english, session):
    booking = BookingFactory(session=session, seats=2)
    manage = client.get(f"/booking/{booking.manage_token}/").content.decode()
    cancel_url = f"/booking/{booking.manage_token}/cancel/"
    assert f'href="{cancel_url}"' in manage

    for url in (cancel_url, f"/en/booking/{booking.manage_token}/cancel/"):
        response = client.get(url)
        assert response.status_code == 200
        assert response["X-Robots-Tag"] == "noindex"
        html = response.content.decode()
        assert html.count("<h1") == 1
        assert 'method="post"' in html
    assert "Annuler votre réservation ?" in client.get(cancel_url).content.decode()
    assert "You will give back your 2 seats" in html
    # Asking is not cancelling; neither is the old one-tap form posted to the manage page.
    old_form = client.post(f"/booking/{booking.manage_token}/", {"action": "cancel"})
    assert old_form.status_code == 302 and old_form["Location"] == cancel_url
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED


def test_confirming_cancels_emails_in_the_booking_language_and_says_it_once(
    client, english, session, mailoutbox, django_capture_on_commit_callbacks
):
    booking = BookingFactory(session=session, seats=1, language="en", first_name="Ana")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/booking/{booking.manage_token}/cancel/")

    assert response.status_code == 302
    assert response["Location"] == f"/booking/{booking.manage_token}/"
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CANCELLED
    (message,) = mailoutbox
    assert message.to == [booking.email]
    assert message.subject == "Booking cancelled: The Workers — Wednesday 2 December, 8 pm"
    assert "Hello Ana," in message.body
    page = client.get(response["Location"]).content.decode()
    assert page.count("annulée") == 1
    assert "Annuler ma réservation" not in page
    # Cancelling again is harmless: the confirmation step leads back, nothing more is sent.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(f"/booking/{booking.manage_token}/cancel/")
    assert again.status_code == 302
    assert len(mailoutbox) == 1


def test_a_waitlisted_booking_is_told_it_leaves_the_waiting_list(client, english, session):
    BookingFactory(session=session, seats=5)
    waiting = BookingFactory(session=session, seats=1, status="waitlisted")

    html = client.get(f"/en/booking/{waiting.manage_token}/cancel/").content.decode()

    assert "You will leave the waiting list, where you are in position 1." in html


@pytest.mark.parametrize("seats", ["4", "0", "x", ""])
def test_giving_back_an_impossible_number_of_seats_is_a_400(client, english, session, seats):
    booking = BookingFactory(session=session, seats=3)

    response = client.post(
        f"/en/booking/{booking.manage_token}/", {"action": "reduce", "seats": seats}
    )

    assert response.status_code == 400
    assert Booking.objects.get(pk=booking.pk).seats == 3


def test_an_unknown_action_is_a_400(client, english, session):
    booking = BookingFactory(session=session)
    response = client.post(f"/en/booking/{booking.manage_token}/", {"action": "explode"})
    assert response.status_code == 400


def test_a_revoked_or_unknown_token_is_a_404(client, english, session):
    booking = BookingFactory(session=session)
    old = booking.manage_token
    booking_revoke_token(booking=booking)

    assert client.get(f"/en/booking/{old}/").status_code == 404
    assert client.post(f"/booking/{old}/", {"action": "cancel"}).status_code == 404
    assert client.get("/booking/unknown/").status_code == 404
    assert client.get(f"/en/booking/{booking.manage_token}/").status_code == 200
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CONFIRMED


def test_the_english_page_applies_the_booking_settings_of_the_original_page(
    client, screening, english, session
):
    english.booking_max_seats = 4
    english.save()
    screening.booking_max_seats = 1
    screening.save()

    html = client.get(english.url).content.decode()
    response = client.post(book_url(english), form_data(session, seats="2"))

    assert 'value="2"' not in html.split('name="seats"')[1].split("</select>")[0]
    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_too_many_posts_from_one_address_get_a_429_in_the_page_language(
    client, screening, english, session, settings
):
    from django.core.cache import cache

    cache.clear()
    settings.BOOKING_RATE_LIMIT = (3, 600)
    for n in range(3):
        response = client.post(
            book_url(english), form_data(session, email=f"p{n}@example.org", seats="1")
        )
        assert response.status_code == 302
    refused = client.post(book_url(english), form_data(session, email="p9@example.org", seats="1"))
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert Booking.objects.count() == 3
    other_address = client.post(
        book_url(screening),
        form_data(session, email="p8@example.org", seats="1"),
        REMOTE_ADDR="192.0.2.7",
    )
    assert other_address.status_code == 302
    french = client.post(book_url(screening), form_data(session, email="p7@example.org", seats="1"))
    assert french.status_code == 429
    assert "Trop de tentatives" in french.content.decode()
    cache.clear()


def test_a_wheelchair_request_when_none_is_left_is_told_so_and_waits(
    client, screening, english, session
):
    ScreeningPage.objects.filter(pk=screening.pk).update(wheelchair_places=1)
    BookingFactory(session=session, seats=1, wheelchair=True)
    page = client.get(screening.url).content.decode()
    assert "4 places restantes, plus de place fauteuil (liste d&#x27;attente)" in page
    assert 'for="id_wheelchair"' in page

    for url, email, says in (
        (
            screening.url,
            "ana@example.org",
            "Il ne reste plus de place fauteuil à cette date : vous êtes sur la liste "
            "d'attente, en position 1.",
        ),
        (
            english.url,
            "bo@example.org",
            "No wheelchair place is left on this date: you are on the waiting list, in position 2.",
        ),
    ):
        response = client.post(url, form_data(session, email=email, wheelchair="on"), follow=True)
        booking = Booking.objects.get(email=email)
        assert booking.status == Booking.Status.WAITLISTED and booking.wheelchair
        assert says in response.content.decode()
    # Seats are still there for whoever needs no wheelchair place.
    client.post(book_url(screening), form_data(session, email="cy@example.org", seats="1"))
    assert Booking.objects.get(email="cy@example.org").status == Booking.Status.CONFIRMED


def test_a_screening_without_wheelchair_places_does_not_offer_one(client, screening):
    assert 'name="wheelchair"' not in client.get(screening.url).content.decode()


def test_the_form_posts_to_its_own_url_in_the_page_language(client, english, session):
    html = client.get(english.url).content.decode()

    assert f'action="{book_url(english)}#booking"' in html
    assert book_url(english).startswith("/en/booking/screening/")


def test_the_page_url_still_takes_a_booking_posted_from_an_older_page(client, screening, session):
    response = client.post(screening.url, form_data(session))

    assert response.status_code == 302
    assert Booking.objects.get().status == Booking.Status.CONFIRMED


def test_the_booking_url_of_an_unpublished_or_unknown_page_is_a_404(client, screening, session):
    ScreeningPage.objects.filter(pk=screening.pk).update(live=False)

    assert client.post(book_url(screening), form_data(session)).status_code == 404
    assert client.post("/booking/screening/999999/", form_data(session)).status_code == 404
    assert client.get(book_url(screening)).status_code == 404
    assert not Booking.objects.exists()


def test_the_booking_url_opened_as_a_link_leads_to_the_form(client, screening, session):
    response = client.get(book_url(screening))

    assert response.status_code == 302
    assert response["Location"] == screening.url + "#booking"
    assert client.put(book_url(screening)).status_code == 405
    assert not Booking.objects.exists()


def test_a_date_of_another_screening_is_refused_on_this_one(client, shared_site, screening):
    other = ScreeningPageFactory(parent=shared_site.programme, title="Autre", slug="autre")
    elsewhere = SessionFactory(page=other, start=START, venue=shared_site.venue, places=5)

    response = client.post(book_url(screening), form_data(elsewhere))

    assert response.status_code == 400
    assert not Booking.objects.exists()


# With the page cache on (production), a post reads the page, its restrictions and its
# sessions from the cache under the content version: a change shows on the next post.


@pytest.fixture
def pages_cached(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


def test_with_pages_cached_an_unpublished_page_takes_no_more_bookings(
    pages_cached, client, screening, session, django_capture_on_commit_callbacks
):
    assert client.post(book_url(screening), form_data(session)).status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        screening.unpublish()
    response = client.post(book_url(screening), form_data(session, email="bob@example.org"))

    assert response.status_code == 404
    assert list(Booking.objects.values_list("email", flat=True)) == ["ana@example.org"]


def test_with_pages_cached_a_password_added_to_the_page_holds_the_next_post(
    pages_cached, client, screening, session, django_capture_on_commit_callbacks
):
    assert client.post(book_url(screening), form_data(session)).status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=screening, restriction_type=PageViewRestriction.PASSWORD, password="fabrique"
        )
    response = client.post(book_url(screening), form_data(session, email="bob@example.org"))

    assert (response.status_code, response["Location"]) == (302, screening.url)
    assert list(Booking.objects.values_list("email", flat=True)) == ["ana@example.org"]


def test_with_pages_cached_bookings_closed_by_the_editor_refuse_the_next_post(
    pages_cached, client, screening, session, django_capture_on_commit_callbacks
):
    assert client.post(book_url(screening), form_data(session)).status_code == 302

    screening.bookings_close_at = timezone.now() - timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        screening.save_revision().publish()
    response = client.post(book_url(screening), form_data(session, email="bob@example.org"))

    assert (response.status_code, response["Location"]) == (302, screening.url)
    assert list(Booking.objects.values_list("email", flat=True)) == ["ana@example.org"]


def test_with_pages_cached_a_cancelled_date_takes_no_booking(
    pages_cached, client, screening, session
):
    assert client.post(book_url(screening), form_data(session)).status_code == 302
    # Cancelled behind the page cache's back (no signal): a post that still finds the
    # date in the cached lookup is refused by the claim (400, the form says why); one
    # that reads it afresh finds no date open (back to the page).
    Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)

    response = client.post(book_url(screening), form_data(session, email="bob@example.org"))

    assert response.status_code in (302, 400)
    assert response.status_code == 400 or response["Location"] == screening.url
    assert list(Booking.objects.values_list("email", flat=True)) == ["ana@example.org"]
