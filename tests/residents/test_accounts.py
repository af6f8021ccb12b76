"""Resident accounts through the admin and the emailed link: invitation, review
workflow and its emails, direct publishing, end of residency and its undoing."""

import json
import re
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core import mail, signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.models import Page

from residents import services
from residents.models import ResidentAccount
from tests.residents.admin_client import edit_form_data
from tests.residents.factories import ProjectPageFactory, ResidentPageFactory

PASSWORD = "un-mot-de-passe-solide"


@pytest.fixture
def programme_user(db):
    user = get_user_model().objects.create_user("prog", "prog@fabrique.example", "x")
    user.groups.add(Group.objects.get(name="Programme team"))
    return user


@pytest.fixture
def staff_client(programme_user):
    client = Client()
    client.force_login(programme_user)
    return client


@pytest.fixture(autouse=True)
def emails_leave_at_once(monkeypatch):
    """Each test runs inside a transaction that never commits: send queued emails as
    soon as they are queued, as a commit would."""
    monkeypatch.setattr(
        "core.mail.transaction.on_commit", lambda func, using=None, robust=False: func()
    )


@pytest.fixture
def account(bilingual_site, programme_user):
    page = ResidentPageFactory(parent=bilingual_site.residents, name="Ana Ruiz")
    account = services.resident_invite(
        name="Ana Ruiz", email="ana@example.org", language="fr", page=page
    )
    mail.outbox.clear()
    return account


def invitation_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S*invitation/\S+/)", message.body).group(1)


def test_programme_team_invites_a_resident_who_gets_a_french_link(staff_client, bilingual_site):
    response = staff_client.post(
        reverse("resident_accounts:invite"),
        {"name": "Bo Chen", "email": "Bo@Example.org", "language": "fr", "disciplines": []},
    )
    account = ResidentAccount.objects.get()
    assert response.status_code == 302
    assert account.user.username == "bo@example.org"
    assert not account.user.has_usable_password()
    assert account.user.wagtail_userprofile.preferred_language == "fr"
    assert account.page.get_parent().pk == bilingual_site.residents.pk
    assert not account.page.live  # a draft for the resident to fill in
    (message,) = mail.outbox
    assert message.to == ["bo@example.org"]
    assert message.subject == "Vos pages de résident à la Fabrique"
    assert invitation_path(message).startswith("/invitation/")


def test_the_same_email_cannot_be_invited_twice(staff_client, account):
    response = staff_client.post(
        reverse("resident_accounts:invite"),
        {"name": "Autre", "email": "ANA@example.org", "language": "en"},
    )
    assert response.status_code == 200
    assert "Un compte utilise déjà cette adresse" in response.content.decode()
    assert ResidentAccount.objects.count() == 1


def test_box_office_cannot_invite(client, db):
    user = get_user_model().objects.create_user("guichet", "g@fabrique.example", "x")
    user.groups.add(Group.objects.get(name="Box office"))
    client.force_login(user)
    response = client.post(
        reverse("resident_accounts:invite"),
        {"name": "X", "email": "x@example.org", "language": "fr"},
    )
    assert response.status_code == 403
    assert not ResidentAccount.objects.exists()


def test_the_invitation_link_works_once(client, staff_client, account):
    staff_client.post(reverse("resident_accounts:resend", args=[account.pk]))
    path = invitation_path(mail.outbox[-1])
    client.logout()
    page = client.get(path)
    assert page.status_code == 200
    assert "Choisissez votre mot de passe" in page.content.decode()

    response = client.post(path, {"new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert client.get(reverse("wagtailadmin_home")).status_code == 200  # logged in
    account.user.refresh_from_db()
    assert account.user.check_password(PASSWORD)

    client.logout()
    again = client.get(path)
    assert again.status_code == 410
    assert "Ce lien ne fonctionne plus" in again.content.decode()
    assert client.post(path, {"new_password1": "x1", "new_password2": "x1"}).status_code == 410


def test_the_invitation_link_expires_after_seven_days(client, account):
    services.resident_send_invitation(account=account)
    path = invitation_path(mail.outbox[-1])
    with time_machine.travel(timezone.now() + timedelta(days=7, minutes=1)):
        assert client.get(path).status_code == 410
    with time_machine.travel(timezone.now() + timedelta(days=6, hours=23)):
        assert client.get(path).status_code == 200


def test_a_forged_link_is_refused(client, account):
    assert client.get("/invitation/not-a-token/").status_code == 410


def test_a_link_of_the_old_format_says_it_no_longer_works(client, account):
    # Links emailed before the move to Django's token generator were signed values.
    old = signing.dumps([account.user.pk, "0" * 24], salt="residents.invitation")
    response = client.get(f"/invitation/{old}/")
    assert response.status_code == 410
    assert "Ce lien ne fonctionne plus" in response.content.decode()


def test_a_password_reset_token_does_not_open_an_invitation(client, account):
    uidb64 = urlsafe_base64_encode(force_bytes(account.user.pk))
    reset = default_token_generator.make_token(account.user)
    assert client.get(f"/invitation/{uidb64}.{reset}/").status_code == 410
    assert client.get("/invitation/%C3%A9.1-2/").status_code == 410


def test_the_link_stops_working_when_the_account_is_deactivated(client, account):
    services.resident_send_invitation(account=account)
    path = invitation_path(mail.outbox[-1])
    assert client.get(path).status_code == 200
    get_user_model().objects.filter(pk=account.user.pk).update(is_active=False)
    assert client.get(path).status_code == 410


def test_an_english_resident_is_invited_in_english(bilingual_site, client):
    services.resident_invite(
        name="Jo Smith", email="jo@example.org", language="en", index_page=bilingual_site.residents
    )
    (message,) = mail.outbox
    assert message.subject == "Your resident pages at Fabrique"
    path = invitation_path(message)
    assert path.startswith("/en/invitation/")
    assert "Choose your password" in client.get(path).content.decode()


def test_a_weak_password_is_refused_in_the_page_language(client, account):
    services.resident_send_invitation(account=account)
    path = invitation_path(mail.outbox[-1])
    response = client.post(path, {"new_password1": "abc", "new_password2": "abc"})
    assert response.status_code == 200
    assert "Ce mot de passe est trop court" in response.content.decode()


@pytest.fixture
def resident_client(account, client):
    account.user.set_password(PASSWORD)
    account.user.save()
    client.force_login(account.user)
    return client


@pytest.fixture
def project(account):
    return ProjectPageFactory(parent=account.page, owner=account.user, title="Capsules")


def test_a_submitted_change_is_reviewed_with_emails_both_ways(
    resident_client, project, programme_user
):
    data = edit_form_data(resident_client, project)
    edit_url = reverse("wagtailadmin_pages:edit", args=[project.pk])
    resident_client.post(edit_url, {**data, "title": "Capsules d'usine", "action-submit": "1"})
    project.refresh_from_db()
    assert project.workflow_in_progress
    assert project.title == "Capsules"  # not live before review
    (to_reviewers,) = [m for m in mail.outbox if programme_user.email in m.to]
    assert "Capsules d'usine" in to_reviewers.subject

    home = resident_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "En attente de la relecture" in home

    reviewer = Client()
    reviewer.force_login(programme_user)
    task_state = project.current_workflow_state.current_task_state
    mail.outbox.clear()
    reviewer.post(
        reverse("wagtailadmin_pages:workflow_action", args=[project.pk, "reject", task_state.pk]),
        {"comment": "Une image plus large, s'il vous plaît."},
    )
    (to_resident,) = mail.outbox
    assert to_resident.to == ["ana@example.org"]
    home = resident_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Modifications demandées" in home
    assert "Une image plus large, s&#x27;il vous plaît." in home

    resident_client.post(edit_url, {**data, "title": "Capsules d'usine", "action-submit": "1"})
    task_state = Page.objects.get(pk=project.pk).current_workflow_state.current_task_state
    mail.outbox.clear()
    reviewer.post(
        reverse("wagtailadmin_pages:workflow_action", args=[project.pk, "approve", task_state.pk])
    )
    project.refresh_from_db()
    assert project.title == "Capsules d'usine"
    assert any(m.to == ["ana@example.org"] for m in mail.outbox)


def test_a_trusted_resident_publishes_directly(resident_client, staff_client, account, project):
    data = edit_form_data(resident_client, project)
    edit_url = reverse("wagtailadmin_pages:edit", args=[project.pk])
    resident_client.post(edit_url, {**data, "title": "Refusé", "action-publish": "1"})
    project.refresh_from_db()
    assert project.title == "Capsules"

    staff_client.post(reverse("resident_accounts:publishing", args=[account.pk]), {"allowed": "1"})
    resident_client.post(edit_url, {**data, "title": "Publié", "action-publish": "1"})
    project.refresh_from_db()
    assert project.title == "Publié"


def menu_names(response) -> set[str]:
    """The names of the admin menu's items, from the sidebar's JSON."""
    soup = BeautifulSoup(response.content, "html.parser")
    props = json.loads(soup.find("script", id="wagtail-sidebar-props").string)
    names = set()

    def walk(node):
        if isinstance(node, dict):
            if str(node.get("_type", "")).endswith("MenuItem"):
                names.update(
                    a["name"]
                    for a in node["_args"]
                    if isinstance(a, dict) and isinstance(a.get("name"), str)
                )
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props)
    return names


def test_a_resident_sees_their_pages_and_a_menu_of_what_they_can_use(
    resident_client, staff_client, project
):
    response = resident_client.get(reverse("wagtailadmin_home"))
    content = response.content.decode()
    assert "Vos pages" in content
    assert "Capsules" in content
    assert "Écrire une bonne page de projet" in content
    # Besides their account and logging out:
    assert menu_names(response) - {"account", "logout"} == {"explorer", "images", "documents"}
    staff_menu = menu_names(staff_client.get(reverse("wagtailadmin_home")))
    assert {"explorer", "reports", "help", "resident-accounts"} <= staff_menu


def test_ending_a_residency_keeps_pages_marked_and_can_be_undone(
    staff_client, account, project, client
):
    account.page.save_revision().publish()
    response = staff_client.post(
        reverse("resident_accounts:end", args=[account.pk]), {"pages": "keep"}
    )
    assert response.status_code == 302
    account.refresh_from_db()
    account.user.refresh_from_db()
    assert not account.user.is_active
    public = client.get(account.page.url)
    assert "Ancien·ne résident·e" in public.content.decode()
    assert not client.login(username="ana@example.org", password=PASSWORD)

    staff_client.post(reverse("resident_accounts:restore", args=[account.pk]))
    account.user.refresh_from_db()
    assert account.user.is_active
    assert "Ancien·ne résident·e" not in client.get(account.page.url).content.decode()


def test_ending_a_residency_can_unpublish_and_undoing_republishes(staff_client, account, project):
    account.page.save_revision().publish()
    staff_client.post(reverse("resident_accounts:end", args=[account.pk]), {"pages": "unpublish"})
    assert not Page.objects.filter(pk__in=[account.page.pk, project.pk], live=True).exists()

    staff_client.post(reverse("resident_accounts:end", args=[account.pk]), {"pages": "keep"})
    staff_client.post(reverse("resident_accounts:restore", args=[account.pk]))
    assert Page.objects.filter(pk__in=[account.page.pk, project.pk], live=True).count() == 2


def test_ending_a_residency_with_a_made_up_choice_is_a_400(staff_client, account):
    response = staff_client.post(
        reverse("resident_accounts:end", args=[account.pk]), {"pages": "x"}
    )
    assert response.status_code == 400
    account.refresh_from_db()
    assert not account.is_former


@pytest.mark.parametrize(
    ("language", "save", "submit", "guide"),
    [
        (
            "fr",
            "Enregistrer le brouillon",
            "Soumettre pour relecture",
            "ouvrez le menu à côté du bouton « Enregistrer le brouillon » "
            "et choisissez « Soumettre pour relecture »",
        ),
        (
            "en",
            "Save draft",
            "Submit for review",
            "open the menu beside the “Save draft” button and choose “Submit for review”",
        ),
    ],
)
def test_the_guide_names_the_editors_buttons_as_they_read_in_the_users_language(
    resident_client, account, project, language, save, submit, guide
):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(account.user)
    profile.preferred_language = language
    profile.save()

    editor = resident_client.get(reverse("wagtailadmin_pages:edit", args=[project.pk]))
    home = resident_client.get(reverse("wagtailadmin_home")).content.decode()

    buttons = [
        re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", label)).strip()
        for label in re.findall(r"<button[^>]*>(.*?)</button>", editor.content.decode(), re.S)
    ]
    assert save in buttons and submit in buttons
    assert "Resident review" not in editor.content.decode()
    assert guide in re.sub(r"\s+", " ", home)
