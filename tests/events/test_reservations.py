"""One reservation mechanism for the three forms: workshop participants and trainees
(accepted applications) go through the same door as bookings, with the same QR flow,
on the same door screen, and in the per-session registers staff export."""

import pytest
import segno
import time_machine
from django.urls import reverse

from events import door
from events.reservations import Attendance
from tests.conftest import paris
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory
from tests.events.test_door import qr_matrix_of_png, staff_user
from tests.workshops.factories import (
    RegistrationFactory,
    TrainingModulePageFactory,
    WorkshopPageFactory,
)
from training.emails import decision_email_for
from training.models import Application
from workshops.emails import registration_email

DAY_ONE = paris(2026, 11, 25, 14)
DAY_TWO = paris(2026, 12, 2, 14)


@pytest.fixture
def workshop_sessions(shared_site):
    page = WorkshopPageFactory(parent=shared_site.programme, title="Atelier son", slug="son")
    return [
        SessionFactory(page=page, start=start, venue=shared_site.venue, places=12)
        for start in (DAY_ONE, DAY_TWO)
    ]


@pytest.fixture
def participant(workshop_sessions):
    return RegistrationFactory(
        session=workshop_sessions[0],
        covers_series=True,
        child_first_name="Lou",
        guardian_first_name="Sam",
        guardian_last_name="Roy",
    )


@pytest.fixture
def module_sessions(shared_site):
    page = TrainingModulePageFactory(
        parent=shared_site.programme, title="Étalonnage", slug="etalonnage"
    )
    return [
        SessionFactory(page=page, start=start, venue=shared_site.venue)
        for start in (DAY_ONE, DAY_TWO)
    ]


def application(module_sessions, *, status="accepted", name="Inès", language="fr"):
    return Application.objects.create(
        module=module_sessions[0].page.specific,
        first_name=name,
        last_name="Moreau",
        email=f"{name.lower()}@example.org",
        motivation="Apprendre l'étalonnage.",
        language=language,
        status=status,
    )


@pytest.fixture
def trainee(module_sessions):
    return application(module_sessions)


@pytest.fixture
def box_office(shared_site, client):
    client.force_login(staff_user("check_in_booking"))
    return client


def checkin_path(row):
    return reverse("door:checkin", kwargs={"code": row.checkin_code})


def on(moment):
    """An hour before the session starts, on its day."""
    return time_machine.travel(moment.replace(hour=13), tick=False)


# The QR flow, through the real admin views


@pytest.mark.parametrize("who", ["participant", "trainee"])
def test_the_qr_url_shows_the_person_and_checks_in_on_post_only(
    shared_site, box_office, request, who
):
    row = request.getfixturevalue(who)
    with on(DAY_ONE):
        shown = box_office.get(checkin_path(row))
        assert shown.status_code == 200
        assert not Attendance.objects.exists()
        assert b"Check in" in shown.content

        response = box_office.post(checkin_path(row), {"action": "check_in"}, follow=True)

    assert b"is checked in." in response.content
    (attendance,) = Attendance.objects.all()
    assert attendance.session.start == DAY_ONE and attendance.object_id == row.pk


@pytest.mark.parametrize("who", ["participant", "trainee"])
def test_a_second_check_in_says_already_and_keeps_the_first_time(
    shared_site, box_office, request, who
):
    row = request.getfixturevalue(who)
    with on(DAY_ONE):
        box_office.post(checkin_path(row), {"action": "check_in"})
    first = Attendance.objects.get().checked_in_at
    with time_machine.travel(DAY_ONE, tick=False):
        response = box_office.post(checkin_path(row), {"action": "check_in"}, follow=True)

    assert b"was already checked in at 13:00" in response.content
    assert Attendance.objects.get().checked_in_at == first


def test_each_session_of_a_series_is_checked_in_apart(box_office, participant):
    with on(DAY_ONE):
        box_office.post(checkin_path(participant), {"action": "check_in"})
    with on(DAY_TWO):
        page = box_office.get(checkin_path(participant)).content.decode()
        assert "Already checked in" not in page
        box_office.post(checkin_path(participant), {"action": "check_in"})

    assert sorted(a.session.start for a in Attendance.objects.all()) == [DAY_ONE, DAY_TWO]


def test_undo_expects_the_person_again(box_office, participant):
    with on(DAY_ONE):
        box_office.post(checkin_path(participant), {"action": "check_in"})
        response = box_office.post(checkin_path(participant), {"action": "undo"}, follow=True)

    assert b"undone" in response.content
    assert not Attendance.objects.exists()


@pytest.mark.parametrize(
    ("status", "message"),
    [("waitlisted", b"not expected at the door"), ("cancelled", b"not expected at the door")],
)
def test_a_registration_without_a_confirmed_place_is_refused_in_red(
    box_office, workshop_sessions, status, message
):
    row = RegistrationFactory(session=workshop_sessions[0], status=status)
    with on(DAY_ONE):
        shown = box_office.get(checkin_path(row))
        response = box_office.post(checkin_path(row), {"action": "check_in"}, follow=True)

    assert message in shown.content and b"door-state--bad" in shown.content
    assert message in response.content
    assert not Attendance.objects.exists()


@pytest.mark.parametrize("status", ["received", "shortlisted", "waitlisted", "declined"])
def test_only_an_accepted_applicant_is_a_trainee_at_the_door(box_office, module_sessions, status):
    row = application(module_sessions, status=status)
    with on(DAY_ONE):
        response = box_office.post(checkin_path(row), {"action": "check_in"}, follow=True)

    assert b"not expected at the door" in response.content
    assert not Attendance.objects.exists()


def test_no_check_in_on_a_day_without_a_session(box_office, trainee):
    with time_machine.travel(paris(2026, 11, 26, 14), tick=False):
        response = box_office.post(checkin_path(trainee), {"action": "check_in"}, follow=True)

    assert b"None of the sessions of this place is today." in response.content
    assert not Attendance.objects.exists()


def test_the_check_in_page_speaks_french_to_french_staff(client, participant):
    client.force_login(staff_user("check_in_booking", username="porte", language="fr"))
    with on(DAY_ONE):
        html = client.get(checkin_path(participant)).content.decode()

    assert "Participants aux ateliers" in html and "Faire entrer" in html


@pytest.mark.parametrize("who", ["participant", "trainee"])
def test_staff_without_the_door_permission_are_turned_away(shared_site, client, request, who):
    row = request.getfixturevalue(who)
    client.force_login(staff_user(username="editor"))
    with on(DAY_ONE):
        shown = client.get(checkin_path(row))
        posted = client.post(checkin_path(row), {"action": "check_in"})

    assert shown.status_code == 302 and posted.status_code == 302
    assert not Attendance.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, trainee):
    with on(DAY_ONE):
        response = client.post(checkin_path(trainee), {"action": "check_in"})

    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Attendance.objects.exists()


# The door list


def test_the_door_list_of_a_session_shows_participants_and_trainees_with_counts(
    box_office, participant, trainee, workshop_sessions, module_sessions
):
    RegistrationFactory(session=workshop_sessions[0], child_first_name="Zoé")
    RegistrationFactory(session=workshop_sessions[0], status="waitlisted", child_first_name="Non")
    with on(DAY_ONE):
        box_office.post(checkin_path(participant), {"action": "check_in"})
        workshop = box_office.get(reverse("door:session", args=[workshop_sessions[0].pk]))
        module = box_office.get(reverse("door:session", args=[module_sessions[0].pk]))

    html = workshop.content.decode()
    assert "Workshop participants" in html
    assert "Lou (Sam Roy)" in html and "Zoé" in html and "Non (" not in html
    assert "<strong>2</strong> expected" in html and "<strong>1</strong> checked in" in html
    assert "Checked in at 13:00" in html
    html = module.content.decode()
    assert "Trainees" in html and "Inès Moreau" in html
    assert "<strong>1</strong> expected" in html


def test_checking_in_from_the_list_comes_back_to_it(box_office, trainee, module_sessions):
    url = reverse("door:session", args=[module_sessions[0].pk])
    with on(DAY_ONE):
        response = box_office.post(checkin_path(trainee), {"action": "check_in", "next": url})

    assert response.status_code == 302 and response["Location"] == url
    assert Attendance.objects.filter(object_id=trainee.pk).exists()


# The QR code in the emails and on the manage page


@pytest.mark.parametrize(
    ("language", "filename", "instruction"),
    [
        ("fr", "billet-qr.png", "montrez le QR code joint ou donnez votre nom."),
        ("en", "ticket-qr.png", "show the attached QR code or give your name."),
    ],
)
def test_the_registration_email_carries_the_qr_code_of_the_check_in_url(
    participant, language, filename, instruction
):
    participant.language = language
    participant.save()

    message = registration_email(registration=participant)

    assert instruction in message.body
    attachments = {name: content for name, content, _mimetype in message.attachments}
    expected = segno.make(door.checkin_url(participant), error="m").matrix
    assert qr_matrix_of_png(attachments[filename]) == expected


def test_a_waitlisted_registration_email_has_no_qr_code(workshop_sessions):
    row = RegistrationFactory(session=workshop_sessions[0], status="waitlisted")

    message = registration_email(registration=row)

    assert message.attachments == [] and "QR code" not in message.body  # a token may hold "QR"


@pytest.mark.parametrize(
    ("language", "filename", "instruction"),
    [
        ("fr", "billet-qr.png", "montrez le QR code joint ou donnez votre nom."),
        ("en", "ticket-qr.png", "show the attached QR code or give your name."),
    ],
)
def test_the_acceptance_email_carries_the_qr_code_of_the_check_in_url(
    module_sessions, language, filename, instruction
):
    row = application(module_sessions, language=language)

    message = decision_email_for(application_id=row.pk, status="accepted")

    assert instruction in message.body
    attachments = {name: content for name, content, _mimetype in message.attachments}
    expected = segno.make(door.checkin_url(row), error="m").matrix
    assert qr_matrix_of_png(attachments[filename]) == expected


def test_a_refusal_email_has_no_qr_code(module_sessions):
    row = application(module_sessions, status="declined")

    message = decision_email_for(application_id=row.pk, status="declined")

    assert message.attachments == [] and "QR code" not in message.body  # a token may hold "QR"


def test_the_registration_manage_page_shows_the_qr_code_when_confirmed(
    client, participant, workshop_sessions, frozen_now
):
    html = client.get(participant.get_absolute_url()).content.decode()
    waiting = RegistrationFactory(session=workshop_sessions[0], status="waitlisted")
    waiting_html = client.get(waiting.get_absolute_url()).content.decode()

    assert 'aria-label="QR code à montrer à l’entrée"' in html
    assert door.qr_svg(participant) in html
    assert "booking-ticket" not in waiting_html and waiting.checkin_code not in waiting_html


def test_bookings_keep_their_own_check_in(box_office, shared_site):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Film", slug="film")
    session = SessionFactory(page=page, start=DAY_ONE, venue=shared_site.venue, places=10)
    booking = BookingFactory(session=session)
    with on(DAY_ONE):
        box_office.post(checkin_path(booking), {"action": "check_in"})

    booking.refresh_from_db()
    assert booking.checked_in_at is not None and not Attendance.objects.exists()


# The per-session register, for funders' reports


def register_of(client, session):
    return client.get(reverse("event_sessions:register", args=[session.pk]))


def register_lines(response):
    import csv
    import io

    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.fixture
def screening_session(shared_site):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Film", slug="film-reg")
    return SessionFactory(page=page, start=DAY_ONE, venue=shared_site.venue, places=10)


def test_the_register_lists_who_was_expected_and_who_came_for_each_kind(
    client, participant, trainee, workshop_sessions, module_sessions, screening_session
):
    client.force_login(
        staff_user("view_booking", "view_registration", "view_application", username="reports")
    )
    BookingFactory(session=screening_session, first_name="Ana", last_name="Ruiz", seats=3)
    BookingFactory(session=screening_session, status="waitlisted", first_name="Non")
    RegistrationFactory(session=workshop_sessions[0], child_first_name="Zoé")
    with on(DAY_ONE):
        services_check_in(participant)
        services_check_in(trainee)

    workshop = register_lines(register_of(client, workshop_sessions[0]))
    module = register_lines(register_of(client, module_sessions[0]))
    module_day_two = register_lines(register_of(client, module_sessions[1]))
    screening = register_lines(register_of(client, screening_session))

    assert workshop[0] == [
        "Event", "Session starts at", "Kind", "Name", "Email", "Places", "Came", "Checked in at"
    ]  # fmt: skip
    assert [line[3:7] for line in workshop[1:]] == [
        ["Lou (Sam Roy)", participant.email, "1", "yes"],
        ["Zoé (Camille Martin)", workshop[2][4], "1", "no"],
    ]
    assert workshop[1][7] == "2026-11-25 13:00" and workshop[2][7] == ""
    assert [line[2:7] for line in module[1:]] == [
        ["Trainees", "Inès Moreau", trainee.email, "1", "yes"]
    ]
    assert [line[6] for line in module_day_two[1:]] == ["no"]
    assert [line[3:7] for line in screening[1:]] == [["Ana Ruiz", screening[1][4], "3", "no"]]


def test_the_register_shows_only_the_kinds_the_user_may_view(
    client, participant, screening_session, workshop_sessions
):
    BookingFactory(session=screening_session, first_name="Ana", last_name="Ruiz")
    client.force_login(staff_user("view_booking", username="boxoffice"))

    screening = register_lines(register_of(client, screening_session))
    workshop = register_lines(register_of(client, workshop_sessions[0]))

    assert [line[3] for line in screening[1:]] == ["Ana Ruiz"]
    assert workshop[1:] == []  # the children's names need the registrations permission


def test_the_register_is_refused_without_a_view_permission(client, participant, workshop_sessions):
    client.force_login(staff_user("check_in_booking", username="door-only"))

    response = register_of(client, workshop_sessions[0])

    assert response.status_code == 403 and b"Lou" not in response.content


def test_anonymous_visitors_get_no_register(client, participant, workshop_sessions):
    response = register_of(client, workshop_sessions[0])

    assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_register_answers_in_french_to_french_staff(client, trainee, module_sessions):
    client.force_login(staff_user("view_application", username="rapports", language="fr"))

    lines = register_lines(register_of(client, module_sessions[0]))

    assert lines[0][2] == "Type" and lines[1][2] == "Stagiaires" and lines[1][6] == "non"


def services_check_in(row):
    from events.services import reservation_check_in

    return reservation_check_in(reservation=row)
