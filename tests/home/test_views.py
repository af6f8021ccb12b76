"""Site-wide views: search, robots.txt, health check, the friendly 404."""

import pytest
from wagtail.search import index

from events.models import ScreeningDirector
from tests.conftest import publish_translation
from tests.events.factories import ScreeningPageFactory


def indexed(page):
    """Make sure the search index holds the page as published (the signal handler runs
    through a task queue, which does not run inside a test transaction)."""
    index.insert_or_update_object(page)
    return page


@pytest.fixture
def screening(shared_site):
    page = ScreeningPageFactory(
        parent=shared_site.programme,
        title="Les Ouvrières",
        slug="ouvrieres",
        directors=[ScreeningDirector(name="Claire Lemercier")],
    )
    english = publish_translation(page, title="The Workers")
    return indexed(page), indexed(english)


def result_pages(response):
    return [page.specific for page in response.context["page_obj"].object_list]


def test_search_finds_a_screening_by_its_director(client, screening):
    french, english = screening

    response = client.get("/search/", {"q": "Lemercier"})

    assert response.status_code == 200
    assert result_pages(response) == [french]
    assert f'href="{french.url}"' in response.content.decode()


def test_english_search_finds_the_english_page(client, screening):
    french, english = screening

    response = client.get("/en/search/", {"q": "Lemercier"})

    assert response.status_code == 200
    assert result_pages(response) == [english]
    content = response.content.decode()
    assert f'href="{english.url}"' in content
    assert f'href="{french.url}"' not in content


def test_search_leaves_out_unpublished_pages(client, screening):
    french, _english = screening
    french.unpublish()
    indexed(french)

    response = client.get("/search/", {"q": "Lemercier"})

    assert result_pages(response) == []


def test_search_ignores_stray_double_quotes(client, screening):
    french, _english = screening

    response = client.get("/search/", {"q": '"Lemercier'})

    assert result_pages(response) == [french]


def test_search_with_no_match_says_so(client, screening):
    response = client.get("/search/", {"q": "Zanzibar"})

    assert response.status_code == 200
    assert result_pages(response) == []
    assert "Zanzibar" in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"unbalanced',
        '"',
        "AND OR NOT (",
        "NEAR(a b)",
        "col:umn ^start -minus +plus {x}",
        "*",
        "\\",
        "a" * 5000,
        "<script>x</script>",
        "l'usine",
    ],
)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_odd_search_input_never_fails(client, screening, query, prefix):
    response = client.get(f"{prefix}/search/", {"q": query, "page": "abc"})

    assert response.status_code == 200
    assert "<script>x</script>" not in response.content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_admin(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_healthz_answers_ok_when_database_and_cache_answer(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_cache_is_down(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr("home.views.cache.set", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["cache"] == "error: ConnectionError"
    assert response.json()["database"] == "ok"


@pytest.mark.parametrize(
    ("path", "language", "message", "home_url"),
    [
        ("/nulle-part/", "fr", "Page introuvable", "/"),
        ("/en/nowhere/", "en", "Page not found", "/en/"),
    ],
)
def test_404_is_friendly_and_in_the_visitor_language(
    client, shared_site, path, language, message, home_url
):
    response = client.get(path)

    assert response.status_code == 404
    content = response.content.decode()
    assert f'<html lang="{language}"' in content
    assert message in content
    assert f'href="{home_url}"' in content
