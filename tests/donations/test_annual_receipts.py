"""The yearly summary receipt of monthly donors (manage.py issue_annual_receipts)."""

import io
from datetime import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from pypdf import PdfReader

from donations.models import Payment, Receipt
from tests.conftest import PARIS

from . import stripe_standin as s
from .conftest import deliver, make_donation

pytestmark = pytest.mark.django_db


def paid(donation, *when, status="paid"):
    return Payment.objects.create(
        donation=donation,
        amount=donation.amount,
        status=status,
        paid_at=datetime(*when, tzinfo=PARIS),
    )


@pytest.fixture
def monthly(bilingual_site, receipts_on):
    donation = make_donation(frequency="monthly", amount=1000, stripe_customer_id="cus_9")
    paid(donation, 2025, 12, 15)  # another year
    for month in (1, 2, 3):
        paid(donation, 2026, month, 15)
    paid(donation, 2026, 4, 15, status="refunded")
    paid(donation, 2027, 1, 1, 0, 30)  # 31 December 2026 in UTC, 2027 in Paris
    return donation


def run(year):
    out = io.StringIO()
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("issue_annual_receipts", year=year, stdout=out)
    return out.getvalue()


def test_one_summary_receipt_per_monthly_donor_and_year(monthly):
    assert run(2026).startswith("1 yearly receipt(s) issued for 2026")

    receipt = Receipt.objects.get()
    assert (receipt.kind, receipt.year, receipt.amount) == ("annual", 2026, 3000)
    (email,) = mail.outbox
    assert email.subject == "Votre reçu fiscal pour 2026"
    assert f"/donate/portal/{monthly.manage_token}/" in email.body
    _name, content, _type = email.attachments[0]
    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "trente euros" in text
    assert "reçu récapitulatif annuel" in text
    assert "31 décembre 2026" in text


def test_running_it_again_issues_nothing_more(monthly):
    run(2026)
    assert run(2026).startswith("0 yearly receipt(s)")
    assert Receipt.objects.count() == 1 and len(mail.outbox) == 1


def test_donors_who_asked_for_no_receipt_get_none(monthly):
    monthly.wants_receipt = False
    monthly.save()
    assert run(2026).startswith("0 yearly receipt(s)")


def test_a_refunded_monthly_payment_voids_the_summary_and_a_corrected_one_follows(
    client, monthly, stripe_standin
):
    run(2026)
    march = Payment.objects.get(paid_at__month=3, paid_at__year=2026)
    march.stripe_invoice_id = "in_march"
    march.save()
    refund = s.charge_refunded(monthly, payment_intent="pi_unknown")
    refund["data"]["object"]["invoice"] = "in_march"
    refund["data"]["object"]["metadata"] = {}
    deliver(client, refund)

    first = Receipt.objects.get()
    assert first.voided_at is not None
    assert run(2026).startswith("1 yearly receipt(s)")
    corrected = Receipt.objects.get(voided_at=None)
    assert corrected.amount == 2000
    assert corrected.sequence == first.sequence + 1
