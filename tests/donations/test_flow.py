"""From the form to a paid gift, a thanks email and a tax receipt, in both languages,
with Stripe's stand-in answering the Checkout Session and a signed webhook after."""

import io

import pytest
from django.core import mail
from pypdf import PdfReader

from donations.models import Donation, Receipt

from . import stripe_standin as s
from .conftest import deliver, form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "subject", "thanks"),
    [
        ("fr", "Merci pour votre don à Fabrique", "Nous avons bien reçu votre don de 40"),
        ("en", "Thank you for your gift to Fabrique", "We have received your gift of 40"),
    ],
)
def test_a_donor_goes_from_the_form_to_a_paid_gift_with_thanks_and_a_receipt(
    client, stripe_standin, donation_page, english_page, receipts_on, language, subject, thanks
):
    page = donation_page if language == "fr" else english_page
    sent = client.post(page.url, form_data(amount="other", other_amount="40"))
    assert sent.status_code == 303 and sent["Location"].startswith("https://checkout.stripe")
    donation = Donation.objects.get()
    assert donation.status == "pending" and not mail.outbox

    assert deliver(client, s.checkout_completed(donation)).status_code == 200

    donation.refresh_from_db()
    assert donation.status == "paid"
    (email,) = mail.outbox
    assert email.subject == subject
    assert thanks in email.body
    receipt = Receipt.objects.get()
    _name, pdf, _type = email.attachments[0]
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert receipt.number in text and "quarante euros" in text
