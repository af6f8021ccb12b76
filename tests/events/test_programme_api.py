"""The programme's JSON API and the sharing tags, through real requests: sessions with
places left and booking links in both languages, cached, rate-limited, bad input a 400;
Open Graph and Twitter card tags on the public pages."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.conftest import paris, publish_translation
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory
from tests.home.factories import ImageFactory

START = paris(2026, 12, 2, 20)


@pytest.fixture(autouse=True)
def _fresh_api_cache():
    for language in ("fr", "en"):
        cache.delete(f"programme-api:{language}")
    yield
    for language in ("fr", "en"):
        cache.delete(f"programme-api:{language}")


@pytest.fixture
def screening(shared_site, frozen_now):
    page = ScreeningPageFactory(
        parent=shared_site.programme,
        title="Les Ouvrières",
        slug="ouv",
        image=ImageFactory(title="Affiche"),
        summary="Un film sur les ouvrières de l’usine.",
    )
    SessionFactory(page=page, start=START, venue=shared_site.venue, places=30)
    SessionFactory(page=page, start=paris(2026, 11, 1, 20), venue=shared_site.venue)  # over
    publish_translation(page, title="The Workers", summary="A film about the factory workers.")
    return page


def api(client, address="192.0.2.1", **params):
    return client.get(reverse("programme_api"), params, REMOTE_ADDR=address)


def test_the_programme_lists_upcoming_sessions_with_places_left_and_booking_link(client, screening):
    session = screening.get_sessions().get(start=START)
    BookingFactory(session=session, seats=4)

    response = api(client)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    (item,) = response.json()["sessions"]
    assert item["title"] == "Les Ouvrières"
    assert item["uid"] == str(session.uid)
    assert item["start"] == "2026-12-02T20:00:00+01:00"
    assert item["places"] == 30 and item["places_left"] == 26
    assert item["url"] == "http://testserver/programme/ouv/"
    assert item["booking_url"] == "http://testserver/programme/ouv/#booking"
    english = api(client, language="en").json()["sessions"][0]
    assert english["title"] == "The Workers"
    assert english["booking_url"].startswith("http://testserver/en/")


def test_answers_are_cached_for_a_minute(client, screening):
    session = screening.get_sessions().get(start=START)
    first = api(client)
    BookingFactory(session=session, seats=4)

    assert "max-age=60" in first["Cache-Control"] and "public" in first["Cache-Control"]
    assert api(client).json()["sessions"][0]["places_left"] == 30  # from the cache
    cache.delete("programme-api:fr")
    assert api(client).json()["sessions"][0]["places_left"] == 26


def test_too_many_requests_get_a_429_and_bad_input_a_400(client, screening, settings):
    settings.PROGRAMME_API_RATE_LIMIT = (2, 60)
    address = "192.0.2.99"  # a client of its own: the other tests' requests not counted
    assert api(client, address, language="de").status_code == 400
    assert "Unknown language" in api(client, address, language="de").json()["error"]
    response = api(client, address)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert client.post(reverse("programme_api")).status_code == 405


def meta(html: str, name: str) -> str:
    match = re.search(rf'<meta (?:property|name)="{re.escape(name)}" content="([^"]*)"', html)
    return match.group(1) if match else ""


def test_pages_carry_open_graph_and_twitter_tags_in_their_language(client, screening, shared_site):
    html = client.get(screening.url).content.decode()

    assert meta(html, "og:title") == "Les Ouvrières"
    assert meta(html, "og:description") == "Un film sur les ouvrières de l’usine."
    assert meta(html, "og:locale") == "fr_FR"
    assert meta(html, "og:locale:alternate") == "en_GB"
    assert meta(html, "og:url") == "http://testserver/programme/ouv/"
    assert re.match(r"http://testserver/.+\.(png|jpg|jpeg|webp)$", meta(html, "og:image"))
    assert meta(html, "og:image:alt") == "Affiche"
    assert meta(html, "twitter:card") == "summary_large_image"

    english = screening.get_translation(shared_site.en)
    html = client.get(english.url).content.decode()
    assert meta(html, "og:title") == "The Workers"
    assert meta(html, "og:description") == "A film about the factory workers."
    assert meta(html, "og:locale") == "en_GB"
    assert meta(html, "twitter:title") == "The Workers"


def test_a_page_without_image_gets_a_summary_card(client, shared_site):
    html = client.get("/").content.decode()

    assert meta(html, "og:title")
    assert meta(html, "twitter:card") == "summary"
    assert meta(html, "og:image") == ""
