"""Stripe delivering at once: the same event from 10 connections makes one payment, one
receipt and one email; different gifts paid at once get receipt numbers without gaps.
Needs PostgreSQL (real row locks, one connection per thread); CI runs the suite on
PostgreSQL, so this runs there."""

import threading

import pytest
from django.core import mail
from django.db import connections
from django.test import Client

from donations.models import DonationSettings, Payment, Receipt, StripeEvent
from tests.concurrency import POSTGRES_ONLY
from tests.conftest import build_bilingual_site

from . import stripe_standin as s
from .conftest import deliver, make_donation

THREADS = 10

pytestmark = POSTGRES_ONLY


@pytest.fixture
def open_with_receipts(settings, media_root):
    settings.STRIPE_SECRET_KEY = s.SECRET_KEY
    settings.STRIPE_WEBHOOK_SECRET = s.WEBHOOK_SECRET
    site = build_bilingual_site()
    organisation = DonationSettings.for_site(site.site)
    organisation.receipts_enabled = True
    organisation.legal_name = "Association Fabrique de cinéma"
    organisation.address = "12 rue du Docteur-Bauer\n93400 Saint-Ouen-sur-Seine"
    organisation.save()


def at_once(events: list[dict]) -> list[int]:
    """Each event delivered on its own connection, all released together."""
    barrier = threading.Barrier(len(events))
    statuses: list[int] = []

    def post(event):
        try:
            barrier.wait(timeout=60)
            statuses.append(deliver(Client(), event).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(event,)) for event in events]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return statuses


def test_the_same_event_from_ten_connections_has_its_effect_once(open_with_receipts):
    donation = make_donation()
    event = s.checkout_completed(donation)

    statuses = at_once([event] * THREADS)

    assert statuses == [200] * THREADS
    assert StripeEvent.objects.count() == 1
    assert Payment.objects.count() == 1
    assert Receipt.objects.count() == 1
    assert len(mail.outbox) == 1


def test_gifts_paid_at_once_get_receipt_numbers_without_gaps(open_with_receipts):
    donations = [make_donation(email=f"d{n}@example.org") for n in range(THREADS)]

    statuses = at_once([s.checkout_completed(donation) for donation in donations])

    assert statuses == [200] * THREADS
    numbers = sorted(Receipt.objects.values_list("number", flat=True))
    year = Receipt.objects.first().year
    assert numbers == [f"{year}-{n:06d}" for n in range(1, THREADS + 1)]
