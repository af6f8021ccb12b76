"""Site-wide views: search, robots.txt, health check, the friendly 404."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail.search import index

from events.models import ScreeningDirector
from tests.conftest import publish_translation
from tests.events.factories import ScreeningPageFactory

pytestmark = pytest.mark.wagtail_indexes


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


@pytest.fixture
def cinema_pages(shared_site, screening):
    """Three French pages that say "cinéma" (one in its title), the legal notice among
    them, each with its English translation."""
    from home.models import OrganisationSettings
    from tests.home.factories import StandardPageFactory

    home = shared_site.home
    club = ScreeningPageFactory(
        parent=shared_site.programme, title="Ciné-club : le cinéma ouvrier", slug="cine-club"
    )
    legal = StandardPageFactory(
        parent=home,
        title="Mentions légales",
        introduction="Fabrique, cinéma associatif, édite ce site.",
    )
    about = StandardPageFactory(
        parent=home, title="À propos", introduction="Un cinéma indépendant à Saint-Ouen."
    )
    pages = {}
    for name, page, english in [
        ("club", club, "Film club: workers' cinema"),
        ("legal", legal, "Legal notice"),
        ("about", about, "About us"),
    ]:
        translated = publish_translation(
            page, title=english, introduction="Fabrique, a cinema in Saint-Ouen."
        )
        pages[name] = (indexed(page), indexed(translated))
    organisation = OrganisationSettings.for_site(shared_site.site)
    organisation.legal_page = legal
    organisation.save()
    return pages


def test_search_puts_pages_named_by_the_query_first_and_the_legal_notice_last(client, cinema_pages):
    club, legal, about = (cinema_pages[name][0] for name in ("club", "legal", "about"))

    results = result_pages(client.get("/search/", {"q": "cinéma"}))

    assert results[0] == club
    assert results[-1] == legal
    assert about in results[1:-1]
    # In capitals, the word still names the film club.
    assert result_pages(client.get("/search/", {"q": "CINÉMA"}))[0] == club


def test_english_search_puts_the_translated_legal_notice_last_too(client, cinema_pages):
    results = result_pages(client.get("/en/search/", {"q": "cinema"}))

    assert results[0] == cinema_pages["club"][1]
    assert results[-1] == cinema_pages["legal"][1]
    assert cinema_pages["about"][1] in results


def test_a_search_naming_the_legal_notice_finds_it_first(client, cinema_pages):
    results = result_pages(client.get("/search/", {"q": "mentions légales"}))

    assert results[0] == cinema_pages["legal"][0]


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
        "a" * 1000,
        "<script>x</script>",
        "l'usine",
    ],
)
@pytest.mark.parametrize("prefix", ["", "/en"])
def test_odd_search_input_never_fails(client, screening, query, prefix):
    response = client.get(f"{prefix}/search/", {"q": query, "page": "abc"})

    assert response.status_code == 200
    assert "<script>x</script>" not in response.content.decode()


@pytest.mark.parametrize("prefix, says", [("", "trop longue"), ("/en", "too long")])
def test_an_over_long_search_is_refused_with_a_page_not_an_error(client, screening, prefix, says):
    # Over core.request_guard's limit for a query parameter: 414 and a short page.
    response = client.get(f"{prefix}/search/", {"q": "a" * 5000})

    assert response.status_code == 414
    assert says in response.content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_robots_out_of_admin(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_search_form_is_for_robots_and_its_results_are_not(client, screening, prefix):
    robots = client.get("/robots.txt").content.decode().splitlines()
    form = client.get(f"{prefix}/search/").content.decode()
    results = client.get(f"{prefix}/search/", {"q": "usine"}).content.decode()
    second_page = client.get(f"{prefix}/search/", {"page": "2"}).content.decode()

    assert f"Disallow: {prefix}/search/" not in robots
    assert f"Disallow: {prefix}/search/?" in robots
    assert "noindex" not in form
    assert '<meta name="robots" content="noindex">' in results
    assert '<meta name="robots" content="noindex">' in second_page


def test_healthz_answers_ok_when_database_and_cache_answer(client, db):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "task_queue": {"state": "immediate"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_cache_is_down(client, db, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache is down")

    monkeypatch.setattr("core.health.cache.set", broken)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["cache"] == "error: ConnectionError"
    assert response.json()["database"] == "ok"


def test_healthz_answers_503_when_the_cache_loses_what_it_is_given(client, db, monkeypatch):
    """Redis set to ignore its errors raises nothing: a lost write is how it shows."""
    monkeypatch.setattr("core.health.cache.set", lambda *args, **kwargs: None)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["cache"] == "error: no answer"


def test_healthz_answers_503_when_the_database_is_down(client, db, monkeypatch):
    from django.db import OperationalError

    class Unreachable:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("core.health.connection", Unreachable())

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "error: OperationalError"
    assert response.json()["cache"] == "ok"


def waiting_task(*, waited: timedelta = timedelta(0), run_after=None, status="READY"):
    """A task row in the database queue, enqueued ``waited`` ago."""
    task = DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="core.mail.send_queued_email",
        backend_name="default",
        queue_name="default",
        run_after=run_after or get_date_max(),
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - waited)
    return task


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.HEALTHZ_MAX_TASK_AGE = 900


def test_healthz_reports_an_empty_database_queue_as_ok(client, db, database_queue):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["task_queue"] == {
        "state": "ok",
        "waiting": 0,
        "oldest_age": 0,
        "overdue": 0,
        "stuck": 0,
        "failed_emails": 0,
    }


def test_healthz_reports_the_age_of_the_oldest_waiting_task(client, db, database_queue):
    waiting_task(waited=timedelta(seconds=30))
    waiting_task(waited=timedelta(seconds=300))
    # Neither waiting: one done long ago, one retry due in an hour.
    waiting_task(waited=timedelta(days=2), status="SUCCESSFUL")
    waiting_task(waited=timedelta(days=2), run_after=timezone.now() + timedelta(hours=1))

    response = client.get("/healthz")

    assert response.status_code == 200
    queue = response.json()["task_queue"]
    assert queue["state"] == "ok"
    assert queue["waiting"] == 2
    assert 300 <= queue["oldest_age"] < 360


def test_healthz_answers_503_when_a_task_waits_longer_than_allowed(client, db, database_queue):
    """The worker is down: nothing takes the tasks any more."""
    waiting_task(waited=timedelta(seconds=60))
    waiting_task(waited=timedelta(minutes=20))

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["database"] == "ok" and response.json()["cache"] == "ok"
    queue = response.json()["task_queue"]
    assert queue["state"] == "stalled" and queue["waiting"] == 2 and queue["overdue"] == 1
    assert 1200 <= queue["oldest_age"] < 1260


def test_healthz_answers_503_when_a_task_is_stuck_with_a_dead_worker(
    client, db, database_queue, settings
):
    """Killed while sending, a worker leaves its task RUNNING: nothing waits, yet an email
    is overdue."""
    settings.TASK_TIMEOUT = 300
    stuck = waiting_task(status="RUNNING")
    DBTaskResult.objects.filter(pk=stuck.pk).update(
        started_at=timezone.now() - timedelta(minutes=6)
    )
    running = waiting_task(status="RUNNING")
    DBTaskResult.objects.filter(pk=running.pk).update(
        started_at=timezone.now() - timedelta(minutes=1)
    )

    response = client.get("/healthz")

    assert response.status_code == 503
    queue = response.json()["task_queue"]
    assert queue["state"] == "stalled"
    assert queue["waiting"] == 0 and queue["stuck"] == 1 and queue["overdue"] == 1


def test_a_retry_waits_from_its_date_not_from_when_it_was_queued(client, db, database_queue):
    """An email retried in an hour was queued long ago, but has only been due since."""
    waiting_task(waited=timedelta(hours=5), run_after=timezone.now() - timedelta(seconds=90))

    queue = client.get("/healthz").json()["task_queue"]

    assert queue["state"] == "ok"
    assert 90 <= queue["oldest_age"] < 150


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
