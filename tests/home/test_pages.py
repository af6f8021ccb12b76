"""Page-tree rules for every page type, and every page type rendering in both languages."""

import html

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from archive.models import ArchiveIndexPage
from donations.models import DonationPage
from events.models import ProgrammeIndexPage, ScreeningPage
from festival.models import CompetitionPage
from home.models import HomePage, StandardPage
from residents.models import ProjectPage, ResidentIndexPage, ResidentPage
from training.models import TrainingModulePage
from workshops.models import WorkshopPage

PROGRAMME_PAGES = {ScreeningPage, WorkshopPage, TrainingModulePage}


class TestPageTree(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(
            HomePage,
            {
                StandardPage,
                ProgrammeIndexPage,
                ResidentIndexPage,
                DonationPage,
                ArchiveIndexPage,
                CompetitionPage,
            },
        )
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanNotCreateAt(HomePage, HomePage)

    def test_standard_pages_nest_under_home_and_each_other(self):
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})
        self.assertAllowedSubpageTypes(StandardPage, {StandardPage})
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanCreateAt(StandardPage, StandardPage)
        self.assertCanNotCreateAt(ProgrammeIndexPage, StandardPage)

    def test_one_donation_page_under_the_home_page_with_nothing_beneath(self):
        self.assertAllowedParentPageTypes(DonationPage, {HomePage})
        self.assertAllowedSubpageTypes(DonationPage, set())
        self.assertCanCreateAt(HomePage, DonationPage)
        self.assertCanNotCreateAt(StandardPage, DonationPage)

    def test_programme_index_holds_only_programme_pages(self):
        self.assertAllowedParentPageTypes(ProgrammeIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ProgrammeIndexPage, PROGRAMME_PAGES)
        self.assertCanCreateAt(HomePage, ProgrammeIndexPage)
        self.assertCanNotCreateAt(StandardPage, ProgrammeIndexPage)

    def test_programme_pages_live_only_in_the_programme_and_have_no_children(self):
        for model in PROGRAMME_PAGES:
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, {ProgrammeIndexPage})
                self.assertAllowedSubpageTypes(model, set())
                self.assertCanCreateAt(ProgrammeIndexPage, model)
                self.assertCanNotCreateAt(HomePage, model)
                self.assertCanNotCreateAt(StandardPage, model)

    def test_resident_directory_holds_residents_who_hold_projects(self):
        self.assertAllowedParentPageTypes(ResidentIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ResidentIndexPage, {ResidentPage})
        self.assertAllowedParentPageTypes(ResidentPage, {ResidentIndexPage})
        self.assertAllowedSubpageTypes(ResidentPage, {ProjectPage})
        self.assertAllowedParentPageTypes(ProjectPage, {ResidentPage})
        self.assertAllowedSubpageTypes(ProjectPage, set())
        self.assertCanCreateAt(ResidentIndexPage, ResidentPage)
        self.assertCanCreateAt(ResidentPage, ProjectPage)
        self.assertCanNotCreateAt(HomePage, ResidentPage)
        self.assertCanNotCreateAt(ResidentIndexPage, ProjectPage)


@pytest.mark.parametrize(
    "model", [HomePage, ProgrammeIndexPage, ResidentIndexPage], ids=lambda m: m.__name__
)
def test_sections_exist_once_per_parent(bilingual_site, model):
    parent = bilingual_site.home if model is not HomePage else Page.get_first_root_node()
    assert not model.can_create_at(parent)


def test_standard_pages_are_not_limited_per_parent(bilingual_site):
    assert StandardPage.can_create_at(bilingual_site.home)


PAGE_NAMES = [
    "home",
    "standard",
    "programme",
    "screening",
    "workshop",
    "training",
    "residents",
    "resident",
    "project",
]


@pytest.mark.parametrize("name", PAGE_NAMES)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_type_renders_in_both_languages(client, site_content, name, language):
    french, english = site_content.pages[name]
    page = french if language == "fr" else english
    expected_prefix = "/en/" if language == "en" else "/"
    assert page.url.startswith(expected_prefix)
    assert language == "en" or not page.url.startswith("/en/")

    response = client.get(page.url)

    assert response.status_code == 200
    content = response.content.decode()
    assert html.escape(page.title) in content
    assert f'lang="{language}"' in content


def test_french_page_is_not_served_under_the_english_prefix(client, site_content):
    """An untranslated path under /en/ is a 404, not the French page."""
    response = client.get("/en/programme/ouvrieres/")
    assert response.status_code == 404


def test_unpublished_page_is_not_served(client, site_content):
    screening, _english = site_content.pages["screening"]
    Page.objects.get(pk=screening.pk).unpublish()
    assert client.get("/programme/ouvrieres/").status_code == 404
