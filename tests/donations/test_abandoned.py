"""Abandoned checkouts: Stripe's expiry ends the wait, and a gift never paid loses its
donor's details after the retention period, as bookings do."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from donations.models import Donation, Payment, StripeEvent

from . import stripe_standin as s
from .conftest import deliver, make_donation

pytestmark = pytest.mark.django_db


def expired(donation):
    return s.checkout_completed(donation, kind="checkout.session.expired", payment_status="unpaid")


def test_an_expired_checkout_makes_the_gift_abandoned_and_the_admin_says_so(
    client, stripe_standin, bilingual_site, admin_user
):
    donation = make_donation()

    response = deliver(client, expired(donation))

    assert response.status_code == 200
    donation.refresh_from_db()
    assert donation.status == Donation.Status.EXPIRED
    assert StripeEvent.objects.get().type == "checkout.session.expired"
    assert not mail.outbox and not Payment.objects.exists()
    client.force_login(admin_user)
    listing = client.get(reverse("donations:index"), {"status": "expired"})
    assert "Abandonné (paiement expiré)" in listing.content.decode()
    assert "Durand" in listing.content.decode()


def test_an_expiry_changes_nothing_once_the_gift_is_paid(client, stripe_standin, bilingual_site):
    donation = make_donation()
    deliver(client, s.checkout_completed(donation))

    deliver(client, expired(donation))

    assert Donation.objects.get().status == Donation.Status.PAID


def test_a_payment_that_arrives_after_the_expiry_still_counts(
    client, stripe_standin, bilingual_site
):
    donation = make_donation()
    deliver(client, expired(donation))

    deliver(client, s.checkout_completed(donation))

    assert Donation.objects.get().status == Donation.Status.PAID
    assert Payment.objects.get().status == Payment.Status.PAID


def gift_started(days_ago: int, **fields) -> Donation:
    with time_machine.travel(timezone.now() - timedelta(days=days_ago), tick=False):
        return make_donation(**fields)


def test_unpaid_gifts_past_retention_lose_the_donors_details_and_keep_the_figures(
    client, bilingual_site, settings
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 90
    abandoned = gift_started(100, status=Donation.Status.EXPIRED, email="a@example.org")
    pending = gift_started(100, status=Donation.Status.PENDING, email="p@example.org")
    failed = gift_started(100, status=Donation.Status.FAILED, email="f@example.org")
    monthly = gift_started(
        100,
        frequency="monthly",
        status=Donation.Status.PENDING,
        email="m@example.org",
        stripe_customer_id="cus_monthly",
    )
    recent = gift_started(10, status=Donation.Status.EXPIRED, email="recent@example.org")
    paid = gift_started(100, status=Donation.Status.PAID, email="paid@example.org")
    Payment.objects.create(donation=paid, amount=2500, status="paid", paid_at=paid.created_at)
    # A refund that overtook its payment: money moved, the gift stays whole.
    refunded_first = gift_started(100, frequency="monthly", email="r@example.org")
    Payment.objects.create(donation=refunded_first, amount=2500, status="refunded")
    portal = reverse("donation_portal", args=[monthly.manage_token])
    assert client.get(portal).status_code == 200

    out = StringIO()
    call_command("anonymise_personal_data", stdout=out)

    assert "Unpaid donations anonymised: 4" in out.getvalue()
    for donation in Donation.objects.filter(
        pk__in=[abandoned.pk, pending.pk, failed.pk, monthly.pk]
    ):
        assert (donation.first_name, donation.last_name) == ("", "")
        assert (donation.street_address, donation.postal_code, donation.city) == ("", "", "")
        assert "example.org" not in donation.email and donation.stripe_customer_id == ""
        assert donation.anonymised_at is not None
        assert donation.amount == 2500  # the figures stay
    assert client.get(portal).status_code == 404  # the portal link no longer works
    for kept in (recent, paid, refunded_first):
        kept.refresh_from_db()
        assert kept.first_name == "Camille" and kept.email.endswith("@example.org")
        assert kept.anonymised_at is None
    assert Donation.objects.get(pk=abandoned.pk).status == Donation.Status.EXPIRED

    again = StringIO()
    call_command("anonymise_personal_data", stdout=again)
    assert "Unpaid donations anonymised: 0" in again.getvalue()
