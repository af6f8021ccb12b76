"""Online and hybrid sessions: the stream link reaches only people who booked (their
manage page and a reminder sent once, shortly before the start), never the public page
or the calendar feeds."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from events.bookings import Booking
from events.models import Session
from events.reminders import stream_reminders_send
from tests.conftest import NOW, publish_translation
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory

STREAM = "https://stream.example.org/live/8f3a1c"


@pytest.fixture
def page(shared_site, frozen_now):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières", slug="ouv")
    publish_translation(page, title="The Workers")
    return page


@pytest.fixture
def session(page, shared_site):
    return SessionFactory(
        page=page,
        start=NOW + timedelta(minutes=45),
        venue=shared_site.venue,
        attendance_mode=Session.Mode.HYBRID,
        stream_url=STREAM,
    )


@pytest.fixture
def bookings(session):
    return {
        "fr": BookingFactory(session=session, email="camille@example.org"),
        "en": BookingFactory(session=session, first_name="Ana", language="en"),
        "waiting": BookingFactory(session=session, status=Booking.Status.WAITLISTED),
        "cancelled": BookingFactory(session=session, status=Booking.Status.CANCELLED),
    }


def send(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return stream_reminders_send(**kwargs)


def test_each_confirmed_booking_gets_the_link_once_in_its_language(
    bookings, django_capture_on_commit_callbacks
):
    assert send(django_capture_on_commit_callbacks) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {bookings["fr"].email, bookings["en"].email}
    french, english = by_address[bookings["fr"].email], by_address[bookings["en"].email]
    assert STREAM in french.body and "Les Ouvrières" in french.subject
    assert "Votre lien" in french.subject and "merci de ne pas le partager" in french.body
    assert STREAM in english.body and english.subject.startswith("Your link for The Workers")
    # Run again (the cron's next minute): nobody is emailed twice.
    assert send(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2
    for key in ("fr", "en"):
        bookings[key].refresh_from_db()
        assert bookings[key].reminded_at == NOW
    for key in ("waiting", "cancelled"):
        bookings[key].refresh_from_db()
        assert bookings[key].reminded_at is None


def test_no_reminder_before_the_window_or_after_the_start(
    session, bookings, settings, django_capture_on_commit_callbacks
):
    settings.STREAM_REMINDER_MINUTES = 30  # the session starts in 45 minutes
    assert send(django_capture_on_commit_callbacks) == 0
    settings.STREAM_REMINDER_MINUTES = 60
    assert send(django_capture_on_commit_callbacks, now=session.start) == 0
    assert send(django_capture_on_commit_callbacks, now=NOW + timedelta(minutes=44)) == 2


@pytest.mark.parametrize(
    "change",
    [
        {"attendance_mode": Session.Mode.IN_PERSON},
        {"stream_url": ""},
        {"status": Session.Status.CANCELLED},
    ],
    ids=["in-person", "no-link", "cancelled"],
)
def test_no_reminder_without_a_stream_to_follow(
    session, bookings, change, django_capture_on_commit_callbacks
):
    Session.objects.filter(pk=session.pk).update(**change)
    assert send(django_capture_on_commit_callbacks) == 0
    assert mail.outbox == []


def test_nothing_is_sent_if_the_booking_is_cancelled_before_the_email_leaves(
    bookings, django_capture_on_commit_callbacks
):
    from events.reminders import stream_reminder_email_for

    Booking.objects.filter(pk=bookings["fr"].pk).update(status=Booking.Status.CANCELLED)
    assert stream_reminder_email_for(booking_id=bookings["fr"].pk) is None
    assert stream_reminder_email_for(booking_id=bookings["en"].pk) is not None


def test_the_command_queues_the_reminders(bookings, django_capture_on_commit_callbacks):
    from io import StringIO

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_session_reminders", stdout=out)
    assert "Stream reminders queued: 2" in out.getvalue()
    # The session is within the day: each booking also gets its day-before reminder.
    assert "Day-before reminders queued: 2" in out.getvalue()
    assert len(mail.outbox) == 4


def test_the_manage_page_shows_the_link_only_for_a_confirmed_booking(client, bookings, session):
    def manage(booking):
        return client.get(booking.get_absolute_url()).content.decode()

    html = manage(bookings["fr"])
    assert f'href="{STREAM}"' in html and "Suivre en ligne" in html
    assert STREAM not in manage(bookings["waiting"])
    assert STREAM not in manage(bookings["cancelled"])
    Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)
    assert STREAM not in manage(bookings["fr"])


def test_the_link_is_never_public(client, shared_site, page, session, bookings):
    paths = [
        page.url,
        page.get_translation(shared_site.en).url,
        reverse("calendar_feed"),
        reverse("calendar_feed") + "?lang=en",
        page.calendar_url,
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"stream.example.org" not in body, path
    # The page does say the session can be followed online (its structured data).
    assert "VirtualLocation" in client.get(page.url).content.decode()
