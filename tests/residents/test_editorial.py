"""Editorial flags are for staff (residents.editorial): featured on the home page, shown
in the menus, restricted by password or login. Through the real page editor and
privacy dialog, as a resident trusted to publish, a resident under review and the
programme team."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from residents import services
from residents.models import ResidentPage
from tests.residents.admin_client import edit_form_data
from tests.residents.factories import ProjectPageFactory, ResidentPageFactory

FLAGS = {"featured": "on", "show_in_menus": "on"}


@pytest.fixture(autouse=True)
def emails_leave_at_once(monkeypatch):
    monkeypatch.setattr(
        "core.mail.transaction.on_commit", lambda func, using=None, robust=False: func()
    )


def resident(site, name, email, *, trusted):
    page = ResidentPageFactory(parent=site.residents, name=name)
    account = services.resident_invite(
        name=name, email=email, language="fr", page=page, publishes_directly=trusted
    )
    client = Client()
    client.force_login(account.user)
    return account, client


@pytest.fixture
def trusted(bilingual_site):
    return resident(bilingual_site, "Ana Ruiz", "ana@example.org", trusted=True)


@pytest.fixture
def under_review(bilingual_site):
    return resident(bilingual_site, "Bo Chen", "bo@example.org", trusted=False)


@pytest.fixture
def programme(db):
    user = get_user_model().objects.create_user("prog", "prog@fabrique.example", "x")
    user.groups.add(Group.objects.get(name="Programme team"))
    client = Client()
    client.force_login(user)
    return client


def editor_fields(client, page) -> set[str]:
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    form = BeautifulSoup(response.content, "html.parser").find("form", id="page-edit-form")
    return {field.get("name") for field in form.find_all(["input", "textarea", "select"])}


def post_edit(client, page, action, **changes):
    data = {**edit_form_data(client, page), **changes, action: "1"}
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_a_trusted_resident_neither_sees_nor_sets_the_flags_on_publishing(trusted):
    account, client = trusted
    page = account.page

    fields = editor_fields(client, page)
    response = post_edit(client, page, "action-publish", short_bio="Monteuse.", **FLAGS)

    assert {"featured", "show_in_menus"}.isdisjoint(fields)
    assert {"short_bio", "slug", "seo_title"} <= fields  # the rest of the tab stays
    assert response.status_code == 302
    page = ResidentPage.objects.get(pk=page.pk)
    assert page.live and page.short_bio == "Monteuse."  # published...
    assert (page.featured, page.show_in_menus) == (False, False)  # ...without the flags


def test_a_resident_under_review_cannot_slip_the_flags_into_a_submission(under_review, programme):
    account, client = under_review
    project = ProjectPageFactory(parent=account.page, owner=account.user)

    post_edit(client, account.page, "action-submit", short_bio="Monteur.", **FLAGS)
    post_edit(client, project, "action-submit", logline="Une usine.", show_in_menus="on")

    submitted = ResidentPage.objects.get(pk=account.page.pk)
    assert submitted.workflow_in_progress
    draft = submitted.get_latest_revision_as_object()
    assert draft.short_bio == "Monteur."
    assert (draft.featured, draft.show_in_menus) == (False, False)
    project_draft = Page.objects.get(pk=project.pk).get_latest_revision_as_object()
    assert project_draft.logline == "Une usine."
    assert project_draft.show_in_menus is False


def test_the_flags_staff_set_survive_a_residents_edit(trusted, programme):
    account, client = trusted
    page = account.page

    assert {"featured", "show_in_menus"} <= editor_fields(programme, page)
    post_edit(programme, page, "action-publish", **FLAGS)
    post_edit(client, page, "action-publish", short_bio="Réalisatrice.")

    page = ResidentPage.objects.get(pk=page.pk)
    assert page.short_bio == "Réalisatrice."
    assert (page.featured, page.show_in_menus) == (True, True)


def test_the_privacy_dialog_is_refused_to_a_trusted_resident(trusted, programme):
    account, client = trusted
    page = account.page
    page.save_revision().publish()
    privacy_url = reverse("wagtailadmin_pages:set_privacy", args=[page.pk])
    password = {"restriction_type": "password", "password": "entre-nous", "groups": []}

    editor = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    opened = client.get(privacy_url)
    posted = client.post(privacy_url, password)

    toggle = 'data-a11y-dialog-show="set-privacy"'
    assert toggle not in editor
    for refused in (opened, posted):  # Wagtail's answer: back to the dashboard, with why
        assert refused.status_code == 302
        assert refused["Location"] == reverse("wagtailadmin_home")
    assert not PageViewRestriction.objects.filter(page=page).exists()
    # The programme team may.
    staff_editor = programme.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert toggle in staff_editor.content.decode()
    assert programme.get(privacy_url).status_code == 200
    programme.post(privacy_url, password)
    assert PageViewRestriction.objects.filter(page=page, restriction_type="password").exists()
