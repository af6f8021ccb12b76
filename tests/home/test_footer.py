"""The footer links the organisation's pages in the visitor's language, falling back to
the French page where no live translation exists; the menu's home link likewise."""

import re

import pytest

from home.models import OrganisationSettings
from tests.conftest import publish_translation
from tests.events.test_query_counts import queries_for
from tests.home.factories import StandardPageFactory


def footer_links(html: str) -> list[tuple[str, str]]:
    footer = html[html.index('<footer class="site-footer">') :]
    links = footer[footer.index('<ul class="footer-links">', footer.index("</address>")) :]
    return re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', links[: links.index("</ul>")])


@pytest.fixture
def footer_pages(shared_site):
    home = shared_site.home
    accessibility = StandardPageFactory(parent=home, title="Accessibilité", slug="acces")
    legal = StandardPageFactory(parent=home, title="Mentions légales", slug="mentions")
    privacy = StandardPageFactory(parent=home, title="Confidentialité", slug="vie-privee")
    publish_translation(accessibility, title="Accessibility", slug="access")
    draft = privacy.copy_for_translation(shared_site.en)  # translated, never published
    draft.title = "Privacy (draft)"
    draft.save_revision()
    settings = OrganisationSettings.for_site(shared_site.site)
    settings.accessibility_page = accessibility
    settings.legal_page = legal
    settings.privacy_page = privacy
    settings.save()
    return accessibility, legal, privacy


def test_footer_links_the_pages_in_french(client, shared_site, footer_pages):
    html = client.get(shared_site.home.url).content.decode()

    assert footer_links(html) == [
        ("/acces/", "Accessibilité"),
        ("/mentions/", "Mentions légales"),
        ("/vie-privee/", "Confidentialité"),
    ]


def test_footer_links_english_translations_and_falls_back_to_french(
    client, shared_site, footer_pages
):
    html = client.get(shared_site.home_en.url).content.decode()

    assert footer_links(html) == [
        ("/en/access/", "Accessibility"),
        ("/mentions/", "Mentions légales"),  # untranslated
        ("/vie-privee/", "Confidentialité"),  # its translation is not live
    ]
    assert '<a class="site-name" href="/en/" aria-current="page">' in html


def test_footer_skips_pages_not_set(client, shared_site, footer_pages):
    settings = OrganisationSettings.for_site(shared_site.site)
    settings.legal_page = None
    settings.save()

    html = client.get(shared_site.home_en.url).content.decode()

    assert [title for _, title in footer_links(html)] == ["Accessibility", "Confidentialité"]


def test_footer_pages_cost_one_query_together(client, shared_site, footer_pages):
    """Three footer links, in either language, add one query to a page, not one to
    three per link."""
    settings = OrganisationSettings.for_site(shared_site.site)
    with_links = {url: queries_for(client, url) for url in home_urls(shared_site)}
    settings.accessibility_page = settings.legal_page = settings.privacy_page = None
    settings.save()
    without_links = {url: queries_for(client, url) for url in home_urls(shared_site)}

    assert {url: with_links[url] - without_links[url] for url in with_links} == dict.fromkeys(
        with_links, 1
    )


def home_urls(site):
    return [site.home.url, site.home_en.url]
