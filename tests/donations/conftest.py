import json

import pytest
from django.core.cache import cache
from django.test import TestCase

from donations.models import Donation, DonationPage, DonationSettings
from tests.conftest import publish_translation

from .stripe_standin import SECRET_KEY, WEBHOOK_SECRET, StripeStandIn, signature


@pytest.fixture
def stripe_standin(settings):
    """Donations open (test keys) and the stripe library talking to the stand-in."""
    with StripeStandIn() as standin:
        settings.STRIPE_SECRET_KEY = SECRET_KEY
        settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
        settings.STRIPE_API_BASE = standin.url
        yield standin


@pytest.fixture
def donation_page(bilingual_site):
    home = bilingual_site.home
    page = DonationPage(
        title="Faire un don",
        slug="donate",
        preset_amounts="10 25 50",
        introduction="<p>Soutenez-nous.</p>",
        thanks_message="<p>Un grand merci.</p>",
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    publish_translation(page, "en", title="Make a donation", slug="donate")
    cache.clear()  # rate-limit counters
    return DonationPage.objects.get(pk=page.pk)


@pytest.fixture
def english_page(donation_page):
    return DonationPage.objects.get(locale__language_code="en")


@pytest.fixture
def receipts_on(bilingual_site):
    organisation = DonationSettings.for_site(bilingual_site.site)
    organisation.receipts_enabled = True
    organisation.legal_name = "Association Fabrique de cinéma"
    organisation.address = "12 rue du Docteur-Bauer\n93400 Saint-Ouen-sur-Seine"
    organisation.purpose = "Favoriser la création cinématographique indépendante."
    organisation.legal_basis = "article 200 du code général des impôts"
    organisation.save()
    return organisation


def form_data(**changes) -> dict:
    data = {
        "frequency": "one_off",
        "amount": "25",
        "other_amount": "",
        "first_name": "Camille",
        "last_name": "Durand",
        "email": "camille@example.org",
        "wants_receipt": "on",
        "street_address": "3 rue des Rosiers",
        "postal_code": "93400",
        "city": "Saint-Ouen",
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def make_donation(**fields) -> Donation:
    """A gift as the form records it once Stripe made its Checkout Session."""
    values = {
        "frequency": Donation.Frequency.ONE_OFF,
        "amount": 2500,
        "first_name": "Camille",
        "last_name": "Durand",
        "email": "camille@example.org",
        "wants_receipt": True,
        "street_address": "3 rue des Rosiers",
        "postal_code": "93400",
        "city": "Saint-Ouen",
        "language": "fr",
    }
    values.update(fields)
    donation = Donation.objects.create(**values)
    donation.stripe_checkout_session_id = f"cs_test_{donation.pk}"
    donation.save()
    return donation


def deliver(client, event: dict, **signing):
    """POST an event to the webhook as Stripe does: raw JSON body, signed header; the
    emails it queues after commit are sent."""
    payload = json.dumps(event)
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            "/donate/webhook/",
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature(payload, **signing),
        )
