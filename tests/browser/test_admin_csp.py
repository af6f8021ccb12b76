"""The admin's Content-Security-Policy as Chromium applies it (no bypass): signing in,
the page editor of a resident's project (inline panels, date pickers, rich text) with
its preview panel, and the image chooser opened from it raise no violation and no
console error. Served by the live server in this process."""

from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

from tests.conftest import build_bilingual_site
from tests.residents.factories import ProjectPageFactory, ResidentPageFactory

from .test_csp import visitor  # noqa: F401 (fixture used by name)
from .test_donation_accessibility import (  # noqa: F401 (fixtures used by name)
    database_beside_playwright,
    wagtail_base_data,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("chromium_ready")]
PASSWORD = "un-mot-de-passe-solide"


@pytest.fixture
def project(transactional_db, wagtail_base_data, settings, tmp_path):  # noqa: F811
    settings.MEDIA_ROOT = tmp_path / "media"
    site = build_bilingual_site()
    resident = ResidentPageFactory(parent=site.residents, name="Ana Ruiz")
    get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)
    return ProjectPageFactory(parent=resident, title="Les Ouvrières", image=None)


def admin_policy(response) -> str:
    policy = response.headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "frame-ancestors 'none'" in policy
    return policy


@pytest.mark.django_db(transaction=True)
def test_the_editor_and_the_image_chooser_work_under_the_admin_policy(
    live_server,
    settings,
    visitor,  # noqa: F811
    project,
):
    staff = visitor(urlsplit(live_server.url).netloc)
    page = staff.page

    admin_policy(page.goto(live_server.url + "/admin/login/"))
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    assert staff.problems() == []

    admin_policy(page.goto(f"{live_server.url}/admin/pages/{project.pk}/edit/"))
    page.wait_for_load_state("networkidle")
    # The editor's scripts ran: the inline panels drew their "add" buttons, Draftail
    # its editor.
    assert page.locator("#id_credits-FORMS").count() == 1
    page.locator(".Draftail-Editor").first.wait_for()
    assert staff.problems() == []

    page.locator("#id_image-chooser .chooser__choose-button").click()
    modal = page.locator(".modal-content")
    modal.locator("#id_q").fill("usine")  # the search fetches its results
    page.wait_for_load_state("networkidle")
    modal.locator("#tab-label-upload").click()  # the upload form, its tag field
    modal.locator("#id_image-chooser-upload-title").wait_for()
    assert staff.problems() == []
    assert staff.elsewhere == []

    # Control: without 'unsafe-inline', Chromium refuses Wagtail's inline scripts in the
    # editor, and the recording above would have seen it.
    policy = settings.ADMIN_CONTENT_SECURITY_POLICY
    settings.ADMIN_CONTENT_SECURITY_POLICY = {
        **policy,
        "DIRECTIVES": {**policy["DIRECTIVES"], "script-src": ["'self'"]},
    }
    page.goto(f"{live_server.url}/admin/pages/{project.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert any(v.startswith("script-src-elem blocked inline") for v in staff.violations())
