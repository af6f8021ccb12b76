"""Registrations in the admin: listed, filtered, exported and inspected by staff with
the view permission; hidden from other editors; changed by nobody."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Page

from tests.events.factories import SessionFactory
from tests.workshops.factories import RegistrationFactory, WorkshopPageFactory


@pytest.fixture
def registrations(shared_site):
    stop = WorkshopPageFactory(parent=shared_site.programme, title="Stop motion")
    other = WorkshopPageFactory(parent=shared_site.programme, title="Initiation")
    return (
        RegistrationFactory(
            session=SessionFactory(page=stop, venue=shared_site.venue),
            child_first_name="Lou",
            email="camille@example.org",
            notes="Allergie aux arachides",
        ),
        RegistrationFactory(
            session=SessionFactory(page=other, venue=shared_site.venue),
            child_first_name="Noé",
            email="sam@example.org",
            status="waitlisted",
        ),
    )


def staff(*codenames):
    user = get_user_model().objects.create_user("staff", "staff@example.org", "x")
    group = Group.objects.create(name="Workshop test staff")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    user.groups.add(group)
    return user


def test_staff_with_the_permission_list_filter_and_inspect(client, registrations):
    lou, noe = registrations
    client.force_login(staff("view_registration"))

    listing = client.get(reverse("workshop_registrations:index"))
    by_workshop = client.get(reverse("workshop_registrations:index"), {"workshop": lou.workshop_id})
    by_status = client.get(reverse("workshop_registrations:index"), {"status": "waitlisted"})
    inspect = client.get(reverse("workshop_registrations:inspect", args=[lou.pk]))

    assert listing.status_code == inspect.status_code == 200
    assert "camille@example.org" in listing.content.decode()
    assert "sam@example.org" in listing.content.decode()
    assert "sam@example.org" not in by_workshop.content.decode()
    assert "camille@example.org" not in by_status.content.decode()
    assert "Allergie aux arachides" in inspect.content.decode()
    assert lou.manage_token not in inspect.content.decode()


@pytest.mark.parametrize("export", ["csv", "xlsx"])
def test_staff_with_the_permission_export_the_listing(client, registrations, export):
    client.force_login(staff("view_registration"))

    response = client.get(reverse("workshop_registrations:index"), {"export": export})

    assert response.status_code == 200
    assert "workshop-registrations" in response["Content-Disposition"]
    if export == "csv":
        content = b"".join(response.streaming_content).decode()
        assert "camille@example.org" in content and "Noé" in content


def test_an_editor_without_the_permission_sees_no_personal_data(client, registrations):
    client.force_login(staff("add_page", "change_page"))

    for response in (
        client.get(reverse("workshop_registrations:index")),
        client.get(reverse("workshop_registrations:index"), {"export": "csv"}),
        client.get(reverse("workshop_registrations:inspect", args=[registrations[0].pk])),
    ):
        assert response.status_code in (302, 403)
        assert b"camille@example.org" not in response.content
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("workshop_registrations:index") not in menu


@pytest.mark.parametrize("name", ["workshop_registrations:edit", "workshop_registrations:delete"])
def test_not_even_a_superuser_edits_or_deletes_a_registration(client, registrations, name):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    lou = registrations[0]

    response = client.post(reverse(name, args=[lou.pk]), {"status": "cancelled"})

    assert response.status_code in (302, 403)
    lou.refresh_from_db()
    assert lou.status == "confirmed"


def test_a_workshop_with_registrations_cannot_be_deleted(client, registrations):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    page = registrations[0].workshop

    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert Page.objects.filter(pk=page.pk).exists()


def test_the_listing_costs_the_same_queries_however_many_registrations(
    client, registrations, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(staff("view_registration"))
    url = reverse("workshop_registrations:index")
    client.get(url)  # warm the caches (permissions, site, locale)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    session = registrations[0].session
    for _n in range(5):
        RegistrationFactory(session=SessionFactory(page=session.page.specific))

    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert response.content.decode().count("@example.org") >= 7
