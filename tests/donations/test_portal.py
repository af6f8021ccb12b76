"""A monthly donor's link to Stripe's customer portal, created server-side on request."""

import pytest
from django.core import mail

from donations.models import Donation

from . import stripe_standin as s
from .conftest import deliver, make_donation

pytestmark = pytest.mark.django_db

PORTAL = "/v1/billing_portal/sessions"


@pytest.fixture
def monthly(client, stripe_standin, bilingual_site):
    donation = make_donation(frequency="monthly", amount=1000, language="en")
    deliver(client, s.invoice(donation, 1))
    return Donation.objects.get(pk=donation.pk)


def test_the_emailed_link_opens_a_fresh_portal_session_for_the_donor(
    client, stripe_standin, monthly
):
    url = f"/en/donate/portal/{monthly.manage_token}/"
    assert url in mail.outbox[0].body

    page = client.get(url)
    assert page.status_code == 200
    assert "Manage my monthly gift" in page.content.decode()
    assert stripe_standin.params(PORTAL) == []  # opening the link creates nothing

    response = client.post(url)
    assert response.status_code == 303
    assert response["Location"].startswith("https://billing.stripe.com/p/session/bps_test_")
    (params,) = stripe_standin.params(PORTAL)
    assert params["customer"] == f"cus_{monthly.pk}"
    assert params["locale"] == "en"
    assert params["return_url"] == f"http://testserver{url}"


def test_stripe_failing_gives_a_clear_message(client, stripe_standin, monthly):
    stripe_standin.fail_with = 500
    response = client.post(f"/donate/portal/{monthly.manage_token}/")

    assert response.status_code == 503
    assert "Le service de paiement n’a pas pu être joint" in response.content.decode()


def test_unknown_links_and_one_off_gifts_have_no_portal(client, stripe_standin, monthly):
    one_off = make_donation(stripe_customer_id="cus_1")
    assert client.get("/donate/portal/nope/").status_code == 404
    assert client.get(f"/donate/portal/{one_off.manage_token}/").status_code == 404
    assert stripe_standin.requests == []


def test_no_portal_session_while_donations_are_closed(client, stripe_standin, monthly, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_WEBHOOK_SECRET = ""
    response = client.post(f"/donate/portal/{monthly.manage_token}/")
    assert response.status_code == 503
    assert stripe_standin.requests == []
