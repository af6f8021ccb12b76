"""Partner groups through the real views: the request form linked from a screening
page (quota, bad input in the page's language, nothing recorded), staff's answers in
the admin (accept holds places counted by public bookings, decline, another date), and
the contact's manage page (accept the date offered, cancel), each change emailed."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from events import services as booking_services
from events.bookings import Booking
from events.models import Session
from partners.models import GroupRequest, PartnerOrganisation
from tests.conftest import paris, publish_translation
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory

START = paris(2026, 12, 2, 20)


@pytest.fixture
def screening(shared_site, frozen_now, settings):
    settings.PARTNER_GROUP_QUOTA = 20
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières", slug="ouv")
    SessionFactory(page=page, start=START, venue=shared_site.venue, places=30)
    SessionFactory(page=page, start=START + timedelta(days=7), venue=shared_site.venue, places=30)
    return page


@pytest.fixture
def english(screening):
    return publish_translation(screening, title="The Workers")


@pytest.fixture
def first(screening):
    return Session.objects.filter(page=screening).order_by("start").first()


@pytest.fixture
def second(screening):
    return Session.objects.filter(page=screening).order_by("start").last()


def request_url(page):
    with translation.override(page.locale.language_code):
        return reverse("group_request", kwargs={"page_id": page.pk})


def form_data(for_session, **changes):
    data = {
        "session": str(for_session.pk),
        "organisation_name": "Collège Jean Jaurès",
        "contact_name": "Mme Diallo",
        "email": "diallo@college.example",
        "phone": "01 23 45 67 89",
        "people": "12",
        "adults": "2",
        "access_needs": "Un élève en fauteuil",
        "website": "",
    }
    data.update(changes)
    return data


def post_request(client, page, data, capture):
    with capture(execute=True):
        return client.post(request_url(page), data)


@pytest.fixture
def box_office(shared_site):
    user = get_user_model().objects.create_user("guichet", "guichet@example.org", "x")
    user.groups.add(Group.objects.get(name="Box office"))
    return user


def manage_link(message) -> str:
    return re.search(r"https?://\S+/(?:groupes|groups)/\S+/", message.body).group(0)


def test_the_screening_page_links_to_the_group_request(client, screening, first):
    response = client.get(screening.url)
    assert request_url(screening) in response.content.decode()


def test_a_request_is_recorded_and_emailed_with_its_manage_link(
    client, screening, first, mailoutbox, django_capture_on_commit_callbacks
):
    PartnerOrganisation.objects.create(name="Collège Jean Jaurès", kind="school")
    response = post_request(client, screening, form_data(first), django_capture_on_commit_callbacks)

    group = GroupRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == group.get_absolute_url()
    assert (group.status, group.people, group.adults, group.language) == ("pending", 12, 2, "fr")
    assert group.organisation.name == "Collège Jean Jaurès"  # matched in the directory
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["diallo@college.example"]
    assert "Demande de groupe reçue" in mailoutbox[0].subject
    page = client.get(manage_link(mailoutbox[0]))
    assert "En attente de notre réponse" in page.content.decode()
    # Nothing held yet: the public still has every place.
    assert Session.objects.get(pk=first.pk).booked_seats == 0


def test_a_group_larger_than_the_quota_is_refused_in_french_and_nothing_recorded(
    client, screening, first, mailoutbox, django_capture_on_commit_callbacks
):
    response = post_request(
        client,
        screening,
        form_data(first, people="19", adults="2"),
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 400
    body = response.content.decode()
    assert "au plus 20 places" in body and "le groupe de 21" in body
    assert 'id="id_people_error"' in body or "id_people" in body
    assert GroupRequest.objects.count() == 0 and mailoutbox == []


def test_the_quota_counts_groups_already_accepted_and_answers_in_english(
    client, english, first, mailoutbox, django_capture_on_commit_callbacks
):
    GroupRequest.objects.create(
        session=first,
        organisation_name="Secours",
        contact_name="A",
        email="a@example.org",
        phone="1",
        people=15,
        adults=0,
        status="accepted",
        language="fr",
    )
    response = post_request(
        client,
        english,
        form_data(first, people="5", adults="1"),
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 400
    assert "at most 20 places" in response.content.decode()
    assert "5 remain" in response.content.decode()
    assert GroupRequest.objects.count() == 1 and mailoutbox == []


@pytest.mark.parametrize(
    "changes",
    [
        {"people": "0"},
        {"people": "douze"},
        {"adults": "-1"},
        {"email": "pas-un-email"},
        {"session": "999999"},
        {"organisation_name": ""},
        {"website": "http://spam.example"},
    ],
)
def test_bad_input_is_a_400_never_a_500_and_records_nothing(client, screening, first, changes):
    response = client.post(request_url(screening), form_data(first, **changes))
    assert response.status_code == 400
    assert "Votre demande n’a pas pu être enregistrée" in response.content.decode()
    assert GroupRequest.objects.count() == 0


def test_a_past_session_takes_no_group(client, screening, first, frozen_now):
    Session.objects.filter(pk=first.pk).update(start=frozen_now - timedelta(hours=1))
    response = client.post(request_url(screening), form_data(first))
    assert response.status_code == 400
    assert GroupRequest.objects.count() == 0


def make_group(session, **fields):
    values = {
        "session": session,
        "organisation_name": "Collège Jean Jaurès",
        "contact_name": "Mme Diallo",
        "email": "diallo@college.example",
        "phone": "0123",
        "people": 12,
        "adults": 2,
        "language": "en",
    }
    values.update(fields)
    return GroupRequest.objects.create(**values)


def staff_answer(client, group, action, capture, **data):
    url = reverse("group_admin:detail", args=[group.pk])
    with capture(execute=True):
        return client.post(url, {"action": action, **{f"{action}-{k}": v for k, v in data.items()}})


def test_staff_accept_holds_the_places_and_public_bookings_count_them(
    client, screening, first, box_office, mailoutbox, django_capture_on_commit_callbacks
):
    group = make_group(first)
    client.force_login(box_office)
    assert client.get(reverse("group_admin:index")).status_code == 200

    response = staff_answer(
        client, group, "accept", django_capture_on_commit_callbacks, message="Rendez-vous à 19h45."
    )

    assert response.status_code == 302
    group.refresh_from_db()
    assert group.status == "accepted"
    assert Session.objects.get(pk=first.pk).booked_seats == 14
    # In English, the language they asked in, with the staff's note and the manage link.
    assert "Group places held" in mailoutbox[0].subject
    assert "Rendez-vous à 19h45." in mailoutbox[0].body
    assert f"http://localhost/en/groups/{group.manage_token}/" in mailoutbox[0].body
    # The public sees and gets what is left: 30 places, 14 held.
    BookingFactory(session=first, seats=10)
    assert Session.objects.get(pk=first.pk).booked_seats == 24  # a recount keeps the group
    booking = booking_services.booking_create(
        session=first,
        first_name="A",
        last_name="B",
        email="late@example.org",
        seats=4,
        language="fr",
        terms_accepted=True,
    )
    assert booking.status == Booking.Status.CONFIRMED
    full = booking_services.booking_create(
        session=first,
        first_name="C",
        last_name="D",
        email="later@example.org",
        seats=4,
        language="fr",
        terms_accepted=True,
    )
    assert full.status == Booking.Status.WAITLISTED


def test_staff_cannot_accept_a_group_that_no_longer_fits(
    client, screening, first, box_office, mailoutbox, django_capture_on_commit_callbacks
):
    BookingFactory(session=first, seats=20)
    group = make_group(first)
    client.force_login(box_office)

    response = staff_answer(client, group, "accept", django_capture_on_commit_callbacks)

    group.refresh_from_db()
    assert group.status == "pending" and mailoutbox == []
    assert Session.objects.get(pk=first.pk).booked_seats == 20
    page = client.get(response["Location"]).content.decode()
    assert "pas assez de places" in page


def test_the_group_shows_in_the_places_left_on_the_public_page(client, screening, first):
    make_group(first, status="accepted", people=18, adults=2)
    booking_services.session_counters_sync(session_id=first.pk)
    page = client.get(screening.url).content.decode()
    assert "10 places" in page


def test_staff_decline_emails_the_contact_and_holds_nothing(
    client, screening, first, box_office, mailoutbox, django_capture_on_commit_callbacks
):
    group = make_group(first, language="fr")
    client.force_login(box_office)
    staff_answer(client, group, "decline", django_capture_on_commit_callbacks, message="Complet.")
    group.refresh_from_db()
    assert group.status == "declined"
    assert "Demande de groupe déclinée" in mailoutbox[0].subject
    assert Session.objects.get(pk=first.pk).booked_seats == 0


def test_another_date_offered_then_accepted_by_the_contact_holds_it(
    client, screening, first, second, box_office, mailoutbox, django_capture_on_commit_callbacks
):
    group = make_group(first)
    client.force_login(box_office)
    staff_answer(client, group, "offer", django_capture_on_commit_callbacks, session=str(second.pk))
    group.refresh_from_db()
    assert (group.status, group.offered_session_id) == ("offered", second.pk)
    assert "Another date for your group" in mailoutbox[0].subject
    link = manage_link(mailoutbox[0])

    contact = client.__class__()
    assert "Accept this date" in contact.get(link).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        contact.post(link, {"action": "take_offer"})

    group.refresh_from_db()
    assert (group.status, group.session_id) == ("accepted", second.pk)
    assert Session.objects.get(pk=second.pk).booked_seats == 14
    assert Session.objects.get(pk=first.pk).booked_seats == 0
    assert "Group places held" in mailoutbox[1].subject


def test_the_contact_cancels_and_the_places_go_back_to_the_waitlist(
    client, screening, first, mailoutbox, django_capture_on_commit_callbacks
):
    group = make_group(first, status="accepted", people=20, adults=0)
    BookingFactory(session=first, seats=10)
    waiting = BookingFactory(session=first, seats=4, status="waitlisted")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(group.get_absolute_url(), {"action": "cancel"})

    group.refresh_from_db()
    waiting.refresh_from_db()
    assert group.status == "cancelled"
    assert waiting.status == "confirmed"
    assert Session.objects.get(pk=first.pk).booked_seats == 14
    assert any("Group request cancelled" in m.subject for m in mailoutbox)


def test_a_wrong_manage_token_is_a_404(client, screening):
    assert client.get(reverse("group_manage", kwargs={"token": "nope"})).status_code == 404


def test_staff_without_the_bookings_permissions_are_refused(client, screening, first, shared_site):
    group = make_group(first)
    editor = get_user_model().objects.create_user("editrice", "e@example.org", "x")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    assert client.get(reverse("group_admin:detail", args=[group.pk])).status_code == 403
    assert (
        client.post(
            reverse("group_admin:detail", args=[group.pk]), {"action": "accept"}
        ).status_code
        == 403
    )
    group.refresh_from_db()
    assert group.status == "pending"


def test_the_partner_directory_is_in_the_admin(client, shared_site):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    PartnerOrganisation.objects.create(name="Secours populaire", kind="association")
    response = client.get(reverse("wagtailsnippets_partners_partnerorganisation:list"))
    assert "Secours populaire" in response.content.decode()


def test_contacts_are_erased_after_the_retention_period_and_the_numbers_kept(
    client, screening, first, frozen_now, settings
):
    settings.PERSONAL_DATA_RETENTION_DAYS = 30
    group = make_group(first, status="accepted")
    link = group.get_absolute_url()
    Session.objects.filter(pk=first.pk).update(
        start=frozen_now - timedelta(days=32), end=frozen_now - timedelta(days=31)
    )

    out = StringIO()
    call_command("anonymise_personal_data", stdout=out)

    group.refresh_from_db()
    assert (group.contact_name, group.phone, group.access_needs) == ("", "", "")
    assert group.email.endswith("@invalid.invalid")
    assert (group.organisation_name, group.size, group.status) == (
        "Collège Jean Jaurès",
        14,
        "accepted",
    )
    assert client.get(link).status_code == 404
    assert "Group contacts anonymised: 1" in out.getvalue()
