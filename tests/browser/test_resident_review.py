"""A resident edits a project and submits it; the programme team approves it; the
public page shows the change. Through the demo site's real admin, in French."""

import json
import re

import pytest

from .demo_server import manage

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("chromium_ready")]

# Run inside the demo database: the first live project of the "residente" login.
RESIDENT_PROJECT = r"""
import json
from urllib.parse import urlsplit
from django.contrib.auth import get_user_model
from residents.models import ProjectPage

account = get_user_model().objects.get(username="residente").resident_account
project = ProjectPage.objects.child_of(account.page).live().order_by("path").first()
path = urlsplit(project.get_full_url()).path
print("RESIDENT-PROJECT " + json.dumps({"id": project.pk, "path": path}))
"""
NEW_LOGLINE = "Une usine racontée par celles qui l'ont fait tourner, version relue"


@pytest.fixture
def project(demo_site) -> dict:
    output = manage("shell", "-c", RESIDENT_PROJECT, env=demo_site.env)
    line = next(line for line in output.splitlines() if line.startswith("RESIDENT-PROJECT "))
    return json.loads(line.removeprefix("RESIDENT-PROJECT "))


@pytest.fixture
def new_person(browser):
    chromium = browser
    contexts = []

    def open_page():
        context = chromium.new_context(timezone_id="Europe/Paris", locale="fr-FR")
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def log_in(page, demo_site, username: str, password: str) -> None:
    page.goto(demo_site.url("/admin/login/"))
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))


def more_actions(page):
    """Open the editor's menu of actions below the Save button."""
    page.locator("footer .w-dropdown__toggle").first.click()


def test_a_resident_submits_a_project_and_the_approved_change_goes_live(
    demo_site, new_person, project
):
    edit_path = f"/admin/pages/{project['id']}/edit/"
    public_url = demo_site.url(project["path"])

    resident = new_person()
    log_in(resident, demo_site, "residente", "fabrique-resident")
    assert resident.get_by_role("heading", name="Vos pages").is_visible()
    resident.goto(demo_site.url(edit_path))
    resident.locator('input[name="logline"]').fill(NEW_LOGLINE)
    more_actions(resident)
    resident.locator('button[name="action-submit"]').click()
    resident.wait_for_load_state()
    resident.goto(demo_site.url("/admin/"))
    assert resident.get_by_text("En attente de la relecture").first.is_visible()

    visitor = new_person()
    visitor.goto(public_url)
    assert NEW_LOGLINE not in visitor.content()  # not live before the review

    reviewer = new_person()
    log_in(reviewer, demo_site, "programme", "fabrique-staff")
    reviewer.goto(demo_site.url(edit_path))
    more_actions(reviewer)
    reviewer.locator(
        'button[data-workflow-action-name="approve"]:not([data-workflow-action-modal-url])'
    ).click()
    reviewer.wait_for_url(re.compile(r"/admin/"))
    reviewer.wait_for_load_state()

    visitor.goto(public_url)
    assert NEW_LOGLINE in visitor.content()
    assert demo_site.server_errors() == []
