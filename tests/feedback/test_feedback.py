"""Audience feedback: asked the day after, once, of the people who came; a signed link
that expires; one answer per booking; figures per session for staff who see bookings."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from events.bookings import Booking
from feedback.emails import feedback_form_path
from feedback.models import Feedback
from feedback.services import feedback_requests_send
from tests.conftest import NOW, paris, publish_translation
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory

YESTERDAY = paris(2026, 11, 23, 20)


@pytest.fixture
def page(shared_site, frozen_now):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières", slug="ouv")
    publish_translation(page, title="The Workers")
    return page


def session_at(page, start, **kwargs):
    return SessionFactory(page=page, start=start, end=start + timedelta(hours=2), **kwargs)


@pytest.fixture
def session(page):
    return session_at(page, YESTERDAY)


def book(session, **kwargs):
    return BookingFactory(session=session, **kwargs)


def send(django_capture_on_commit_callbacks, **kwargs):
    with django_capture_on_commit_callbacks(execute=True):
        return feedback_requests_send(**kwargs)


def link_in(message) -> str:
    return re.search(r"https?://\S+/feedback/\S+/", message.body).group(0)


def test_the_people_checked_in_are_asked_once_in_their_language(
    session, django_capture_on_commit_callbacks
):
    came_fr = book(session, email="camille@example.org", checked_in_at=YESTERDAY)
    came_en = book(session, first_name="Ana", language="en", checked_in_at=YESTERDAY)
    book(session, email="absent@example.org")  # booked, not checked in
    book(session, status=Booking.Status.WAITLISTED)

    assert send(django_capture_on_commit_callbacks) == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {came_fr.email, came_en.email}
    french, english = by_address[came_fr.email], by_address[came_en.email]
    assert french.subject == "Comment était Les Ouvrières ?"
    assert "/feedback/" in link_in(french) and "/en/" not in link_in(french)
    assert english.subject == "How was The Workers?"
    assert "/en/feedback/" in link_in(english)
    # The next morning's run asks nobody again.
    assert send(django_capture_on_commit_callbacks) == 0
    assert len(mail.outbox) == 2


def test_without_check_ins_every_confirmed_booking_is_asked(
    session, django_capture_on_commit_callbacks
):
    confirmed = [book(session), book(session)]
    book(session, no_show=True)
    book(session, status=Booking.Status.CANCELLED)
    book(session, status=Booking.Status.WAITLISTED)
    assert send(django_capture_on_commit_callbacks) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(b.email for b in confirmed)


def test_only_sessions_that_ended_before_today_and_recently(
    page, django_capture_on_commit_callbacks
):
    book(session_at(page, NOW - timedelta(hours=3)))  # this morning: tomorrow
    book(session_at(page, NOW - timedelta(days=6)))  # too long ago
    book(session_at(page, YESTERDAY, status="cancelled"))
    assert send(django_capture_on_commit_callbacks) == 0


def test_the_form_records_one_answer_in_the_booking_language(client, session):
    booking = book(session, language="en", checked_in_at=YESTERDAY)
    path = feedback_form_path(booking=booking)
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    assert "How did you hear of the session?" in html and "The Workers" in html
    assert response["Referrer-Policy"] == "same-origin"

    answer = {
        "rating": "5",
        "liked": "The debate.",
        "heard_from": "newsletter",
        "postcode": "93400",
    }
    response = client.post(path, answer)
    assert response.status_code == 200
    assert "Your answer is recorded" in response.content.decode()
    feedback = Feedback.objects.get()
    assert (feedback.booking, feedback.rating, feedback.liked, feedback.heard_from) == (
        booking,
        5,
        "The debate.",
        "newsletter",
    )
    assert feedback.postcode == "93400"
    # Sent again: still one answer, and the person is told it is recorded.
    response = client.post(path, {**answer, "rating": "1"})
    assert "already recorded" in response.content.decode()
    assert Feedback.objects.get().rating == 5


def test_a_wrong_answer_is_explained_and_nothing_recorded(client, session):
    booking = book(session)
    response = client.post(
        feedback_form_path(booking=booking), {"rating": "7", "heard_from": "", "postcode": "??"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Votre réponse n’a pas pu être enregistrée" in html
    # Each error leads to its field (the first choice of a group of radio buttons).
    assert 'href="#id_rating_0"' in html and 'href="#id_heard_from_0"' in html
    assert 'href="#id_postcode"' in html
    assert "Indiquez un code postal" in html
    assert not Feedback.objects.exists()


def test_the_link_expires_and_cannot_be_forged(client, session, settings):
    booking = book(session)
    path = feedback_form_path(booking=booking)
    with time_machine.travel(NOW + timedelta(days=settings.FEEDBACK_LINK_DAYS, minutes=1)):
        response = client.get(path)
    assert response.status_code == 410
    assert "Ce lien a expiré" in response.content.decode()
    response = client.get(path[:-3] + "xx/")
    assert response.status_code == 404
    assert "Ce lien n’est pas valide" in response.content.decode()
    other = book(session)
    forged = reverse("feedback_form", kwargs={"token": str(other.pk)})
    assert client.get(forged).status_code == 404


def test_the_command_queues_the_requests(session, django_capture_on_commit_callbacks):
    from io import StringIO

    book(session)
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_feedback_requests", stdout=out)
    assert "Feedback requests queued: 1" in out.getvalue()
    assert len(mail.outbox) == 1


@pytest.fixture
def answered(session):
    answers = [
        (5, "Le débat avec la réalisatrice.", "newsletter", "93400"),
        (4, "", "word_of_mouth", "93400"),
        (2, "Le son était trop fort.", "newsletter", ""),
    ]
    for rating, liked, heard_from, postcode in answers:
        Feedback.objects.create(
            booking=book(session, first_name="Secret", last_name="Personne"),
            rating=rating,
            liked=liked,
            heard_from=heard_from,
            postcode=postcode,
        )
    return session


def staff(name, group):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "x")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_staff_who_see_bookings_read_the_figures_per_session(client, answered):
    client.force_login(staff("guichet", "Box office"))
    html = client.get(reverse("feedback_admin:index")).content.decode()
    assert "Les Ouvrières" in html and "3.7 / 5" in html.replace(",", ".")
    # Per season (September 2026 to August 2027): the same three answers.
    season = html.split("2026–2027</th>")[1].split("</tr>")[0]
    assert "<td>3</td>" in season and "3,7 / 5" in season
    assert "La lettre d’information (2), Le bouche-à-oreille (1)" in season
    html = client.get(reverse("feedback_admin:session", args=[answered.pk])).content.decode()
    assert "Le débat avec la réalisatrice." in html and "Le son était trop fort." in html
    assert re.search(r"<td>5 / 5</td><td>1</td>", html)
    assert re.search(r"<td>3 / 5</td><td>0</td>", html)
    assert re.search(r"<td>La lettre d’information</td><td>2</td>", html)
    assert re.search(r"<td>93400</td><td>2</td>", html)
    # Anonymous: no names in the figures.
    assert "Secret" not in html and "Personne" not in html


def test_staff_who_cannot_see_bookings_are_refused(client, answered):
    client.force_login(staff("editor", "Editors"))  # in the admin, not in bookings
    assert client.get(reverse("feedback_admin:index")).status_code == 403
    response = client.get(reverse("feedback_admin:session", args=[answered.pk]))
    assert response.status_code == 403
    assert "Le débat" not in response.content.decode()
