"""The site as it runs in production: gunicorn with gunicorn.conf.py and the production
settings, its own Redis, static files collected for production, on 127.0.0.1.

One copy of the test database and one static collection per module; one gunicorn for
the checks of a healthy site, and one more whose Redis is stopped under it.
"""

import gzip
import http.client
import json
import re
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.db import connection

from tests.fabrique.served_site import (
    RedisServer,
    Response,
    copy_test_database,
    prepare_site,
    production_environment,
    query,
    serve,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def prepared(django_db_setup, django_db_blocker, tmp_path_factory):
    """(environment without REDIS_URL filled in, workdir, pages): the database copy with
    its pages, and the static files, shared by the module's servers."""
    workdir = tmp_path_factory.mktemp("served")
    redis = RedisServer(workdir).start()
    try:
        with django_db_blocker.unblock(), copy_test_database(connection, workdir) as url:
            env = production_environment(workdir, url, redis.url)
            pages = prepare_site(env)
            redis.stop()
            yield env, workdir, pages
    finally:
        redis.stop()


@pytest.fixture(scope="module")
def site(prepared):
    env, workdir, pages = prepared
    redis = RedisServer(workdir).start()
    try:
        with serve({**env, "REDIS_URL": redis.url}, workdir, pages) as served:
            yield served
    finally:
        redis.stop()


def static_path(site, name: str) -> str:
    """The hashed address of static file ``name``, as the production manifest gives it."""
    manifest = Path(site.static_root) / "staticfiles.json"
    return "/static/" + json.loads(manifest.read_text(encoding="utf-8"))["paths"][name]


def test_home_page_is_served_in_french_and_english(site):
    french = site.get("/")
    english = site.get("/en/", headers={"Accept-Language": "en"})

    assert french.status == 200, french.text[:500]
    assert english.status == 200, english.text[:500]
    assert '<html lang="fr"' in french.text
    assert '<html lang="en"' in english.text


def test_stylesheets_are_the_hashed_files_of_the_manifest(site):
    home = site.get("/").text
    css = static_path(site, "css/site.css")

    assert css in home
    assert re.search(r"/static/css/site\.[0-9a-f]{12}\.css", css)


def test_a_static_file_is_served_compressed_with_a_year_of_cache(site):
    path = static_path(site, "css/site.css")

    plain = site.get(path)
    compressed = site.get(path, headers={"Accept-Encoding": "gzip"})

    assert plain.status == 200
    assert "max-age=315360000" in plain.headers["cache-control"]
    assert "immutable" in plain.headers["cache-control"]
    assert compressed.status == 200
    assert compressed.headers.get("content-encoding") == "gzip"
    assert "accept-encoding" in compressed.headers.get("vary", "").lower()
    assert gzip.decompress(compressed.body) == plain.body
    assert len(compressed.body) < len(plain.body)


def test_a_page_carries_the_security_headers(site):
    response = site.get("/")

    assert response.headers["strict-transport-security"].startswith("max-age=31536000")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["x-frame-options"] == "DENY"
    policy = response.headers["content-security-policy"]
    assert "default-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "camera=()" in response.headers["permissions-policy"]
    assert response.headers.get("x-request-id")


def test_cookies_set_by_a_form_page_are_secure_and_http_only(site):
    response = site.get(site.pages["screening"]["fr"])

    assert response.status == 200
    cookie = response.set_cookies["csrftoken"]
    assert "Secure" in cookie
    assert "HttpOnly" in cookie


def test_plain_http_is_sent_to_https(site):
    response = site.get("/", https=False)

    assert response.status == 301
    assert response.headers["location"] == f"https://127.0.0.1:{site.port}/"


def test_healthz_reports_database_cache_and_task_queue(site):
    response = site.get("/healthz")

    assert response.status == 200
    assert response.headers["content-type"].startswith("application/json")
    report = response.json()
    assert report["database"] == "ok"
    assert report["cache"] == "ok"
    assert report["task_queue"]["state"] == "ok", report


def test_an_unknown_page_gets_the_sites_own_404(site):
    response = site.get("/cette-page-nexiste-pas/")

    assert response.status == 404
    assert '<html lang="fr"' in response.text
    assert "Traceback" not in response.text
    assert "DEBUG = True" not in response.text
    assert "Page not found at" not in response.text


def test_the_access_log_is_one_json_object_a_line_with_the_request_id(site):
    site.get("/robots.txt", headers={"X-Request-ID": "test-request-4242"})

    records = [
        json.loads(line)
        for line in site.log_lines_with('{"event": "access"', '"test-request-4242"')
    ]
    ours = [record for record in records if record["request_id"] == "test-request-4242"]
    assert ours, site.log()[-2000:]
    assert ours[0]["path"] == "/robots.txt"
    assert ours[0]["status"] == 200


# Longer than gunicorn's keep-alive was (5 s), when posts made after reading a page for
# that long met a connection gunicorn had closed.
READING_TIME = 6


def test_a_booking_posted_on_the_connection_the_page_came_on_after_reading_it(site):
    """As a browser does: the form is posted on the connection the page was loaded on,
    once the visitor has read it; the same connection answers."""
    screening = site.pages["screening"]["fr"]
    browser = http.client.HTTPConnection("127.0.0.1", site.port, timeout=30)
    forwarded = {"Accept-Language": "fr", "X-Forwarded-Proto": "https"}
    try:
        browser.request("GET", screening, headers=forwarded)
        loaded = browser.getresponse()
        form_page = site_response(loaded)
        opened_at = browser.sock.getsockname()
        time.sleep(READING_TIME)
        browser.request(
            "POST",
            screening,
            body=urlencode(_booking_form(form_page, email="lecture@example.org")).encode(),
            headers={
                **forwarded,
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={form_page.cookie('csrftoken')}",
                "Origin": site.origin,
                "Referer": site.origin + screening,
            },
        )
        booked = browser.getresponse()
        booked.read()
        posted_on = browser.sock.getsockname()
    finally:
        browser.close()

    assert booked.status in (302, 303)
    assert posted_on == opened_at  # not a new connection opened behind our back


def site_response(response: http.client.HTTPResponse) -> Response:
    set_cookies = {
        value.split("=", 1)[0].strip(): value for value in response.headers.get_all("Set-Cookie")
    }
    return Response(
        status=response.status,
        headers={name.lower(): value for name, value in response.getheaders()},
        body=response.read(),
        set_cookies=set_cookies,
    )


def test_without_redis_pages_are_served_bookings_taken_and_healthz_says_so(prepared):
    """Redis stops under a running site: the visitor notices nothing, the booking is in
    the database, and /healthz tells the monitoring the cache is down."""
    env, workdir, pages = prepared
    redis = RedisServer(workdir).start()
    try:
        with serve({**env, "REDIS_URL": redis.url}, workdir, pages, name="no-redis") as site:
            screening = pages["screening"]["fr"]
            assert site.get(screening).status == 200  # cached in Redis, sessions warm

            redis.stop()

            assert site.get("/").status == 200
            assert site.get("/en/", headers={"Accept-Language": "en"}).status == 200
            form_page = site.get(screening)
            assert form_page.status == 200
            booked = site.request(
                "POST",
                screening,
                body=urlencode(_booking_form(form_page, email="sans.redis@example.org")).encode(),
                headers={
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"csrftoken={form_page.cookie('csrftoken')}",
                    "Origin": site.origin,
                    "Referer": site.origin + screening,
                },
            )
            assert booked.status in (302, 303), booked.text[:2000] + site.log()[-3000:]
            manage = site.get(urlsplit(booked.headers["location"]).path)
            assert manage.status == 200

            rows = query(
                env["DATABASE_URL"],
                "SELECT status, seats FROM events_booking WHERE email = %s",
                ("sans.redis@example.org",),
            )
            assert rows == [("confirmed", 1)]

            health = site.get("/healthz")
            assert health.status == 503
            report = health.json()
            assert report["database"] == "ok"
            assert report["cache"] != "ok"
    finally:
        redis.stop()


def _booking_form(page, *, email: str) -> dict[str, str]:
    html = page.text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    session = re.search(r'name="session" value="([^"]+)"', html)
    assert token and session, "the screening page shows no booking form"
    return {
        "csrfmiddlewaretoken": token.group(1),
        "session": session.group(1),
        "first_name": "Camille",
        "last_name": "Sans-Redis",
        "email": email,
        "seats": "1",
        "terms": "on",
        "website": "",
    }
