"""Links that lead somewhere: absolute hreflang alternates, and a demo Site record that
matches the address the site is served at, so emails, the sitemap and QR codes agree."""

import re

import pytest

from demo.builder import site_address
from tests.home.factories import StandardPageFactory


def alternates(html: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))


def test_each_page_names_its_translations_with_absolute_addresses(client, site_content):
    french, english = site_content.pages["standard"]

    links = alternates(client.get(english.url).content.decode())

    assert links == {
        "fr": french.full_url,
        "x-default": french.full_url,
        "en": english.full_url,
    }
    assert all(url.startswith("http") for url in links.values())


def test_an_untranslated_page_names_no_other_language(client, shared_site):
    page = StandardPageFactory(parent=shared_site.home, title="Seulement en français")

    links = alternates(client.get(page.url).content.decode())

    assert set(links) == {"fr", "x-default"}


@pytest.mark.parametrize(
    ("base_url", "address"),
    [
        ("http://127.0.0.1:8080", ("127.0.0.1", 8080)),
        ("http://127.0.0.1:8000/", ("127.0.0.1", 8000)),
        ("https://fabrique.example", ("fabrique.example", 443)),
        ("http://localhost", ("localhost", 80)),
    ],
)
def test_the_demo_site_is_served_where_the_base_url_says(base_url, address):
    assert site_address(base_url) == address


