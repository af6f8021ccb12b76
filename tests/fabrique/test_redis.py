"""Redis as production configures it (fabrique.settings.env.redis_cache): the rate limit
counts the same on Redis as in-process, and with Redis down the site still serves pages,
takes bookings and keeps people logged in, while /healthz reports the cache down."""

import time
import uuid

import pytest
from django.core.cache import cache
from django.test import RequestFactory

from core.ratelimit import rate_limited
from events.bookings import Booking
from fabrique.settings.env import redis_cache
from tests.events.factories import ScreeningPageFactory, SessionFactory
from tests.events.test_booking_views import START, form_data

# The machine's Redis; a database number of our own and a key prefix for each test, so
# runs side by side never see each other's keys (nothing here empties a database).
LIVE_REDIS = "redis://127.0.0.1:6379/11"
# Nothing listens on port 1: connections are refused at once, as when Redis is stopped.
DEAD_REDIS = "redis://127.0.0.1:1/0"
LOCMEM = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "rl"}


def live_redis_cache() -> dict:
    return redis_cache(LIVE_REDIS, key_prefix=f"fabrique-test-{uuid.uuid4().hex}")


@pytest.fixture(params=["locmem", "redis"])
def counters(request, settings):
    """The cache the rate-limit counters live in: in-process, or the real Redis."""
    settings.CACHES = {"default": LOCMEM if request.param == "locmem" else live_redis_cache()}
    yield request.param
    if request.param == "locmem":
        cache.clear()


def post_from(address: str):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_the_rate_limit_counts_the_same_on_redis_as_in_process(counters):
    verdicts = [
        rate_limited(post_from("192.0.2.1"), scope="booking", limit=3, window=600) for _ in range(5)
    ]

    assert verdicts == [False, False, False, True, True]
    assert not rate_limited(post_from("192.0.2.2"), scope="booking", limit=3, window=600)
    assert not rate_limited(post_from("192.0.2.1"), scope="donation", limit=3, window=600)


def test_rate_limit_counters_on_redis_expire_with_their_window(settings):
    settings.CACHES = {"default": live_redis_cache()}
    rate_limited(post_from("192.0.2.1"), scope="booking", limit=3, window=600)
    rate_limited(post_from("192.0.2.1"), scope="booking", limit=3, window=600)

    bucket = int(time.time() // 600)
    key = f"ratelimit:booking:192.0.2.1:{bucket}"
    assert cache.get(key) == 2
    # incr kept the expiry that add set: the counter goes away after its window.
    assert 0 < cache.ttl(key) <= 600


def test_the_rate_limit_lets_posts_through_when_redis_is_down(settings):
    settings.CACHES = {"default": redis_cache(DEAD_REDIS)}

    verdicts = [
        rate_limited(post_from("192.0.2.1"), scope="booking", limit=1, window=600) for _ in range(3)
    ]

    assert verdicts == [False, False, False]


@pytest.fixture
def redis_down(settings):
    """Production's cache and sessions, with Redis stopped; the booking limit on."""
    settings.CACHES = {"default": redis_cache(DEAD_REDIS)}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.BOOKING_RATE_LIMIT = (1, 600)


@pytest.fixture
def screening(shared_site, frozen_now):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières", slug="ouv")
    SessionFactory(page=page, start=START, venue=shared_site.venue, places=5)
    return page


def test_with_redis_down_pages_are_served_and_bookings_taken(
    client, screening, redis_down, mailoutbox, django_capture_on_commit_callbacks
):
    session = screening.get_sessions().get()

    assert client.get("/").status_code == 200
    page = client.get(screening.url)
    assert page.status_code == 200
    assert "5 places restantes" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(screening.url, form_data(session, email="a@example.org"))
        # Over the limit of one, but nothing can be counted: let through, not refused.
        second = client.post(screening.url, form_data(session, email="b@example.org"))

    assert first.status_code == 302 and second.status_code == 302
    assert set(Booking.objects.values_list("email", flat=True)) == {
        "a@example.org",
        "b@example.org",
    }
    assert client.get(first["Location"]).status_code == 200
    assert len(mailoutbox) == 2


def test_with_redis_down_healthz_reports_the_cache_down(client, db, redis_down):
    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["cache"] == "error: no answer"
    assert response.json()["database"] == "ok"


def test_staff_logged_in_stay_logged_in_when_redis_goes_down(
    client, shared_site, settings, django_user_model
):
    settings.CACHES = {"default": live_redis_cache()}
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    django_user_model.objects.create_superuser("staff", "staff@example.org", "pw-staff-123")
    logged_in = client.post("/admin/login/", {"username": "staff", "password": "pw-staff-123"})
    assert logged_in.status_code == 302

    settings.CACHES = {"default": redis_cache(DEAD_REDIS)}

    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/pages/").status_code == 200


def test_with_redis_down_staff_can_log_in(client, shared_site, redis_down, django_user_model):
    django_user_model.objects.create_superuser("staff", "staff@example.org", "pw-staff-123")

    response = client.post("/admin/login/", {"username": "staff", "password": "pw-staff-123"})

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
