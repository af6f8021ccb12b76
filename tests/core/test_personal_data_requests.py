"""People's data on request (GDPR articles 15 and 17), through the staff page: one
download with every record about a person, an erasure that keeps only donation
receipts and the counts, refused while a donation is pending; every request logged."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from core.models import PersonalDataRequest
from donations.models import Donation, Payment
from events.bookings import Booking
from feedback.models import Feedback
from newsletter.models import Subscriber
from tests.conftest import paris
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory
from tests.workshops.factories import (
    RegistrationFactory,
    TrainingModulePageFactory,
    WorkshopPageFactory,
)
from training.models import Application
from workshops.registrations import Registration

EMAIL = "camille@example.org"


@pytest.fixture
def person(shared_site, frozen_now):
    """Camille booked a past and a coming screening, registered a child for a workshop,
    applied to a training module, answered a feedback form, gave
    once (paid, with a receipt) and subscribed to the newsletter."""
    screening = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières")
    past = SessionFactory(page=screening, start=paris(2026, 11, 2, 20), venue=shared_site.venue)
    coming = SessionFactory(page=screening, start=paris(2026, 12, 2, 20), venue=shared_site.venue)
    old = BookingFactory(session=past, email=EMAIL, first_name="Camille", seats=2)
    BookingFactory(session=coming, email="Camille@Example.org", first_name="Camille", seats=3)
    BookingFactory(session=coming, email="other@example.org")
    Feedback.objects.create(booking=old, rating=5, heard_from="newsletter", liked="Le débat")
    workshop = WorkshopPageFactory(parent=shared_site.programme, title="Atelier")
    RegistrationFactory(
        session=SessionFactory(page=workshop, start=paris(2026, 12, 9, 14)), email=EMAIL
    )
    Application.objects.create(
        module=TrainingModulePageFactory(parent=shared_site.programme, title="Étalonnage"),
        first_name="Camille",
        last_name="Durand",
        email=EMAIL,
        motivation="J’ai monté trois courts métrages.",
        language="fr",
    )
    donation = Donation.objects.create(
        frequency=Donation.Frequency.ONE_OFF,
        amount=2500,
        first_name="Camille",
        last_name="Durand",
        email=EMAIL,
        wants_receipt=True,
        street_address="3 rue des Rosiers",
        postal_code="93400",
        city="Saint-Ouen",
        status=Donation.Status.PAID,
    )
    Payment.objects.create(donation=donation, amount=2500, status=Payment.Status.PAID)
    Subscriber.objects.create(
        email=EMAIL,
        language="fr",
        status=Subscriber.Status.SUBSCRIBED,
        source=Subscriber.Source.FORM,
        requested_at=paris(2026, 10, 1, 9),
        confirmed_at=paris(2026, 10, 1, 10),
    )
    return coming


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_user("dpo", "dpo@example.org", "x")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="manage_personal_data"),
    )
    client.force_login(user)
    client.user = user
    return client


URL = "/admin/personal-data/"


def test_staff_download_every_record_about_a_person_and_the_request_is_logged(staff_client, person):
    response = staff_client.post(URL, {"email": " CAMILLE@example.org ", "action": "export"})

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    records = data["records"]
    assert len(records["bookings"]) == 2
    assert {row["seats"] for row in records["bookings"]} == {2, 3}
    assert "manage_token" not in records["bookings"][0]  # no link to act as the person
    assert len(records["workshop_registrations"]) == 1
    assert records["training_applications"][0]["motivation"].startswith("J’ai monté")
    assert records["feedback"][0]["liked"] == "Le débat"
    assert records["donations"][0]["street_address"] == "3 rue des Rosiers"
    assert len(records["donation_payments"]) == 1
    assert records["newsletter"][0]["status"] == "subscribed"
    log = PersonalDataRequest.objects.get()
    assert log.action == "export" and log.email == EMAIL
    assert log.requested_by == staff_client.user
    assert log.counts["bookings"] == 2
    page = staff_client.get(URL).content.decode()
    assert EMAIL in page and "dpo" in page


def test_erasure_keeps_only_the_donation_receipts_and_the_counts(staff_client, person):
    response = staff_client.post(URL, {"email": EMAIL, "action": "erase", "confirm": "on"})

    assert response.status_code == 200
    bookings = Booking.objects.exclude(email="other@example.org")
    assert bookings.count() == 2  # the counts stay
    assert not bookings.filter(first_name="Camille").exists()
    assert all(b.email.endswith("@invalid.invalid") for b in bookings)
    # The coming booking was cancelled first: its seats are free again.
    assert bookings.get(session=person).status == Booking.Status.CANCELLED
    assert Registration.objects.get().email.endswith("@invalid.invalid")
    application = Application.objects.get()
    assert application.motivation == "" and application.status == "received"
    assert not Subscriber.objects.exists()
    donation = Donation.objects.get()  # the law keeps a paid gift's receipt data
    assert donation.email == EMAIL and donation.street_address == "3 rue des Rosiers"
    assert Feedback.objects.get().rating == 5  # anonymous now: its booking names nobody
    log = PersonalDataRequest.objects.get()
    assert log.action == "erase" and log.counts["bookings"] == 2
    assert log.counts["newsletter"] == 1
    download = json.loads(staff_client.post(URL, {"email": EMAIL, "action": "export"}).content)
    assert download["records"]["bookings"] == [] and download["records"]["newsletter"] == []


def test_an_erasure_is_refused_while_a_donation_is_pending(staff_client, person):
    Donation.objects.create(
        frequency=Donation.Frequency.ONE_OFF,
        amount=1000,
        first_name="Camille",
        last_name="Durand",
        email=EMAIL,
        status=Donation.Status.PENDING,
    )

    response = staff_client.post(URL, {"email": EMAIL, "action": "erase", "confirm": "on"})

    assert response.status_code == 409
    assert "en attente de paiement" in response.content.decode()
    assert Booking.objects.filter(email_key=EMAIL).count() == 2  # nothing erased
    assert Subscriber.objects.filter(email=EMAIL).exists()
    log = PersonalDataRequest.objects.get()
    assert log.action == "refused" and log.note


def test_an_erasure_needs_the_box_ticked_and_a_valid_email(staff_client, person):
    response = staff_client.post(URL, {"email": EMAIL, "action": "erase"})
    assert response.status_code == 400
    assert "Cochez cette case" in response.content.decode()
    response = staff_client.post(URL, {"email": "pas-un-email", "action": "export"})
    assert response.status_code == 400
    assert Booking.objects.filter(email_key=EMAIL).count() == 2
    assert not PersonalDataRequest.objects.exists()


def test_staff_without_the_permission_are_refused(client, person):
    user = get_user_model().objects.create_user("editor", "e@example.org", "x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    # Wagtail answers a refusal in its admin with a redirect to the dashboard.
    assert client.get(URL)["Location"] == "/admin/"
    response = client.post(URL, {"email": EMAIL, "action": "export"})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not PersonalDataRequest.objects.exists()
