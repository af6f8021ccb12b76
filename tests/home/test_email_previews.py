"""Reports > Email previews: every email of the site, in both languages, for staff."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.urls import reverse

from events.bookings import Booking
from events.models import Session
from home.email_previews import email_previews

pytestmark = pytest.mark.django_db

EXPECTED = 17


def test_every_email_is_built_in_both_languages_and_nothing_is_left(bilingual_site):
    previews = email_previews(root=bilingual_site.home)
    assert {p.language for p in previews} == {"fr", "en"}
    assert len(previews) == 2 * EXPECTED
    for preview in previews:
        assert preview.subject and preview.text, preview.name
    assert Booking.objects.count() == 0
    assert Session.objects.count() == 0
    assert bilingual_site.home.get_children().count() == 2  # programme, residents
    assert mail.outbox == []


def admin_user(*codenames, username="staff"):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    group = Group.objects.create(name=username)
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    user.groups.add(group)
    return user


def test_staff_read_every_email_in_french_and_english_and_nothing_is_sent(
    client, bilingual_site
):
    client.force_login(get_user_model().objects.create_superuser("admin", "a@example.org", "x"))

    response = client.get(reverse("email_previews"))

    assert response.status_code == 200
    page = response.content.decode()
    previews = response.context["previews"]
    assert len(previews) == 2 * EXPECTED
    for language in ("fr", "en"):
        names = [p.name for p in previews if p.language == language]
        assert len(names) == EXPECTED
    # Subjects, text and the HTML part of each language, as built by the real builders.
    assert "Votre réservation : La Dernière Équipe" in page
    assert "Your booking: La Dernière Équipe" in page
    assert "Liste d&#x27;attente" in page or "Liste d'attente" in page
    assert "Waiting list: La Dernière Équipe" in page
    assert page.count('class="email-html"') == 2
    assert 'lang="fr"' in page and 'lang="en"' in page
    # The names are in the admin's language (French here).
    assert "Réservation confirmée (en)" in page
    assert mail.outbox == []
    assert Booking.objects.count() == 0


def test_staff_with_the_outgoing_email_permission_see_it_in_the_reports_menu(
    client, bilingual_site
):
    client.force_login(admin_user("view_dbtaskresult"))

    menu = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("email_previews") in menu
    assert client.get(reverse("email_previews")).status_code == 200


def test_editors_without_the_permission_and_visitors_are_refused(client, bilingual_site):
    anonymous = client.get(reverse("email_previews"))
    assert anonymous.status_code == 302
    assert anonymous.url.startswith(reverse("wagtailadmin_login"))

    client.force_login(admin_user("add_image", "change_image", username="editor"))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse("email_previews") not in menu
    refused = client.get(reverse("email_previews"))
    # Wagtail answers a refused admin page with a redirect to the dashboard.
    assert refused.status_code == 302
    assert refused.url == reverse("wagtailadmin_home")
