"""Personal data of past workshops is erased after the retention period; counts stay."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from tests.events.factories import SessionFactory
from tests.workshops.factories import RegistrationFactory, WorkshopPageFactory
from workshops.registrations import Registration
from workshops.services import registrations_anonymise


@pytest.fixture
def workshops(shared_site, frozen_now):
    old = WorkshopPageFactory(parent=shared_site.programme, image=None)
    old_session = SessionFactory(page=old, start=frozen_now - timedelta(days=100))
    # A series whose first session is long past but whose last ended recently.
    running = WorkshopPageFactory(parent=shared_site.programme, image=None, is_series=True)
    running_first = SessionFactory(page=running, start=frozen_now - timedelta(days=120))
    SessionFactory(page=running, start=frozen_now - timedelta(days=10))
    return old_session, running_first


def test_registrations_past_retention_lose_personal_data_and_keep_counts(client, workshops):
    old_session, running_first = workshops
    old = [
        RegistrationFactory(session=old_session, notes="Allergie", image_consent=True)
        for _n in range(3)
    ]
    RegistrationFactory(session=old_session, status="cancelled")
    kept = RegistrationFactory(session=running_first, covers_series=True, notes="Asthme")
    link = old[0].get_absolute_url()
    assert client.get(link).status_code == 200

    assert registrations_anonymise(retention_days=90) == 4

    for registration in Registration.objects.filter(session=old_session):
        assert registration.child_first_name == registration.guardian_first_name == ""
        assert registration.guardian_last_name == registration.phone == registration.notes == ""
        assert registration.child_birth_date is None
        assert "example.org" not in registration.email
        assert registration.anonymised_at is not None
    assert Registration.objects.filter(session=old_session, status="confirmed").count() == 3
    assert Registration.objects.filter(session=old_session, image_consent=True).count() == 3
    still = Registration.objects.get(pk=kept.pk)
    assert (still.child_first_name, still.notes) == (kept.child_first_name, "Asthme")
    assert client.get(link).status_code == 404  # the manage link no longer works
    assert registrations_anonymise(retention_days=90) == 0


def test_the_command_anonymises_registrations_too(workshops):
    old_session, _running = workshops
    registration = RegistrationFactory(session=old_session)
    out = StringIO()

    call_command("anonymise_personal_data", "--days", "90", stdout=out)

    assert "Workshop registrations anonymised: 1" in out.getvalue()
    assert Registration.objects.get(pk=registration.pk).email_key.startswith("anonymised-")
