"""The door: check-in through the QR code's URL, the phone list, no-shows, and who may."""

from datetime import timedelta

import pytest
import segno
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.users.models import UserProfile

from events import door
from events.exceptions import (
    BookingNotActive,
    CheckInNotConfirmed,
    CheckInSessionNotScheduled,
    CheckInWrongDay,
    NoShowCheckedIn,
    NoShowTooEarly,
)
from events.models import Session
from events.services import booking_check_in, booking_mark_no_show, booking_undo_check_in
from tests.conftest import paris
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory

START = paris(2026, 12, 2, 20)
DOORS_OPEN = paris(2026, 12, 2, 19, 52)


@pytest.fixture
def session(shared_site):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières", slug="ouv")
    return SessionFactory(page=page, start=START, venue=shared_site.venue, places=80)


@pytest.fixture
def booking(session):
    return BookingFactory(session=session, first_name="Camille", last_name="Martin", seats=2)


@pytest.fixture
def at_the_door():
    with time_machine.travel(DOORS_OPEN, tick=False):
        yield DOORS_OPEN


def staff_user(*codenames, username="door", language="en"):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    group, _created = Group.objects.get_or_create(name=f"group {username}")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def box_office(db, client):
    client.force_login(staff_user("check_in_booking"))
    return client


def checkin_path(booking):
    return reverse("door:checkin", kwargs={"code": booking.checkin_code})


# The QR code


def test_the_qr_code_carries_the_absolute_admin_checkin_url_not_the_manage_token(booking, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://fabrique.example/"

    url = door.checkin_url(booking)

    assert url == f"https://fabrique.example/admin/door/checkin/{booking.checkin_code}/"
    assert booking.manage_token not in url
    assert door.qr_code(booking).matrix == segno.make(url, error="m").matrix
    assert door.qr_png(booking).startswith(b"\x89PNG")
    assert door.qr_svg(booking, title="QR").startswith("<svg")


def test_check_in_runs_on_the_day_of_the_session_and_until_it_ends():
    session = Session(start=paris(2026, 12, 2, 23, 30), end=paris(2026, 12, 3, 1, 30))

    assert door.is_session_day(session=session, now=paris(2026, 12, 2, 9))
    assert door.is_session_day(session=session, now=paris(2026, 12, 3, 0, 45))
    assert not door.is_session_day(session=session, now=paris(2026, 12, 3, 2))
    assert not door.is_session_day(session=session, now=paris(2026, 12, 1, 23, 59))


# Services


def test_checking_in_twice_keeps_the_first_time(booking):
    first, checked_now = booking_check_in(booking=booking, now=DOORS_OPEN)
    again, checked_again = booking_check_in(booking=booking, now=DOORS_OPEN + timedelta(minutes=5))

    assert checked_now and not checked_again
    assert first.checked_in_at == again.checked_in_at == DOORS_OPEN


def test_checking_in_clears_a_no_show_for_a_late_arrival(booking):
    booking_mark_no_show(booking=booking, no_show=True, now=START + timedelta(minutes=10))

    booking, _ = booking_check_in(booking=booking, now=START + timedelta(minutes=20))

    assert booking.checked_in_at and not booking.no_show


@pytest.mark.parametrize(
    ("status", "error"),
    [("cancelled", BookingNotActive), ("waitlisted", CheckInNotConfirmed)],
)
def test_only_a_confirmed_booking_is_checked_in(session, status, error):
    booking = BookingFactory(session=session, status=status)

    with pytest.raises(error):
        booking_check_in(booking=booking, now=DOORS_OPEN)
    booking.refresh_from_db()
    assert booking.checked_in_at is None


def test_no_check_in_for_a_cancelled_session(booking, session):
    Session.objects.filter(pk=session.pk).update(status=Session.Status.CANCELLED)

    with pytest.raises(CheckInSessionNotScheduled):
        booking_check_in(booking=booking, now=DOORS_OPEN)


@pytest.mark.parametrize("day", [1, 3])
def test_no_check_in_on_another_day(booking, day):
    with pytest.raises(CheckInWrongDay):
        booking_check_in(booking=booking, now=paris(2026, 12, day, 19, 52))


def test_undoing_a_check_in_expects_the_person_again(booking):
    booking_check_in(booking=booking, now=DOORS_OPEN)

    booking = booking_undo_check_in(booking=booking)
    booking = booking_undo_check_in(booking=booking)

    assert booking.checked_in_at is None


def test_a_no_show_is_marked_once_the_session_has_started_and_any_time_after(booking):
    with pytest.raises(NoShowTooEarly):
        booking_mark_no_show(booking=booking, no_show=True, now=START - timedelta(minutes=1))

    marked = booking_mark_no_show(booking=booking, no_show=True, now=START)
    assert marked.no_show
    unmarked = booking_mark_no_show(booking=booking, no_show=False, now=START + timedelta(days=2))
    assert not unmarked.no_show
    later = booking_mark_no_show(booking=booking, no_show=True, now=START + timedelta(days=2))
    assert later.no_show


def test_a_checked_in_booking_is_no_no_show(booking):
    booking_check_in(booking=booking, now=DOORS_OPEN)

    with pytest.raises(NoShowCheckedIn):
        booking_mark_no_show(booking=booking, no_show=True, now=START + timedelta(hours=1))
    booking.refresh_from_db()
    assert not booking.no_show


def test_a_cancelled_booking_is_no_no_show(session):
    booking = BookingFactory(session=session, status="cancelled")

    with pytest.raises(BookingNotActive):
        booking_mark_no_show(booking=booking, no_show=True, now=START + timedelta(hours=1))


# The check-in page the QR code opens


def test_the_qr_url_shows_the_booking_and_checks_in_on_post_only(box_office, booking, at_the_door):
    page = box_office.get(checkin_path(booking))

    html = page.content.decode()
    assert page.status_code == 200
    assert "Camille Martin" in html and "Les Ouvrières" in html
    assert 'value="check_in"' in html
    booking.refresh_from_db()
    assert booking.checked_in_at is None  # GET changes nothing

    response = box_office.post(checkin_path(booking), {"action": "check_in"})

    assert response.status_code == 302
    assert response["Location"] == checkin_path(booking)
    booking.refresh_from_db()
    assert booking.checked_in_at == DOORS_OPEN


def test_checking_in_twice_at_the_door_says_already_and_keeps_the_time(
    box_office, booking, at_the_door
):
    box_office.post(checkin_path(booking), {"action": "check_in"})
    with time_machine.travel(DOORS_OPEN + timedelta(minutes=3), tick=False):
        response = box_office.post(checkin_path(booking), {"action": "check_in"}, follow=True)

    html = response.content.decode()
    assert "Camille Martin was already checked in at 19:52." in html
    assert "Already checked in at 19:52." in html
    assert 'value="check_in"' not in html
    booking.refresh_from_db()
    assert booking.checked_in_at == DOORS_OPEN


def test_the_check_in_page_speaks_french_to_french_staff(client, booking, at_the_door):
    client.force_login(staff_user("check_in_booking", language="fr"))
    client.post(checkin_path(booking), {"action": "check_in"})

    response = client.post(checkin_path(booking), {"action": "check_in"}, follow=True)

    assert "Entrée de Camille Martin déjà enregistrée à 19:52." in response.content.decode()


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("cancelled", "This booking has been cancelled."),
        ("waitlisted", "This booking is on the waiting list"),
    ],
)
def test_a_booking_without_a_confirmed_seat_is_refused_in_red(
    box_office, session, at_the_door, status, message
):
    booking = BookingFactory(session=session, status=status)

    page = box_office.get(checkin_path(booking))
    posted = box_office.post(checkin_path(booking), {"action": "check_in"}, follow=True)

    assert "door-state--bad" in page.content.decode()
    assert message in page.content.decode()
    assert 'value="check_in"' not in page.content.decode()
    assert message in posted.content.decode()
    booking.refresh_from_db()
    assert booking.checked_in_at is None


def test_a_booking_for_another_day_says_so(box_office, booking):
    with time_machine.travel(paris(2026, 12, 1, 19, 52), tick=False):
        page = box_office.get(checkin_path(booking))

    assert "This booking is for another day." in page.content.decode()
    assert 'value="check_in"' not in page.content.decode()


def test_an_unknown_code_is_a_404_that_says_so(box_office, booking):
    response = box_office.get(reverse("door:checkin", kwargs={"code": "x" * 300}))

    assert response.status_code == 404
    assert "No booking has this code." in response.content.decode()


def test_undo_from_the_check_in_page(box_office, booking, at_the_door):
    box_office.post(checkin_path(booking), {"action": "check_in"})

    box_office.post(checkin_path(booking), {"action": "undo"})

    booking.refresh_from_db()
    assert booking.checked_in_at is None


def test_an_unknown_action_changes_nothing(box_office, booking, at_the_door):
    response = box_office.post(checkin_path(booking), {"action": "delete"}, follow=True)

    assert "Unknown action." in response.content.decode()
    booking.refresh_from_db()
    assert booking.checked_in_at is None and booking.status == "confirmed"


def test_anonymous_visitors_are_sent_to_the_login_and_back(client, booking):
    response = client.get(checkin_path(booking))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
    assert response["Location"].endswith("?next=" + checkin_path(booking))


def test_an_anonymous_post_checks_nobody_in(client, booking, at_the_door):
    client.post(checkin_path(booking), {"action": "check_in"})

    booking.refresh_from_db()
    assert booking.checked_in_at is None


@pytest.mark.parametrize("url_name", ["index", "session", "checkin"])
def test_staff_without_the_door_permission_are_turned_away(client, booking, url_name, at_the_door):
    client.force_login(staff_user("view_booking"))
    kwargs = {
        "index": {},
        "session": {"session_id": booking.session_id},
        "checkin": {"code": booking.checkin_code},
    }[url_name]

    shown = client.get(reverse(f"door:{url_name}", kwargs=kwargs))
    posted = client.post(checkin_path(booking), {"action": "check_in"})

    assert shown.status_code in (302, 403)
    assert "Camille" not in shown.content.decode()
    assert posted.status_code in (302, 403)
    booking.refresh_from_db()
    assert booking.checked_in_at is None


def test_a_superuser_checks_in(client, booking, at_the_door):
    client.force_login(get_user_model().objects.create_superuser("root", "r@example.org", "x"))

    client.post(checkin_path(booking), {"action": "check_in"})

    booking.refresh_from_db()
    assert booking.checked_in_at == DOORS_OPEN


def test_a_post_without_csrf_token_is_refused(booking, at_the_door):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_user("check_in_booking"))

    response = client.post(checkin_path(booking), {"action": "check_in"})

    assert response.status_code == 403
    booking.refresh_from_db()
    assert booking.checked_in_at is None


# The door list


def session_path(session):
    return reverse("door:session", kwargs={"session_id": session.pk})


def test_the_door_list_shows_confirmed_bookings_by_last_name_with_counts(
    box_office, session, at_the_door
):
    BookingFactory(session=session, first_name="Zoé", last_name="Abadie", seats=3, wheelchair=True)
    late = BookingFactory(session=session, first_name="Yann", last_name="Moreau", seats=2)
    BookingFactory(session=session, first_name="Xavier", last_name="Brun", seats=1)
    BookingFactory(session=session, first_name="Wendy", last_name="Cancel", status="cancelled")
    BookingFactory(session=session, first_name="Victor", last_name="Attente", status="waitlisted")
    booking_check_in(booking=late, now=DOORS_OPEN)

    response = box_office.get(session_path(session))

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Abadie") < html.index("Brun") < html.index("Moreau")
    assert "Cancel" not in html and "Attente" not in html
    assert "Wheelchair place" in html
    assert "Checked in at 19:52" in html
    counts = [
        ("6", "seats booked"),
        ("2", "checked in"),
        ("4", "still expected"),
    ]
    for number, label in counts:
        assert f"<strong>{number}</strong> {label}" in html
    assert 'value="no_show"' not in html  # the session has not started


def test_searching_the_door_list_by_name(box_office, session, at_the_door):
    BookingFactory(session=session, first_name="Zoé", last_name="Abadie")
    BookingFactory(session=session, first_name="Xavier", last_name="Brun")

    html = box_office.get(session_path(session), {"q": "abad"}).content.decode()

    assert "Abadie" in html and "Brun" not in html
    assert "<strong>2</strong> seats booked" in html  # counts stay the session's


def test_check_in_and_no_show_from_the_list_come_back_to_it(box_office, session):
    camille = BookingFactory(session=session, first_name="Camille", last_name="Martin")
    other = BookingFactory(session=session, first_name="Xavier", last_name="Brun", seats=2)
    back = session_path(session) + "?q=ma"

    with time_machine.travel(START + timedelta(minutes=15), tick=False):
        listing = box_office.get(session_path(session)).content.decode()
        checked = box_office.post(checkin_path(camille), {"action": "check_in", "next": back})
        marked = box_office.post(checkin_path(other), {"action": "no_show", "next": back})
        html = box_office.get(session_path(session)).content.decode()

    assert 'value="no_show"' in listing  # after the start
    assert checked["Location"] == marked["Location"] == back
    camille.refresh_from_db()
    other.refresh_from_db()
    assert camille.checked_in_at and other.no_show
    assert "<strong>0</strong> still expected" in html
    assert "<strong>2</strong> not come" in html


def test_a_next_url_to_another_site_is_ignored(box_office, booking, at_the_door):
    response = box_office.post(
        checkin_path(booking), {"action": "check_in", "next": "https://evil.example/"}
    )

    assert response["Location"] == checkin_path(booking)


def test_a_no_show_before_the_start_is_refused_with_a_message(box_office, booking, at_the_door):
    response = box_office.post(checkin_path(booking), {"action": "no_show"}, follow=True)

    assert "once the session has started" in response.content.decode()
    booking.refresh_from_db()
    assert not booking.no_show


def test_the_door_list_takes_the_same_queries_however_many_bookings(
    box_office, session, at_the_door, django_assert_num_queries
):
    BookingFactory(session=session, last_name="Abadie")
    url = session_path(session)
    box_office.get(url)  # warm the caches (site, user profile)
    with CaptureQueriesContext(connection) as few:
        box_office.get(url)
    for index in range(8):
        BookingFactory(session=session, last_name=f"Nom {index}", wheelchair=index % 2 == 0)

    with django_assert_num_queries(len(few.captured_queries)):
        response = box_office.get(url)

    assert response.content.decode().count('name="action"') >= 9


def test_the_door_index_lists_today_and_the_coming_week(box_office, session, at_the_door):
    BookingFactory(session=session, seats=3)
    later_page = ScreeningPageFactory(parent=session.page.get_parent(), title="Plus tard")
    SessionFactory(page=later_page, start=START + timedelta(days=30), venue=session.venue)

    html = box_office.get(reverse("door:index")).content.decode()

    assert "Les Ouvrières" in html and "Plus tard" not in html
    assert session_path(session) in html
    assert "0 of 3 seats checked in" in html


def test_the_door_is_in_the_admin_menu_for_the_box_office_only(client, booking):
    client.force_login(staff_user("check_in_booking"))
    assert reverse("door:index") in client.get(reverse("wagtailadmin_home")).content.decode()

    client.force_login(staff_user("view_booking", username="other"))
    assert reverse("door:index") not in client.get(reverse("wagtailadmin_home")).content.decode()


# The ticket: in the confirmation email and on the manage page


def qr_matrix_of_png(png: bytes):
    """The modules of a PNG written by ``door.qr_png`` (scale 8, border 4), read back."""
    from io import BytesIO

    from PIL import Image

    image = Image.open(BytesIO(png)).convert("L")
    size = image.width // 8 - 8
    return tuple(
        bytearray(image.getpixel(((x + 4) * 8 + 4, (y + 4) * 8 + 4)) < 128 for x in range(size))
        for y in range(size)
    )


@pytest.mark.parametrize(
    ("language", "filename", "alt", "instruction"),
    [
        ("fr", "billet-qr.png", "QR code à montrer", "montrez le QR code joint"),
        ("en", "ticket-qr.png", "QR code to show at the door", "show the attached QR code"),
    ],
)
def test_the_confirmation_email_carries_the_qr_code_of_the_check_in_url(
    session, mailoutbox, django_capture_on_commit_callbacks, language, filename, alt, instruction
):
    from events.services import booking_create

    with django_capture_on_commit_callbacks(execute=True):
        booking = booking_create(
            session=session,
            first_name="Ana",
            last_name="Ruiz",
            email="ana@example.org",
            seats=2,
            language=language,
            terms_accepted=True,
        )

    (message,) = mailoutbox
    assert instruction in message.body and booking.reference in message.body
    (html, mimetype) = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'src="cid:qr-code@fabrique"' in html and alt in html
    attachments = {name: content for name, content, _mimetype in message.attachments}
    expected = segno.make(door.checkin_url(booking), error="m").matrix
    assert qr_matrix_of_png(attachments[filename]) == expected
    mime = message.message()
    (alternative, *_attachments) = mime.get_payload()
    text, related = alternative.get_payload()
    assert related.get_content_type() == "multipart/related"
    html_part, image = related.get_payload()
    assert image["Content-ID"] == "<qr-code@fabrique>"
    assert qr_matrix_of_png(image.get_payload(decode=True)) == expected


def test_a_waitlisted_email_has_no_qr_code(session, mailoutbox, django_capture_on_commit_callbacks):
    from events.services import booking_create

    Session.objects.filter(pk=session.pk).update(places=1)
    BookingFactory(session=session, seats=1)
    with django_capture_on_commit_callbacks(execute=True):
        booking_create(
            session=session,
            first_name="Ana",
            last_name="Ruiz",
            email="ana@example.org",
            seats=1,
            language="en",
            terms_accepted=True,
        )

    (message,) = mailoutbox
    assert "position 1" in message.body
    assert message.attachments == [] and message.alternatives == []
    assert "QR code" not in message.body


def test_the_manage_page_shows_the_qr_code_and_the_number_of_a_confirmed_booking(
    client, booking, frozen_now
):
    html = client.get(booking.get_absolute_url()).content.decode()

    assert 'role="img" aria-label="QR code à montrer à l’entrée"' in html
    assert door.qr_svg(booking) in html
    assert booking.reference in html
    assert booking.checkin_code in door.checkin_url(booking)


@pytest.mark.parametrize("status", ["waitlisted", "cancelled"])
def test_the_manage_page_shows_no_qr_code_without_a_confirmed_seat(
    client, session, frozen_now, status
):
    booking = BookingFactory(session=session, status=status)

    html = client.get(booking.get_absolute_url()).content.decode()

    assert "booking-ticket" not in html and "<svg" not in html
    assert booking.checkin_code not in html
