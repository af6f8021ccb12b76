"""The residents' directory and its discipline filter, in both languages."""

import pytest

from tests.conftest import publish_translation
from tests.residents.factories import ResidentPageFactory


def listed_names(response):
    return [resident.name for resident in response.context["residents"]]


@pytest.fixture
def directory(site_content):
    """Ana Ruiz (editing, from site_content) and Bo Chen (sound), in both languages."""
    site = site_content.site
    bo = ResidentPageFactory(parent=site.residents, name="Bo Chen", disciplines=["sound"])
    publish_translation(bo)
    return site


@pytest.mark.parametrize("language", ["fr", "en"])
def test_directory_lists_every_live_resident_by_name(client, directory, language):
    index = directory.residents if language == "fr" else directory.residents_en

    response = client.get(index.url)

    assert response.status_code == 200
    assert listed_names(response) == ["Ana Ruiz", "Bo Chen"]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("discipline", "names"), [("editing", ["Ana Ruiz"]), ("sound", ["Bo Chen"]), ("animation", [])]
)
def test_discipline_filter_shows_only_that_discipline(
    client, directory, language, discipline, names
):
    index = directory.residents if language == "fr" else directory.residents_en

    response = client.get(index.url, {"discipline": discipline})

    assert response.status_code == 200
    assert listed_names(response) == names
    assert response.context["selected_discipline"] == discipline


@pytest.mark.parametrize("value", ["bogus", "", "editing'--", "%00", "e" * 500])
def test_unknown_discipline_shows_everyone(client, directory, value):
    response = client.get(directory.residents.url, {"discipline": value})

    assert response.status_code == 200
    assert listed_names(response) == ["Ana Ruiz", "Bo Chen"]
    assert response.context["selected_discipline"] == ""


def test_unpublished_resident_leaves_the_directory(client, directory):
    from residents.models import ResidentPage

    ResidentPage.objects.get(name="Bo Chen", locale=directory.fr).unpublish()

    response = client.get(directory.residents.url)

    assert listed_names(response) == ["Ana Ruiz"]


def test_resident_page_lists_their_live_projects(client, site_content):
    resident, resident_en = site_content.pages["resident"]
    project, project_en = site_content.pages["project"]

    french = client.get(resident.url).content.decode()
    english = client.get(resident_en.url).content.decode()

    assert f'href="{project.url}"' in french
    assert f'href="{project_en.url}"' in english


@pytest.mark.parametrize(
    ("title_form", "french"),
    [("feminine", "Résidente"), ("masculine", "Résident"), ("inclusive", "Résident·e")],
)
def test_a_resident_is_named_as_they_chose_in_french(client, shared_site, title_form, french):
    page = ResidentPageFactory(parent=shared_site.residents, name="Kim", title_form=title_form)
    english_page = publish_translation(page)

    french_html = client.get(page.url).content.decode()
    english_html = client.get(english_page.url).content.decode()

    assert f'<p class="kind-label">{french}</p>' in french_html
    assert '<p class="kind-label">Resident</p>' in english_html
