"""Cancelling a session from the admin: every booked person is told once, in the language
they booked in; nobody is promoted; doing it twice does nothing more."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from events.bookings import Booking
from events.models import Session
from events.services import bookings_anonymise, session_cancel
from tests.conftest import paris, publish_translation
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory

START = paris(2026, 12, 2, 20)


@pytest.fixture
def box_office(shared_site):
    user = get_user_model().objects.create_user("guichet", "guichet@example.org", "x")
    user.groups.add(Group.objects.get(name="Box office"))
    return user


@pytest.fixture
def session(shared_site, frozen_now):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières", slug="ouv")
    publish_translation(page, title="The Workers")
    return SessionFactory(page=page, start=START, venue=shared_site.venue, places=4)


@pytest.fixture
def bookings(session):
    return {
        "fr": BookingFactory(session=session, email="camille@example.org", seats=3),
        "en": BookingFactory(
            session=session, first_name="Ana", email="ana@example.org", seats=1, language="en"
        ),
        "waiting": BookingFactory(
            session=session, email="zoe@example.org", seats=2, status="waitlisted"
        ),
        "gone": BookingFactory(session=session, email="gone@example.org", status="cancelled"),
    }


def cancel_url(session):
    return reverse("event_sessions:cancel", args=[session.pk])


def test_cancelling_from_the_admin_tells_each_booked_person_once_in_their_language(
    client, box_office, session, bookings, django_capture_on_commit_callbacks
):
    client.force_login(box_office)
    confirm = client.get(cancel_url(session))
    assert "avec elle 3 réservations" in confirm.content.decode()
    sequence = session.sequence

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(cancel_url(session), {"reason": "Panne du projecteur."})

    assert response.status_code == 302
    session.refresh_from_db()
    assert session.status == Session.Status.CANCELLED
    assert session.sequence > sequence  # calendars replace the event
    assert not Booking.objects.filter(session=session, status__in=Booking.ACTIVE).exists()
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["ana@example.org", "camille@example.org", "zoe@example.org"]
    assert len(mail.outbox) == 3
    french, english = by_address["camille@example.org"], by_address["ana@example.org"]
    assert french.subject == "Annulation : Les Ouvrières — mercredi 2 décembre à 20 h"
    assert "la séance de Les Ouvrières du mercredi 2 décembre à 20 h est annulée" in french.body
    assert "Panne du projecteur." in french.body
    assert english.subject == "Cancelled: The Workers — Wednesday 2 December, 8 pm"
    assert "Hello Ana," in english.body


def test_cancelling_promotes_nobody(session, bookings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cancelled = session_cancel(session=session)

    assert [b.pk for b in cancelled] == [
        bookings["fr"].pk,
        bookings["en"].pk,
        bookings["waiting"].pk,
    ]
    assert Booking.objects.get(pk=bookings["waiting"].pk).status == "cancelled"
    assert all("Annul" in m.subject or "Cancelled" in m.subject for m in mail.outbox)


def test_cancelling_twice_tells_nobody_twice(
    client, box_office, session, bookings, django_capture_on_commit_callbacks
):
    client.force_login(box_office)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url(session), {"reason": ""})
    session.refresh_from_db()
    sequence = session.sequence

    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(cancel_url(session), {"reason": ""})

    assert again.status_code == 302
    assert len(mail.outbox) == 3
    session.refresh_from_db()
    assert session.sequence == sequence


def test_a_session_cancelled_in_the_page_editor_can_still_notify_its_bookings(
    session, bookings, django_capture_on_commit_callbacks
):
    session.status = Session.Status.CANCELLED
    session.save()

    with django_capture_on_commit_callbacks(execute=True):
        cancelled = session_cancel(session=session)

    assert len(cancelled) == 3
    assert len(mail.outbox) == 3


def test_nobody_is_emailed_once_their_data_is_anonymised(
    session, bookings, django_capture_on_commit_callbacks
):
    Session.objects.filter(pk=session.pk).update(
        start=paris(2026, 6, 1, 20), end=paris(2026, 6, 1, 22)
    )
    bookings_anonymise(retention_days=90)

    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=Session.objects.get(pk=session.pk))

    assert mail.outbox == []


def test_the_cancellation_is_recorded_on_the_session_page(
    client, box_office, session, bookings, django_capture_on_commit_callbacks
):
    client.force_login(box_office)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(cancel_url(session), {"reason": ""})

    html = client.get(reverse("event_sessions:detail", args=[session.pk])).content.decode()

    assert "Cette séance est annulée." in html
    assert "Séance annulée, 3 réservations annulées et prévenues" in html
    assert cancel_url(session) not in html  # nothing left to cancel
