"""The donation page: closed without keys (Stripe never called), the form, the
Checkout Session created with the right parameters, bad input, Stripe failing."""

import socket

import pytest
from django.core.cache import cache

from donations.models import Donation

from .conftest import form_data
from .stripe_standin import StripeStandIn

pytestmark = pytest.mark.django_db

CHECKOUT = "/v1/checkout/sessions"
ITEM = "line_items[0][price_data]"


def test_without_keys_the_page_says_closed_and_nothing_calls_stripe(
    client, donation_page, settings
):
    with StripeStandIn() as standin:
        settings.STRIPE_API_BASE = standin.url  # keys stay empty (test settings)
        page = client.get("/donate/")
        posted = client.post("/donate/", form_data())

    assert page.status_code == 200
    assert "Donations are not open" in page.content.decode() or (
        "Les dons ne sont pas ouverts" in page.content.decode()
    )
    assert '<form class="booking__form donation__form"' not in page.content.decode()
    assert posted.status_code == 409
    assert standin.requests == []
    assert not Donation.objects.exists()


def test_without_keys_the_menu_and_home_page_hide_donations(client, donation_page, settings):
    donation_page.show_in_menus = True
    donation_page.save_revision().publish()
    home = client.get("/").content.decode()
    assert 'href="/donate/"' not in home

    settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET = "sk_test_x", "whsec_x"
    assert 'href="/donate/"' in client.get("/").content.decode()


def test_the_form_offers_once_or_monthly_and_preset_or_free_amounts(
    client, stripe_standin, donation_page
):
    html = client.get("/donate/").content.decode()

    assert "<legend" in html and 'name="frequency"' in html
    for amount in ("10", "25", "50", "other"):
        assert f'name="amount" value="{amount}"' in html
    assert 'name="other_amount"' in html and 'inputmode="decimal"' in html
    assert stripe_standin.requests == []  # showing the form calls nothing


def test_a_one_off_gift_goes_to_a_stripe_donate_checkout_in_the_page_language(
    client, stripe_standin, donation_page, english_page
):
    response = client.post(english_page.url, form_data(amount="other", other_amount="12,50"))

    assert response.status_code == 303
    (params,) = stripe_standin.params(CHECKOUT)
    assert response["Location"] == "https://checkout.stripe.com/c/pay/cs_test_0001"
    assert params["mode"] == "payment"
    assert params["submit_type"] == "donate"
    assert params[f"{ITEM}[unit_amount]"] == "1250"
    assert params[f"{ITEM}[currency]"] == "eur"
    assert params["locale"] == "en"
    assert params["customer_email"] == "camille@example.org"
    assert params["success_url"] == "http://localhost/en/donate/?status=thanks"
    assert params["cancel_url"] == "http://localhost/en/donate/?status=cancelled"
    donation = Donation.objects.get()
    assert params["metadata[donation]"] == str(donation.key)
    assert params["payment_intent_data[metadata][donation]"] == str(donation.key)
    assert (donation.status, donation.amount, donation.language) == ("pending", 1250, "en")
    assert donation.stripe_checkout_session_id == "cs_test_0001"


def test_a_monthly_gift_is_a_subscription_with_a_monthly_price(
    client, stripe_standin, donation_page
):
    response = client.post("/donate/", form_data(frequency="monthly", amount="10"))

    assert response.status_code == 303
    (params,) = stripe_standin.params(CHECKOUT)
    assert params["mode"] == "subscription"
    assert params[f"{ITEM}[recurring][interval]"] == "month"
    assert params[f"{ITEM}[unit_amount]"] == "1000"
    assert params["locale"] == "fr"
    assert "submit_type" not in params
    donation = Donation.objects.get()
    assert params["subscription_data[metadata][donation]"] == str(donation.key)
    assert donation.frequency == "monthly"


def test_monthly_is_not_offered_when_staff_turned_it_off(client, stripe_standin, donation_page):
    donation_page.monthly_enabled = False
    donation_page.save_revision().publish()

    assert 'name="frequency"' not in client.get("/donate/").content.decode()
    client.post("/donate/", form_data(frequency="monthly"))
    assert stripe_standin.params(CHECKOUT)[0]["mode"] == "payment"


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("0,50", "Saisissez un montant entre 1 et 10\u202f000 euros."),
        ("10001", "Saisissez un montant entre 1 et 10\u202f000 euros."),
        ("beaucoup", "Saisissez un montant en euros, par exemple 25 ou 12,50."),
        ("12.345", "Saisissez un montant avec au plus deux décimales (centimes)."),
    ],
)
def test_bad_amounts_get_a_clear_error_linked_to_the_field(
    client, stripe_standin, donation_page, amount, message
):
    response = client.post("/donate/", form_data(amount="other", other_amount=amount))

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert 'aria-describedby="id_other_amount_error id_other_amount_helptext"' in html
    assert 'href="#id_other_amount"' in html  # the error summary leads to the field
    assert stripe_standin.requests == []
    assert not Donation.objects.exists()


def test_an_amount_not_offered_is_refused(client, stripe_standin, donation_page):
    response = client.post("/donate/", form_data(amount="999"))
    assert response.status_code == 400
    assert stripe_standin.requests == []


def test_a_receipt_needs_the_postal_address(client, stripe_standin, donation_page, receipts_on):
    response = client.post("/donate/", form_data(street_address="", city=""))

    html = response.content.decode()
    assert response.status_code == 400
    # Beside each of the two fields, and in the error summary.
    assert html.count("Nécessaire sur votre reçu fiscal.") == 4
    assert 'href="#id_street_address"' in html and 'href="#id_city"' in html
    assert not Donation.objects.exists()


def test_the_receipt_fields_appear_only_when_the_organisation_issues_receipts(
    client, stripe_standin, donation_page, receipts_on
):
    assert 'name="wants_receipt"' in client.get("/donate/").content.decode()
    receipts_on.receipts_enabled = False
    receipts_on.save()
    assert 'name="wants_receipt"' not in client.get("/donate/").content.decode()


def test_the_honeypot_stops_bots(client, stripe_standin, donation_page):
    response = client.post("/donate/", form_data(website="http://spam.example"))

    assert response.status_code == 400
    assert stripe_standin.requests == []


def test_too_many_posts_from_one_address_get_a_429(client, stripe_standin, donation_page, settings):
    cache.clear()
    settings.BOOKING_RATE_LIMIT = (2, 600)
    for _n in range(2):
        assert client.post("/donate/", form_data()).status_code == 303
    refused = client.post("/en/donate/", form_data())

    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert len(stripe_standin.params(CHECKOUT)) == 2


@pytest.mark.parametrize("status", [400, 500])
def test_stripe_answering_an_error_gives_a_clear_message_and_records_nothing(
    client, stripe_standin, donation_page, status
):
    stripe_standin.fail_with = status
    response = client.post("/donate/", form_data())

    assert response.status_code == 503
    assert "Le service de paiement n’a pas pu être joint" in response.content.decode() or (
        "service de paiement" in response.content.decode()
    )
    assert 'value="Durand"' in response.content.decode()  # what was typed is kept
    assert not Donation.objects.exists()


def test_stripe_unreachable_gives_a_clear_message_and_records_nothing(
    client, stripe_standin, donation_page, settings
):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed once the block ends: nobody listens
    settings.STRIPE_API_BASE = f"http://127.0.0.1:{port}"

    response = client.post("/en/donate/", form_data())

    assert response.status_code == 503
    assert "The payment service could not be reached" in response.content.decode()
    assert not Donation.objects.exists()


def test_coming_back_from_stripe_thanks_but_fulfils_nothing(client, stripe_standin, donation_page):
    client.post("/donate/", form_data())
    response = client.get("/donate/?status=thanks&session_id=cs_test_0001")

    assert "Un grand merci." in response.content.decode()
    assert Donation.objects.get().status == "pending"
    assert client.get("/donate/?status=cancelled").status_code == 200
