"""Bookings in the admin: listed, inspected and exported by staff allowed to, changed
by nobody."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Page

from tests.conftest import paris
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory


@pytest.fixture
def booking(shared_site):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières")
    session = SessionFactory(page=page, venue=shared_site.venue)
    return BookingFactory(session=session, first_name="Camille", email="camille@example.org")


def staff(*codenames):
    user = get_user_model().objects.create_user("staff", "staff@example.org", "x")
    group = Group.objects.create(name="Bookings viewers")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    user.groups.add(group)
    return user


def test_box_office_lists_and_inspects_bookings_without_the_token(client, booking):
    client.force_login(staff("view_booking"))

    listing = client.get(reverse("bookings:index"))
    inspect = client.get(reverse("bookings:inspect", args=[booking.pk]))

    assert listing.status_code == inspect.status_code == 200
    assert "camille@example.org" in listing.content.decode()
    assert "Camille" in inspect.content.decode()
    assert booking.manage_token not in inspect.content.decode()


def box_office_user():
    user = get_user_model().objects.create_user("guichet", "guichet@example.org", "x")
    user.groups.add(Group.objects.get(name="Box office"))
    return user


def test_the_box_office_exports_the_bookings_list_as_csv_with_a_row_each(client, booking):
    """The list's own export (``?export=csv``), with the list's filter applied: every
    booking a row, the session named, formulas written as text."""
    other = SessionFactory(page=booking.session.page, start=paris(2026, 12, 9, 20))
    BookingFactory(session=other, first_name="Ana", last_name="Ruiz", seats=2, access_needs="=1+1")
    BookingFactory(session=other, first_name="Gone", status="cancelled")
    client.force_login(box_office_user())

    response = client.get(reverse("bookings:index"), {"export": "csv"})
    confirmed = client.get(reverse("bookings:index"), {"export": "csv", "status": "confirmed"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="bookings.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row["Nom"] for row in rows] == [
        "Camille Martin",
        "Ana Ruiz",
        "Gone Martin",
    ]
    ana = rows[1]
    assert ana["Événement"] == "Les Ouvrières"
    assert ana["Début de la séance"] == "2026-12-09 20:00"
    assert ana["E-mail"].endswith("@example.org")
    assert ana["Places"] == "2"
    assert ana["Autres besoins d'accessibilité"] == "'=1+1"
    assert all(line.strip(",") for line in response.content.decode("utf-8-sig").splitlines())
    confirmed_rows = list(csv.DictReader(io.StringIO(confirmed.content.decode("utf-8-sig"))))
    assert [row["E-mail"] for row in confirmed_rows] == [rows[0]["E-mail"], ana["E-mail"]]


def test_the_bookings_list_offers_the_export_to_the_box_office(client, booking):
    client.force_login(box_office_user())

    listing = client.get(reverse("bookings:index"))

    assert "export=csv" in listing.content.decode()


def test_staff_without_the_permission_see_no_personal_data(client, booking):
    client.force_login(staff())

    response = client.get(reverse("bookings:index"))

    assert response.status_code in (302, 403)
    assert "camille@example.org" not in response.content.decode()


@pytest.mark.parametrize("name", ["bookings:edit", "bookings:delete"])
def test_not_even_a_superuser_edits_or_deletes_a_booking_here(client, booking, name):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)

    response = client.post(reverse(name, args=[booking.pk]), {"status": "cancelled"})

    assert response.status_code in (302, 403)
    booking.refresh_from_db()
    assert booking.status == "confirmed"


def test_nobody_adds_a_booking_here(client, booking):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    assert client.get(reverse("bookings:add")).status_code in (302, 403)


def test_a_page_whose_sessions_have_bookings_cannot_be_deleted(client, booking):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    page = booking.session.page

    response = client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert Page.objects.filter(pk=page.pk).exists()


def test_a_page_without_bookings_can_still_be_deleted(client, shared_site):
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)
    page = ScreeningPageFactory(parent=shared_site.programme)
    SessionFactory(page=page, venue=shared_site.venue)

    client.post(reverse("wagtailadmin_pages:delete", args=[page.pk]))

    assert not Page.objects.filter(pk=page.pk).exists()
