"""Page titles (and titles for search engines) are single-line for every page type: a
line break is refused in the admin with a message, so no email header carries it."""

import pytest
from django.urls import reverse

from tests.core.test_admin_notifications import notifications, resident_with_a_project
from tests.residents.admin_client import edit_form_data

SINGLE_LINE = "Ce texte doit tenir sur une seule ligne"


def test_a_title_with_a_line_break_is_refused_with_a_message(bilingual_site):
    resident, project = resident_with_a_project(bilingual_site)
    edit_url = reverse("wagtailadmin_pages:edit", args=[project.pk])
    data = edit_form_data(resident, project)

    response = resident.post(
        edit_url,
        {**data, "title": "Capsules\r\nBcc: everyone@example.org", "action-submit": "1"},
    )

    assert response.status_code == 200
    assert SINGLE_LINE in response.content.decode()
    project.refresh_from_db()
    assert project.title == project.draft_title == "Capsules"
    assert not project.workflow_in_progress
    assert notifications() == []


@pytest.mark.parametrize(
    "kind",
    ["home", "standard", "programme", "screening", "workshop", "training", "resident", "project"],
)
@pytest.mark.parametrize("field", ["title", "seo_title"])
def test_every_page_type_refuses_a_title_on_two_lines(admin_client, site_content, kind, field):
    page, _english = site_content.pages[kind]
    data = edit_form_data(admin_client, page)

    response = admin_client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        {**data, field: "Deux\nlignes", "action-publish": "1"},
    )

    assert response.status_code == 200
    assert SINGLE_LINE in response.content.decode()
    page.refresh_from_db()
    assert "\n" not in getattr(page, field)
