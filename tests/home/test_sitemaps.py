"""The sitemap lists every live public page, in both languages, and nothing else."""

from urllib.parse import urlparse
from xml.etree import ElementTree

from wagtail.models import Page, PageViewRestriction

from tests.home.factories import StandardPageFactory

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def sitemap_locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ElementTree.fromstring(response.content)
    return [loc.text for loc in tree.findall("sm:url/sm:loc", NS)]


def test_sitemap_lists_every_live_page_in_both_languages(client, site_content):
    expected = {page.url for pair in site_content.pages.values() for page in pair}

    locations = sitemap_locations(client)

    assert {urlparse(loc).path for loc in locations} == expected
    assert len(locations) == len(expected)
    assert all(urlparse(loc).scheme in ("http", "https") for loc in locations)
    assert {path for path in expected if path.startswith("/en/")}
    assert {path for path in expected if not path.startswith("/en/")}


def test_sitemap_leaves_out_drafts_unpublished_and_private_pages(client, site_content):
    home = site_content.site.home
    draft = StandardPageFactory(parent=home, title="Brouillon", slug="brouillon", live=False)
    withdrawn = StandardPageFactory(parent=home, title="Retirée", slug="retiree")
    withdrawn.unpublish()
    private = StandardPageFactory(parent=home, title="Privée", slug="privee")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    standard_fr, _en = site_content.pages["standard"]
    Page.objects.get(pk=standard_fr.pk).unpublish()

    paths = {urlparse(loc).path for loc in sitemap_locations(client)}

    for page in (draft, withdrawn, private, standard_fr):
        assert page.url is None or page.url not in paths
    assert "/acces/" not in paths
    assert "/brouillon/" not in paths
    assert "/privee/" not in paths
    assert "/en/access/" in paths or any(p.startswith("/en/acces") for p in paths)
