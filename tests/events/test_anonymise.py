"""Personal data of past sessions is erased after the retention period; counts stay."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Sum
from django.utils import timezone

from events.models import Booking
from events.services import bookings_anonymise
from tests.events.factories import ScreeningPageFactory, SessionFactory

pytestmark = pytest.mark.django_db


def book(session, n, **fields):
    return Booking.objects.create(
        session=session,
        first_name=f"Prénom{n}",
        last_name=f"Nom{n}",
        email=f"Person{n}@Example.org",
        seats=2,
        wheelchair=n == 0,
        access_needs="Boucle magnétique",
        newsletter=True,
        terms_accepted_at=timezone.now(),
        status=Booking.Status.CONFIRMED,
        language="fr",
        **fields,
    )


@pytest.fixture
def sessions(shared_site, frozen_now):
    page = ScreeningPageFactory(parent=shared_site.programme, image=None)
    old = SessionFactory(page=page, start=frozen_now - timedelta(days=100))
    recent = SessionFactory(page=page, start=frozen_now - timedelta(days=30))
    return old, recent


def test_bookings_of_sessions_past_retention_lose_personal_data(sessions, client):
    old, recent = sessions
    old_bookings = [book(old, n) for n in range(3)]
    recent_booking = book(recent, 9)
    link = old_bookings[0].get_absolute_url()
    assert client.get(link).status_code == 200

    assert bookings_anonymise(retention_days=90) == 3

    for booking in Booking.objects.filter(session=old):
        assert (booking.first_name, booking.last_name, booking.access_needs) == ("", "", "")
        assert "example.org" not in booking.email.lower()
        assert not booking.newsletter
        assert booking.anonymised_at is not None
    kept = Booking.objects.get(pk=recent_booking.pk)
    assert (kept.first_name, kept.email) == ("Prénom9", "Person9@Example.org")
    assert client.get(link).status_code == 404  # the manage link no longer works


def test_counts_are_kept_and_a_second_run_changes_nothing(sessions):
    old, _recent = sessions
    for n in range(4):
        book(old, n)
    before = Booking.objects.filter(session=old).aggregate(Sum("seats"))
    bookings_anonymise(retention_days=90)
    assert Booking.objects.filter(session=old).count() == 4
    assert Booking.objects.filter(session=old).aggregate(Sum("seats")) == before
    assert Booking.objects.filter(session=old, wheelchair=True).count() == 1
    assert bookings_anonymise(retention_days=90) == 0


def test_command_uses_the_retention_setting(sessions, settings):
    old, recent = sessions
    book(old, 1)
    book(recent, 2)
    settings.PERSONAL_DATA_RETENTION_DAYS = 20
    out = StringIO()
    call_command("anonymise_personal_data", stdout=out)
    assert "Bookings anonymised: 2" in out.getvalue()
    assert not Booking.objects.exclude(anonymised_at=None).filter(first_name__startswith="P")
