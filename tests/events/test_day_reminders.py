"""Reminders the day before: every person holding a place (a booking, a workshop
registration, an accepted trainee), in person too, in their language, with the link to
give their places back; once, however often the job runs."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from events.bookings import Booking
from events.models import Session
from events.reminders import day_reminders_send
from tests.conftest import NOW, publish_translation
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory
from tests.workshops.factories import (
    RegistrationFactory,
    TrainingModulePageFactory,
    WorkshopPageFactory,
)
from training.models import Application

TOMORROW = NOW + timedelta(hours=20)


@pytest.fixture
def screening(shared_site, frozen_now):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières", slug="ouv")
    publish_translation(page, title="The Workers", slug="workers")
    return SessionFactory(page=page, start=TOMORROW, venue=shared_site.venue)


@pytest.fixture
def bookings(screening):
    return {
        "fr": BookingFactory(session=screening, email="camille@example.org", seats=2),
        "en": BookingFactory(session=screening, email="ana@example.org", language="en"),
        "waiting": BookingFactory(session=screening, status=Booking.Status.WAITLISTED),
        "cancelled": BookingFactory(session=screening, status=Booking.Status.CANCELLED),
    }


def send(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return day_reminders_send(**kwargs)


def test_each_confirmed_booking_of_an_in_person_session_is_reminded_in_its_language(
    bookings, django_capture_on_commit_callbacks
):
    assert send(django_capture_on_commit_callbacks) == 2

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"camille@example.org", "ana@example.org"}
    french, english = by_address["camille@example.org"], by_address["ana@example.org"]
    assert french.subject == "Rappel : Les Ouvrières — mercredi 25 novembre à 6 h"
    assert "2 places pour" in french.body
    assert "merci de rendre vos places" in french.body
    assert f"/booking/{bookings['fr'].manage_token}/" in french.body
    assert english.subject == "Reminder: The Workers — Wednesday 25 November, 6 am"
    assert "please give your places back" in english.body
    assert f"/en/booking/{bookings['en'].manage_token}/" in english.body
    assert "Metro line 14" in english.body  # the venue in English


def test_a_second_run_reminds_nobody_again(bookings, django_capture_on_commit_callbacks):
    send(django_capture_on_commit_callbacks)
    mail.outbox.clear()

    assert send(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_sessions_beyond_the_lead_time_wait_and_cancelled_ones_are_not_reminded(
    screening, bookings, django_capture_on_commit_callbacks, settings
):
    settings.DAY_REMINDER_HOURS = 12
    assert send(django_capture_on_commit_callbacks) == 0

    settings.DAY_REMINDER_HOURS = 24
    Session.objects.filter(pk=screening.pk).update(status=Session.Status.CANCELLED)
    assert send(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_a_booking_cancelled_after_the_reminder_was_queued_gets_no_email(
    bookings, django_capture_on_commit_callbacks
):
    from events.reminders import day_reminder_email_for

    booking = bookings["fr"]
    booking.status = Booking.Status.CANCELLED
    booking.save()

    built = day_reminder_email_for(
        kind_name="booking", row_id=booking.pk, session_id=booking.session_id
    )
    assert built is None


def test_workshop_registrations_and_accepted_trainees_are_reminded_too(
    shared_site, frozen_now, django_capture_on_commit_callbacks
):
    workshop = WorkshopPageFactory(parent=shared_site.programme, title="Cinéma d'animation")
    day = SessionFactory(page=workshop, start=TOMORROW, venue=shared_site.venue, places=12)
    registration = RegistrationFactory(session=day, email="parent@example.org", language="en")
    RegistrationFactory(session=day, status="cancelled", email="gone@example.org")
    module = TrainingModulePageFactory(parent=shared_site.programme, title="Étalonnage")
    SessionFactory(page=module, start=TOMORROW, venue=shared_site.venue)
    trainee = {
        "module": module,
        "last_name": "Nom",
        "phone": "06",
        "motivation": "Motivation",
        "links": "https://example.org",
        "language": "fr",
    }
    accepted = Application.objects.create(
        first_name="Inès", email="ines@example.org", status="accepted", **trainee
    )
    Application.objects.create(
        first_name="Refusé", email="no@example.org", status="declined", **trainee
    )

    assert send(django_capture_on_commit_callbacks) == 2

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"parent@example.org", "ines@example.org"}
    assert registration.manage_token in by_address["parent@example.org"].body
    # Trainees give back their place from their application's manage page.
    assert accepted.manage_token in by_address["ines@example.org"].body


def test_the_scheduled_command_sends_the_day_reminders(
    bookings, django_capture_on_commit_callbacks
):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_session_reminders", stdout=out)

    assert "Day-before reminders queued: 2 (sessions within 24 h)" in out.getvalue()
    assert len(mail.outbox) == 2
