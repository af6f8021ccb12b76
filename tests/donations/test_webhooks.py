"""Stripe's webhooks, signed as Stripe signs them: only verified events fulfil, each
event has its effect once, in any order."""

import io
import json
import random
import time

import pytest
from django.core import mail
from django.test import Client
from pypdf import PdfReader

from donations import services
from donations.models import Donation, Payment, Receipt, StripeEvent

from . import stripe_standin as s
from .conftest import deliver, make_donation

pytestmark = pytest.mark.django_db


def pdf_text(attachment) -> str:
    _name, content, mimetype = attachment
    assert mimetype == "application/pdf"
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def donation(stripe_standin, bilingual_site, receipts_on):
    return make_donation()


def test_a_paid_checkout_makes_the_gift_paid_with_a_receipt_and_thanks_in_french(client, donation):
    response = deliver(client, s.checkout_completed(donation))

    assert response.status_code == 200
    donation.refresh_from_db()
    assert donation.status == "paid"
    payment = Payment.objects.get()
    assert (payment.amount, payment.status, payment.stripe_payment_intent_id) == (
        2500,
        "paid",
        f"pi_{donation.pk}",
    )
    receipt = Receipt.objects.get()
    assert receipt.number.endswith("-000001")
    (email,) = mail.outbox
    assert email.to == ["camille@example.org"]
    assert email.subject == "Merci pour votre don à Fabrique"
    assert "25\u00a0€" in email.body and receipt.number in email.body
    text = pdf_text(email.attachments[0])
    for expected in (
        receipt.number,
        "Association Fabrique de cinéma",
        "Camille Durand",
        "3 rue des Rosiers",
        "vingt-cinq euros",
        "article 200 du code général des impôts",
        "Date du versement",
    ):
        assert expected in text


def test_thanks_in_english_for_an_english_donor(client, stripe_standin, bilingual_site):
    donation = make_donation(language="en", wants_receipt=False)
    deliver(client, s.checkout_completed(donation))

    (email,) = mail.outbox
    assert email.subject == "Thank you for your gift to Fabrique"
    assert "We have received your gift of 25" in email.body
    assert email.attachments == []  # no receipt asked for
    assert not Receipt.objects.exists()


def test_no_receipt_while_the_organisation_is_not_eligible(client, donation, receipts_on):
    receipts_on.receipts_enabled = False
    receipts_on.save()
    deliver(client, s.checkout_completed(donation))

    assert Donation.objects.get().status == "paid"
    assert not Receipt.objects.exists()
    assert mail.outbox[0].attachments == []


@pytest.mark.parametrize(
    "signing",
    [
        {"secret": "whsec_wrong"},
        {"timestamp": int(time.time()) - 301},  # older than Stripe's 5-minute tolerance
    ],
    ids=["wrong secret", "stale timestamp"],
)
def test_a_badly_signed_event_gets_400_and_changes_nothing(client, donation, signing):
    response = deliver(client, s.checkout_completed(donation), **signing)

    assert response.status_code == 400
    assert Donation.objects.get().status == "pending"
    assert not StripeEvent.objects.exists() and not mail.outbox


def test_an_event_signed_ahead_of_time_is_refused_as_a_stale_one_is(client, donation):
    response = deliver(client, s.checkout_completed(donation), timestamp=int(time.time()) + 301)

    assert response.status_code == 400
    assert Donation.objects.get().status == "pending"
    assert not StripeEvent.objects.exists() and not mail.outbox


def signed_post(client, payload: str):
    return client.post(
        "/donate/webhook/",
        payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=s.signature(payload),
    )


def completed_with(donation, **changes) -> str:
    event = s.checkout_completed(donation)
    event.update(changes)
    return json.dumps(event)


@pytest.mark.parametrize(
    "body",
    [
        lambda donation: json.dumps([s.checkout_completed(donation)]),
        lambda donation: json.dumps("checkout.session.completed"),
        lambda donation: completed_with(donation, id="evt_" + "x" * 300),
        lambda donation: completed_with(donation, type="checkout.session." + "x" * 100),
        lambda donation: completed_with(donation, id=12345),
        lambda donation: completed_with(donation, data={"object": ["not", "an", "object"]}),
        lambda donation: completed_with(
            donation, data={"object": {"metadata": "not an object", "mode": "payment"}}
        ),
    ],
    ids=[
        "JSON array",
        "JSON string",
        "id over 255 characters",
        "type over 100 characters",
        "id not a string",
        "data object a list",
        "metadata a string",
    ],
)
def test_a_signed_but_malformed_event_gets_400_and_records_nothing(client, donation, body):
    response = signed_post(client, body(donation))

    assert response.status_code == 400
    assert not StripeEvent.objects.exists() and not Payment.objects.exists()
    assert Donation.objects.get().status == "pending" and not mail.outbox


def test_an_unsigned_or_tampered_event_gets_400(client, donation):
    event = s.checkout_completed(donation)
    payload = json.dumps(event)
    header = s.signature(payload)
    unsigned = client.post("/donate/webhook/", payload, content_type="application/json")
    tampered = client.post(
        "/donate/webhook/",
        payload.replace('"amount_total": 2500', '"amount_total": 1'),
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=header,
    )
    garbage = "{not json"
    not_json = client.post(
        "/donate/webhook/",
        garbage,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=s.signature(garbage),
    )

    assert [unsigned.status_code, tampered.status_code, not_json.status_code] == [400] * 3
    assert not Payment.objects.exists()


def test_the_webhook_does_not_exist_while_donations_are_closed(client, donation, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_WEBHOOK_SECRET = ""
    assert deliver(client, s.checkout_completed(donation)).status_code == 404
    assert client.get("/donate/webhook/").status_code in (404, 405)


def test_the_same_events_delivered_100_times_in_shuffled_order_count_once(client, donation):
    completed = s.checkout_completed(donation)
    other = s.event("customer.created", {"id": "cus_1", "object": "customer"})
    deliveries = [completed] * 60 + [other] * 40
    random.Random(6).shuffle(deliveries)

    answers = [deliver(client, event).json()["duplicate"] for event in deliveries]

    assert answers.count(False) == 2  # each event handled once, the rest acknowledged
    assert Payment.objects.count() == 1
    assert Receipt.objects.count() == 1
    assert len(mail.outbox) == 1
    assert StripeEvent.objects.count() == 2


def test_a_bank_debit_is_paid_only_when_the_async_payment_succeeds(client, donation):
    deliver(client, s.checkout_completed(donation, payment_status="unpaid"))
    assert Donation.objects.get().status == "pending" and not mail.outbox

    deliver(
        client,
        s.checkout_completed(donation, kind="checkout.session.async_payment_succeeded"),
    )
    assert Donation.objects.get().status == "paid"
    assert Receipt.objects.count() == 1 and len(mail.outbox) == 1


def test_a_failed_bank_debit_marks_the_gift_failed(client, donation):
    deliver(client, s.checkout_completed(donation, payment_status="unpaid"))
    deliver(client, s.checkout_completed(donation, kind="checkout.session.async_payment_failed"))
    assert Donation.objects.get().status == "failed"
    assert not Payment.objects.exists() and not Receipt.objects.exists()


def test_a_refund_after_payment_voids_the_receipt(client, donation):
    deliver(client, s.checkout_completed(donation))
    deliver(client, s.charge_refunded(donation))

    donation.refresh_from_db()
    receipt = Receipt.objects.get()
    assert donation.status == "refunded"
    assert Payment.objects.get().status == "refunded"
    assert receipt.voided_at is not None
    assert receipt.number.endswith("-000001")  # kept: numbers never go missing


def test_a_refund_arriving_before_the_payment_wins(client, donation):
    deliver(client, s.charge_refunded(donation))
    deliver(client, s.checkout_completed(donation))

    assert Donation.objects.get().status == "refunded"
    assert Payment.objects.get().status == "refunded"
    assert not Receipt.objects.exists()
    assert not mail.outbox


def test_a_partial_refund_leaves_the_gift_paid(client, donation):
    deliver(client, s.checkout_completed(donation))
    deliver(client, s.charge_refunded(donation, amount_refunded=500))

    assert Donation.objects.get().status == "paid"
    assert Receipt.objects.get().voided_at is None


def test_receipt_numbers_follow_each_other_per_year(client, stripe_standin, receipts_on):
    donations = [make_donation(email=f"d{n}@example.org") for n in range(3)]
    for donation in donations:
        deliver(client, s.checkout_completed(donation))

    numbers = list(Receipt.objects.order_by("pk").values_list("sequence", flat=True))
    assert numbers == [1, 2, 3]


def test_a_subscription_with_three_monthly_invoices(client, stripe_standin, receipts_on):
    donation = make_donation(frequency="monthly", amount=1000)
    deliver(client, s.checkout_completed(donation))
    assert Donation.objects.get().status == "pending"  # paid when the first invoice is

    for number in (1, 2, 3):
        deliver(client, s.invoice(donation, number))
        deliver(client, s.invoice(donation, number))  # redelivered

    donation.refresh_from_db()
    assert donation.status == "paid"
    assert (donation.stripe_customer_id, donation.stripe_subscription_id) == (
        f"cus_{donation.pk}",
        f"sub_{donation.pk}",
    )
    assert list(Payment.objects.values_list("amount", "status")) == [(1000, "paid")] * 3
    assert not Receipt.objects.exists()  # monthly gifts: one summary receipt a year
    assert len(mail.outbox) == 3
    portal = f"/donate/portal/{donation.manage_token}/"
    for email in mail.outbox:
        assert portal in email.body
        assert "reçu fiscal" in email.body


def test_an_invoice_before_the_checkout_event_still_counts_once(client, stripe_standin):
    donation = make_donation(frequency="monthly", amount=1000)
    deliver(client, s.invoice(donation, 1))
    deliver(client, s.checkout_completed(donation))

    assert Donation.objects.get().status == "paid"
    assert Payment.objects.count() == 1


def test_a_failed_invoice_then_paid_on_retry(client, stripe_standin):
    donation = make_donation(frequency="monthly", amount=1000)
    deliver(client, s.invoice(donation, 1, kind="invoice.payment_failed"))
    assert Donation.objects.get().status == "failed"
    assert Payment.objects.get().status == "failed"

    deliver(client, s.invoice(donation, 1))
    assert Donation.objects.get().status == "paid"
    assert Payment.objects.get().status == "paid"
    assert len(mail.outbox) == 1


def test_a_cancelled_subscription_ends_the_monthly_gift(client, stripe_standin):
    donation = make_donation(frequency="monthly", amount=1000)
    deliver(client, s.invoice(donation, 1))
    deliver(client, s.subscription_deleted(donation))

    donation.refresh_from_db()
    assert donation.status == "cancelled" and donation.ended_at is not None
    assert Payment.objects.get().status == "paid"  # what was given stays given


def test_an_event_about_a_gift_not_recorded_yet_is_refused_for_a_later_retry(client, donation):
    event = s.checkout_completed(donation)
    event["data"]["object"]["metadata"]["donation"] = "0b6a1c1e-0000-4000-8000-000000000000"

    assert deliver(client, event).status_code == 409
    assert not StripeEvent.objects.exists()  # so the redelivery is handled


def test_events_not_about_our_donations_are_acknowledged(client, donation):
    foreign = s.event(
        "checkout.session.completed",
        {"id": "cs_other", "object": "checkout.session", "mode": "payment", "metadata": {}},
    )
    assert deliver(client, foreign).status_code == 200
    assert not Payment.objects.exists()


def test_a_receipt_number_taken_by_a_failed_transaction_is_given_again(
    stripe_standin, receipts_on, monkeypatch
):
    """A webhook that fails after taking a number rolls the number back with it."""
    first, second = make_donation(), make_donation(email="b@example.org")
    original = services._receipt_for_payment

    def fail_once(payment):
        monkeypatch.setattr(services, "_receipt_for_payment", original)
        original(payment)
        raise RuntimeError("the database went away")

    monkeypatch.setattr(services, "_receipt_for_payment", fail_once)
    client = Client(raise_request_exception=False)
    assert deliver(client, s.checkout_completed(first)).status_code == 500
    assert deliver(client, s.checkout_completed(second)).status_code == 200
    assert deliver(client, s.checkout_completed(first)).status_code == 200  # Stripe retries

    numbers = list(Receipt.objects.order_by("sequence").values_list("sequence", "donation"))
    assert numbers == [(1, second.pk), (2, first.pk)]
