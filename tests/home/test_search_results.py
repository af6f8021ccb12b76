"""Search results say what each page is, when it happens, and show its picture."""

import re

import pytest

pytestmark = pytest.mark.wagtail_indexes


def result_items(html: str) -> list[str]:
    return re.findall(r'<li class="search-result">(.*?)</li>', html, re.S)


def test_a_screening_result_shows_its_kind_next_date_and_poster(client, site_content, frozen_now):
    response = client.get("/search/", {"q": "Ouvrières"})

    (item,) = result_items(response.content.decode())
    assert "Les Ouvrières" in item
    assert "mercredi 2 décembre à 20 h" in item
    assert '<p class="kind-label">Séance' in item
    assert "<img" in item


def test_an_english_result_is_described_in_english(client, site_content, frozen_now):
    response = client.get("/en/search/", {"q": "Workers"})

    (item,) = result_items(response.content.decode())
    assert "Wednesday 2 December, 8 pm" in item
    assert '<p class="kind-label">Screening' in item


def test_the_search_page_describes_itself_in_the_visitors_language(client, site_content):
    french = client.get("/search/", {"q": "usine"}).content.decode()
    english = client.get("/en/search/", {"q": "factory"}).content.decode()

    assert re.findall(r'<meta name="description" content="([^"]+)">', french) == [
        "Chercher dans le programme, les archives et les résidents du site."
    ]
    assert re.findall(r'<meta name="description" content="([^"]+)">', english) == [
        "Search the programme, the archive and the residents of the site."
    ]
