"""Partner groups on workshop sessions, through the real views: the request linked from
a workshop page (a series asks for its first session: the group comes to every one),
the quota, staff's answers in the admin, the contact's manage page; accepted groups
take workshop places as confirmed registrations do, and public registrations made on
the workshop page count them."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import translation

from partners.models import GroupRequest
from tests.conftest import paris, publish_translation
from tests.events.factories import SessionFactory
from tests.workshops.factories import RegistrationFactory, WorkshopPageFactory
from workshops.registrations import Registration

FIRST = paris(2026, 12, 2, 14)


@pytest.fixture(autouse=True)
def quota(settings):
    settings.PARTNER_GROUP_QUOTA = 20


@pytest.fixture
def series(shared_site, frozen_now):
    """Three Wednesdays attended together: 8 places, as its smallest session has."""
    page = WorkshopPageFactory(
        parent=shared_site.programme, title="Stop motion", slug="stop", is_series=True
    )
    for week, places in enumerate((10, 8, 12)):
        SessionFactory(
            page=page, start=FIRST + timedelta(weeks=week), venue=shared_site.venue, places=places
        )
    return page


@pytest.fixture
def drop_in(shared_site, frozen_now):
    """Two sessions attended separately, 10 places each."""
    page = WorkshopPageFactory(parent=shared_site.programme, title="Initiation", slug="init")
    for week in range(2):
        SessionFactory(
            page=page, start=FIRST + timedelta(weeks=week), venue=shared_site.venue, places=10
        )
    return page


@pytest.fixture
def box_office(shared_site):
    user = get_user_model().objects.create_user("guichet", "guichet@example.org", "x")
    user.groups.add(Group.objects.get(name="Box office"))
    return user


def sessions(page):
    return list(page.get_sessions())


def request_url(page):
    with translation.override(page.locale.language_code):
        return reverse("group_request_workshop", kwargs={"page_id": page.pk})


def group_data(session, **changes):
    data = {
        "session": str(session.pk),
        "organisation_name": "Centre social des Tilleuls",
        "contact_name": "M. Haddad",
        "email": "haddad@tilleuls.example",
        "phone": "01 23 45 67 89",
        "people": "5",
        "adults": "1",
        "access_needs": "",
        "website": "",
    }
    data.update(changes)
    return data


def make_group(session, **fields):
    values = {
        "session": session,
        "organisation_name": "Centre social des Tilleuls",
        "contact_name": "M. Haddad",
        "email": "haddad@tilleuls.example",
        "phone": "0123",
        "people": 5,
        "adults": 1,
        "language": "fr",
    }
    values.update(fields)
    return GroupRequest.objects.create(**values)


def register(client, page, n, session=None):
    """A guardian registers a child on the workshop page, as the public does."""
    data = {
        "action": "register",
        "guardian_first_name": "Camille",
        "guardian_last_name": "Martin",
        "email": f"famille{n}@public.example",
        "phone": "06 12 34 56 78",
        "child_first_name": f"Enfant{n}",
        "child_birth_date": "2016-05-01",
        "participation_consent": "on",
        "website": "",
    }
    if session is not None:
        data["session"] = str(session.uid)
    client.post(page.url, data)
    return Registration.objects.get(email=f"famille{n}@public.example")


def staff_answer(client, group, action, capture, **data):
    url = reverse("group_admin:detail", args=[group.pk])
    with capture(execute=True):
        return client.post(url, {"action": action, **{f"{action}-{k}": v for k, v in data.items()}})


def manage_link(message) -> str:
    return re.search(r"https?://\S+/(?:groupes|groups)/\S+/", message.body).group(0)


def test_the_workshop_page_links_to_the_group_request(client, series):
    html = client.get(series.url).content.decode()
    assert request_url(series) in html
    assert request_url(series).startswith("/groupes/atelier/")


def test_a_series_takes_a_group_request_for_its_first_session_only(
    client, series, mailoutbox, django_capture_on_commit_callbacks
):
    first, second, _third = sessions(series)
    html = client.get(request_url(series)).content.decode()
    assert "votre groupe vient à toutes les séances" in html
    assert f'value="{first.pk}"' in html and f'value="{second.pk}"' not in html

    refused = client.post(request_url(series), group_data(second))
    assert refused.status_code == 400 and GroupRequest.objects.count() == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(request_url(series), group_data(first))
    group = GroupRequest.objects.get()
    assert response["Location"] == group.get_absolute_url()
    assert (group.session, group.status, group.size) == (first, "pending", 6)
    assert "Demande de groupe reçue : Stop motion" in mailoutbox[0].subject
    assert "Un cycle : le groupe vient à toutes les séances." in mailoutbox[0].body
    page = client.get(manage_link(mailoutbox[0])).content.decode()
    assert "Atelier" in page and "Stop motion" in page


def test_a_group_over_the_quota_is_refused_in_english_and_nothing_recorded(
    client, drop_in, mailoutbox, settings
):
    settings.PARTNER_GROUP_QUOTA = 6
    english = publish_translation(drop_in, title="Introduction")
    first, _second = sessions(drop_in)

    response = client.post(request_url(english), group_data(first, people="6", adults="1"))

    assert response.status_code == 400
    body = response.content.decode()
    assert "at most 6 places" in body and "the group of 7 does not fit" in body
    assert GroupRequest.objects.count() == 0 and mailoutbox == []


def test_an_accepted_group_takes_places_public_registrations_then_wait(
    client, drop_in, box_office, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = sessions(drop_in)
    RegistrationFactory.create_batch(2, session=first)
    group = make_group(first, people=6, adults=1)
    client.force_login(box_office)
    detail = client.get(reverse("group_admin:detail", args=[group.pk])).content.decode()
    assert re.search(r"Places restantes sur la séance</dt><dd>8<", detail)

    staff_answer(client, group, "accept", django_capture_on_commit_callbacks)

    group.refresh_from_db()
    assert group.status == "accepted"
    assert "Places de groupe réservées : Initiation" in mailoutbox[0].subject
    public = client.__class__()
    assert re.search(r"— 1 places? restantes?", public.get(drop_in.url).content.decode())
    assert register(public, drop_in, 1, session=first).status == "confirmed"
    assert register(public, drop_in, 2, session=first).status == "waitlisted"
    # The other session is untouched by the group.
    assert register(public, drop_in, 3, session=second).status == "confirmed"


def test_a_group_on_a_series_takes_a_place_in_every_session(
    client, series, box_office, django_capture_on_commit_callbacks
):
    first, second, third = sessions(series)
    group = make_group(first, people=5, adults=1)
    client.force_login(box_office)
    staff_answer(client, group, "accept", django_capture_on_commit_callbacks)
    group.refresh_from_db()
    assert group.status == "accepted"

    # 8 places in the series (its smallest session), 6 held by the group.
    public = client.__class__()
    assert "2 places restantes." in public.get(series.url).content.decode()
    statuses = [register(public, series, n).status for n in range(3)]
    assert statuses == ["confirmed", "confirmed", "waitlisted"]


def test_staff_cannot_accept_a_group_the_registrations_leave_no_room_for(
    client, series, box_office, mailoutbox, django_capture_on_commit_callbacks
):
    first = sessions(series)[0]
    RegistrationFactory.create_batch(3, session=first, covers_series=True)
    group = make_group(first, people=5, adults=1)  # 6 > 8 - 3
    client.force_login(box_office)

    response = staff_answer(client, group, "accept", django_capture_on_commit_callbacks)

    group.refresh_from_db()
    assert group.status == "pending" and mailoutbox == []
    assert "pas assez de places" in client.get(response["Location"]).content.decode()


def test_staff_decline_a_workshop_group_and_hold_nothing(
    client, drop_in, box_office, mailoutbox, django_capture_on_commit_callbacks
):
    first, _second = sessions(drop_in)
    group = make_group(first, people=9, adults=1)
    client.force_login(box_office)

    staff_answer(client, group, "decline", django_capture_on_commit_callbacks, message="Complet.")

    group.refresh_from_db()
    assert group.status == "declined"
    assert "Demande de groupe déclinée : Initiation" in mailoutbox[0].subject
    assert "10 places restantes" in client.__class__().get(drop_in.url).content.decode()


def test_another_workshop_date_offered_then_taken_by_the_contact(
    client, drop_in, box_office, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = sessions(drop_in)
    group = make_group(first, people=8, adults=1)
    client.force_login(box_office)
    staff_answer(client, group, "offer", django_capture_on_commit_callbacks, session=str(second.pk))
    group.refresh_from_db()
    assert (group.status, group.offered_session_id) == ("offered", second.pk)
    assert "Une autre date pour votre groupe : Initiation" in mailoutbox[0].subject

    contact = client.__class__()
    with django_capture_on_commit_callbacks(execute=True):
        contact.post(manage_link(mailoutbox[0]), {"action": "take_offer"})

    group.refresh_from_db()
    assert (group.status, group.session_id) == ("accepted", second.pk)
    assert register(contact, drop_in, 1, session=second).status == "confirmed"
    assert register(contact, drop_in, 2, session=second).status == "waitlisted"
    assert register(contact, drop_in, 3, session=first).status == "confirmed"


def test_the_contact_cancels_and_the_workshop_waitlist_moves_up(
    client, series, mailoutbox, django_capture_on_commit_callbacks
):
    first = sessions(series)[0]
    group = make_group(first, status="accepted", people=7, adults=1)
    RegistrationFactory(session=first, covers_series=True)
    waiting = register(client, series, 1)
    assert waiting.status == "waitlisted"

    with django_capture_on_commit_callbacks(execute=True):
        client.post(group.get_absolute_url(), {"action": "cancel"})

    group.refresh_from_db()
    waiting.refresh_from_db()
    assert group.status == "cancelled"
    assert waiting.status == "confirmed"
    assert any("Demande de groupe annulée" in m.subject for m in mailoutbox)
