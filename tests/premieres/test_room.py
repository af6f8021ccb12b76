"""The room lent to filmmakers, through its real page and the real admin: the request
form in both languages, dates in the past refused with nothing recorded, and staff
answers (accept, decline, another date) each emailed in the requester's language."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from events.models import ScreeningPage
from premieres.models import RoomRequest
from tests.conftest import paris, publish_translation

from .factories import RoomLoanPageFactory, RoomRequestFactory


@pytest.fixture
def room(shared_site, frozen_now):
    return RoomLoanPageFactory(parent=shared_site.home)


@pytest.fixture
def room_en(room):
    return publish_translation(room, title="The room we lend", slug="the-room")


def form_data(**changes):
    data = {
        "film_title": "Les Rails",
        "director": "Inès Morel",
        "email": "ines@example.org",
        "wished_from": "2027-01-06",
        "wished_until": "2027-01-20",
        "runtime": "24",
        "expected_audience": "60",
        "needs_dcp": "on",
        "needs_subtitles": "on",
        "technical_notes": "",
        "website": "",
    }
    data.update(changes)
    return data


def staff(name="Programme team"):
    user = get_user_model().objects.create_user(name.lower().replace(" ", "-"), "s@x.example")
    user.groups.add(Group.objects.get(name=name))
    return user


def decide_url(room_request):
    return reverse("premieres:decide", args=["roomrequest", room_request.pk])


def test_the_page_shows_the_conditions_and_a_labelled_form(client, room, room_en):
    html = client.get(room.url).content.decode()
    assert "Un film jamais montré en salle." in html
    for field in ("film_title", "director", "email", "wished_from", "needs_dcp", "needs_file"):
        assert f'for="id_{field}"' in html, field
    assert "Demander la salle" in html
    assert "Ask for the room" in client.get(room_en.url).content.decode()


def test_a_request_is_recorded_and_acknowledged_in_french(
    client, room, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(room.url, form_data())

    assert response.status_code == 302
    request = RoomRequest.objects.get()
    assert (request.film_title, request.language, request.status) == ("Les Rails", "fr", "pending")
    assert request.technical_needs == ["DCP", "sous-titres"]
    assert mailoutbox[0].to == ["ines@example.org"]
    assert "Les Rails" in mailoutbox[0].subject and "enregistrée" in mailoutbox[0].subject
    assert "Merci" in client.get(response.url).content.decode()


def test_an_english_request_is_answered_in_english(
    client, room_en, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(room_en.url, form_data())
    assert RoomRequest.objects.get().language == "en"
    assert mailoutbox[0].subject == "Your request for “Les Rails” is recorded"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("fr", "Les dates souhaitées doivent être aujourd’hui ou plus tard."),
        ("en", "The dates wished must be today or later."),
    ],
)
def test_dates_in_the_past_are_refused_and_nothing_recorded(
    client, room, room_en, mailoutbox, lang, message
):
    page = room if lang == "fr" else room_en
    response = client.post(page.url, form_data(wished_from="2026-11-01"))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RoomRequest.objects.exists()
    assert mailoutbox == []


def test_a_last_date_before_the_first_is_refused(client, room):
    response = client.post(room.url, form_data(wished_until="2027-01-01"))
    assert response.status_code == 400
    assert "La dernière date vient après la première." in response.content.decode()
    assert not RoomRequest.objects.exists()


def test_nonsense_is_a_clear_400_never_a_500(client, room):
    response = client.post(room.url, form_data(wished_from="\x00é", runtime="-3", email="x"))
    assert response.status_code == 400
    assert not RoomRequest.objects.exists()


def test_staff_accept_and_a_draft_screening_is_made(
    client, room, mailoutbox, django_capture_on_commit_callbacks
):
    room_request = RoomRequestFactory(language="en")
    client.force_login(staff())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            decide_url(room_request),
            {"decision": "accept", "start": "2027-01-13T20:00", "message": "Bienvenue"},
        )

    assert response.status_code == 302
    room_request.refresh_from_db()
    assert room_request.status == "accepted"
    screening = room_request.screening
    assert isinstance(screening, ScreeningPage) and not screening.live
    assert screening.film_title == "Les Rails"
    assert [d.name for d in screening.directors.all()] == ["Inès Morel"]
    session = screening.sessions.get()
    assert session.start == paris(2027, 1, 13, 20)
    assert mailoutbox[-1].subject == "“Les Rails”: your screening is accepted"
    assert "Wednesday 13 January" in mailoutbox[-1].body


@pytest.mark.parametrize(
    ("decision", "status", "subject"),
    [
        ("decline", "declined", "« Les Rails » : votre demande n’est pas retenue"),
        ("other_date", "other_date", "« Les Rails » : nous vous proposons une autre date"),
    ],
)
def test_staff_decline_or_propose_another_date_with_an_email(
    client, room, mailoutbox, django_capture_on_commit_callbacks, decision, status, subject
):
    room_request = RoomRequestFactory()
    client.force_login(staff())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(decide_url(room_request), {"decision": decision, "start": "2027-02-03T20:00"})
    room_request.refresh_from_db()
    assert room_request.status == status
    assert room_request.screening is None
    assert mailoutbox[-1].subject == subject


def test_a_decided_request_cannot_be_decided_again(client, room, mailoutbox):
    room_request = RoomRequestFactory(status=RoomRequest.Status.DECLINED)
    client.force_login(staff())
    response = client.post(
        decide_url(room_request), {"decision": "accept", "start": "2027-02-03T20:00"}
    )
    assert response.status_code == 400
    room_request.refresh_from_db()
    assert room_request.status == "declined"
    assert not ScreeningPage.objects.exists()


def test_accepting_needs_a_date_to_come(client, room):
    room_request = RoomRequestFactory()
    client.force_login(staff())
    response = client.post(
        decide_url(room_request), {"decision": "accept", "start": "2026-11-01T20:00"}
    )
    assert response.status_code == 400
    assert RoomRequest.objects.get().status == "pending"


def test_the_box_office_may_not_answer(client, room):
    room_request = RoomRequestFactory()
    client.force_login(staff("Box office"))
    response = client.post(decide_url(room_request), {"decision": "decline"})
    # Wagtail's answer to a permission refused: back to the dashboard, with why.
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert RoomRequest.objects.get().status == "pending"


def test_staff_list_the_requests(client, room):
    RoomRequestFactory()
    client.force_login(staff())
    html = client.get(reverse("premieres_room_requests:index")).content.decode()
    assert "Les Rails" in html
    assert decide_url(RoomRequest.objects.get()) in html


def test_dates_rule():
    from premieres.rules import dates_acceptable

    today = date(2026, 11, 24)
    assert dates_acceptable(wished_from=today, wished_until=today, today=today)
    assert not dates_acceptable(wished_from=date(2026, 11, 23), wished_until=today, today=today)
