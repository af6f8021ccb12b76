"""The residents' review workflow and its task are named in the admin user's language
wherever Wagtail prints them: the reviewer's dashboard, the page's status, the history,
the workflow's own screens and the emails (core.workflow_names)."""

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, Workflow
from wagtail.users.models import UserProfile

from residents import services
from tests.residents.admin_client import edit_form_data
from tests.residents.factories import ProjectPageFactory, ResidentPageFactory

# How Wagtail's history quotes a name in each language.
QUOTED = {"fr": "« {} »", "en": "'{}'"}
NAMES = {
    "fr": ("Relecture des résidents", "Relecture par l’équipe de programmation"),
    "en": ("Resident review", "Programme team review"),
}


@pytest.fixture(autouse=True)
def emails_leave_at_once(monkeypatch):
    monkeypatch.setattr(
        "core.mail.transaction.on_commit", lambda func, using=None, robust=False: func()
    )


def speaks(user, language: str):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def admin_user(username: str, group: str, language: str):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name=group))
    return speaks(user, language)


def superuser(language: str):
    users = get_user_model().objects
    return speaks(users.create_superuser(f"root-{language}", "r@example.org", "x"), language)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def submitted(bilingual_site):
    """A French resident's project submitted for review, and a reviewer of each
    language."""
    reviewers = {lang: admin_user(f"prog-{lang}", "Programme team", lang) for lang in NAMES}
    page = ResidentPageFactory(parent=bilingual_site.residents, name="Ana Ruiz")
    account = services.resident_invite(
        name="Ana Ruiz", email="ana@example.org", language="fr", page=page
    )
    project = ProjectPageFactory(parent=account.page, owner=account.user, title="Capsules")
    resident = client_for(account.user)
    mail.outbox.clear()
    data = edit_form_data(resident, project)
    resident.post(
        reverse("wagtailadmin_pages:edit", args=[project.pk]),
        {**data, "title": "Capsules d'usine", "action-submit": "1"},
    )
    project = Page.objects.get(pk=project.pk)
    assert project.workflow_in_progress
    return {"project": project, "reviewers": reviewers, "resident": resident}


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return re.sub(r"\s+", " ", html.unescape(response.content.decode()))


def other(language: str) -> str:
    return "en" if language == "fr" else "fr"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_reviewer_reads_the_review_in_their_language(submitted, language):
    workflow_name, task_name = NAMES[language]
    project = submitted["project"]
    reviewer = client_for(submitted["reviewers"][language])
    state = project.current_workflow_state

    screens = {
        "dashboard": reviewer.get(reverse("wagtailadmin_home")),
        "editor status": reviewer.get(reverse("wagtailadmin_pages:edit", args=[project.pk])),
        "history": reviewer.get(reverse("wagtailadmin_pages:history", args=[project.pk])),
        "workflow history": reviewer.get(
            reverse("wagtailadmin_pages:workflow_history", args=[project.pk])
        ),
        "workflow history detail": reviewer.get(
            reverse("wagtailadmin_pages:workflow_history_detail", args=[project.pk, state.pk])
        ),
    }
    # Only administrators manage workflows and tasks.
    admin = client_for(superuser(language))
    screens["workflows"] = admin.get(reverse("wagtailadmin_workflows:index"))
    screens["tasks"] = admin.get(reverse("wagtailadmin_workflows:task_index"))
    shown = {screen: text(response) for screen, response in screens.items()}

    assert task_name in shown["dashboard"]
    assert workflow_name in shown["editor status"]
    # "'…' started. Next step '…'"
    assert QUOTED[language].format(workflow_name) in shown["history"]
    assert QUOTED[language].format(task_name) in shown["history"]
    assert workflow_name in shown["workflow history"]
    assert task_name in shown["workflow history detail"]
    assert workflow_name in shown["workflows"] and task_name in shown["workflows"]
    assert task_name in shown["tasks"]
    for screen, page_text in shown.items():
        for name in NAMES[other(language)]:
            assert name not in page_text, f"{name!r} on the {screen} in {language}"


def test_each_reviewer_is_emailed_in_their_own_language(submitted):
    emails = {
        language: [m for m in mail.outbox if user.email in m.to]
        for language, user in submitted["reviewers"].items()
    }
    for language, messages in emails.items():
        assert messages, language
        words = " ".join(f"{m.subject} {m.body}" for m in messages)
        assert NAMES[language][1] in words
        for name in NAMES[other(language)]:
            assert name not in words


def test_a_change_sent_back_is_named_in_the_residents_language(submitted):
    project = submitted["project"]
    reviewer = client_for(submitted["reviewers"]["en"])
    task_state = project.current_workflow_state.current_task_state
    reviewer.post(
        reverse("wagtailadmin_pages:workflow_action", args=[project.pk, "reject", task_state.pk]),
        {"comment": "A wider image, please."},
    )
    english = text(reviewer.get(reverse("wagtailadmin_pages:history", args=[project.pk])))
    french = text(
        submitted["resident"].get(reverse("wagtailadmin_pages:history", args=[project.pk]))
    )
    assert "Rejected at 'Programme team review'" in english
    assert "Rejeté à « Relecture par l’équipe de programmation »" in french
    assert "Programme team review" not in french


def test_the_names_are_stored_once_whatever_language_saves_them(submitted):
    workflow = Workflow.objects.get(name=services.REVIEW_WORKFLOW)
    form = client_for(superuser("fr")).get(
        reverse("wagtailadmin_workflows:edit", args=[workflow.pk])
    )
    assert 'value="Relecture des résidents"' in form.content.decode()

    workflow.name = "Relecture des résidents"  # the French form sent back unchanged
    workflow.save()
    workflow.deactivate()  # Wagtail saves the instance it loaded
    assert Workflow.objects.filter(name="Resident review").count() == 1
    assert not Workflow.objects.filter(name="Relecture des résidents").exists()
    log = PageLogEntry.objects.filter(action="wagtail.workflow.start").values("data").get()
    assert log["data"]["workflow"]["title"] == "Resident review"
    assert log["data"]["workflow"]["next"]["title"] == "Programme team review"
    services.review_workflow()
    assert Workflow.objects.filter(name="Resident review").count() == 1
