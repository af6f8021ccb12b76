"""The page cache (core.page_cache): anonymous visitors get stored pages without a
database query, forms on them still post, and a change shows on the next view."""

import os
import re
import socket
import threading
import uuid
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from core import page_cache
from events.bookings import Booking
from events.services import booking_cancel
from fabrique.settings.env import redis_cache
from tests.conftest import paris, publish_translation
from tests.events.factories import (
    BookingFactory,
    SessionFactory,
    screening_with_one_session,
)
from tests.events.test_booking_views import form_data
from tests.fabrique.served_site import RedisServer
from tests.home.factories import StandardPageFactory
from tests.workshops.factories import WorkshopPageFactory
from workshops.services import registration_create

START = paris(2026, 12, 2, 20)
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def screening(shared_site, frozen_now):
    return screening_with_one_session(shared_site, start=START)


@pytest.fixture
def session(screening):
    return screening.get_sessions().get()


@pytest.fixture
def about(shared_site):
    return StandardPageFactory(
        parent=shared_site.home, title="Accès", slug="acces", show_in_menus=True
    )


def cache_state(response) -> str | None:
    return response.get(page_cache.HEADER)


def test_the_second_anonymous_view_comes_from_the_cache_with_two_queries(
    client, screening, django_assert_num_queries
):
    first = client.get(screening.url)
    # The versions it was rendered under, still current; the places left of its sessions.
    with django_assert_num_queries(2):
        second = Client().get(screening.url)

    assert (first.status_code, cache_state(first)) == (200, "miss")
    assert (second.status_code, cache_state(second)) == (200, "hit")
    # The same page, each with its own visitor's token.
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())
    assert "5 places restantes" in second.content.decode()
    # Outer middleware still dresses a hit: security headers, language.
    assert second["X-Content-Type-Options"] == "nosniff"
    assert second["Content-Language"] == "fr"


def test_a_page_with_a_form_is_private_to_shared_caches_and_one_without_is_not(
    client, screening, shared_site
):
    for _view in range(2):
        with_form = client.get(screening.url)
        without = client.get(shared_site.residents.url)

    assert cache_state(with_form) == cache_state(without) == "hit"
    assert "private" in with_form["Cache-Control"]
    assert "private" not in without.get("Cache-Control", "")


def test_a_visitor_with_no_cookie_books_from_a_cached_page_with_csrf_checks_on(
    screening, session, django_capture_on_commit_callbacks
):
    Client(enforce_csrf_checks=True).get(screening.url)
    visitor = Client(enforce_csrf_checks=True)

    page = visitor.get(screening.url)
    token = TOKEN.search(page.content.decode()).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        response = visitor.post(screening.url, form_data(session, csrfmiddlewaretoken=token))

    assert cache_state(page) == "hit"
    assert settings.CSRF_COOKIE_NAME in page.cookies  # the hit set the visitor's cookie
    assert "Cookie" in page["Vary"]
    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/booking/{booking.manage_token}/"


def test_a_cached_page_with_another_visitors_token_would_be_refused(screening, session):
    """The control for the test above: the check is really on."""
    filler = Client(enforce_csrf_checks=True)
    token = TOKEN.search(filler.get(screening.url).content.decode()).group(1)
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(screening.url)

    response = visitor.post(screening.url, form_data(session, csrfmiddlewaretoken=token))

    assert response.status_code == 403
    assert not Booking.objects.exists()


def test_a_booking_shows_the_new_places_left_on_the_next_view_in_both_languages(
    client, screening, session, shared_site, django_capture_on_commit_callbacks
):
    """The rush: a booking leaves the pages in the cache, and every view (script or
    not) shows the places left now."""
    english = publish_translation(screening, title="The Workers")
    for url in (screening.url, english.url, shared_site.home.url):
        client.get(url)
    visitor = Client()

    with django_capture_on_commit_callbacks(execute=True):
        visitor.post(screening.url, form_data(session))
    french = Client().get(screening.url)
    in_english = Client().get(english.url)
    home = Client().get(shared_site.home.url)

    assert cache_state(french) == cache_state(in_english) == cache_state(home) == "hit"
    assert "3 places restantes" in french.content.decode()
    assert "3 places left" in in_english.content.decode()
    assert "__page_cache_places_" not in french.content.decode()


def test_the_booking_that_fills_the_session_rebuilds_its_pages(
    client, screening, session, django_capture_on_commit_callbacks
):
    """Full changes the words ("complet, liste d'attente"), not only the figure: the
    pages of the event are built again; a request that then waits changes nothing."""
    client.get(screening.url)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(screening.url, form_data(session, email="a@example.org", seats="2"))
    partly = Client().get(screening.url)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(screening.url, form_data(session, email="b@example.org", seats="3"))
    full = Client().get(screening.url)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(screening.url, form_data(session, email="c@example.org", seats="1"))
    after_waitlist = Client().get(screening.url)

    assert cache_state(partly) == "hit" and "3 places restantes" in partly.content.decode()
    assert cache_state(full) == "miss"
    assert "complet, liste d&#x27;attente" in full.content.decode()
    assert cache_state(after_waitlist) == "hit"
    assert "complet, liste d&#x27;attente" in after_waitlist.content.decode()
    assert Booking.objects.filter(status=Booking.Status.WAITLISTED).count() == 1


def test_places_json_gives_the_places_left_now_and_refuses_odd_ids(client, session):
    BookingFactory(session=session, seats=2)

    answer = client.get(f"/places/{session.pk},999999/")

    assert answer.status_code == 200
    assert answer.json() == {"places": {str(session.pk): 3}}
    assert "max-age=5" in answer["Cache-Control"]
    assert client.get("/places/1;2/").status_code == 404
    assert client.get("/places/" + ",".join(["1"] * 60) + "/").status_code == 404


def test_a_cancellation_and_a_promotion_show_at_once(
    client, screening, session, django_capture_on_commit_callbacks
):
    held = BookingFactory(session=session, seats=5, email="first@example.org")
    BookingFactory(session=session, seats=2, email="waiting@example.org", status="waitlisted")
    client.get(screening.url)
    assert "complet, liste d" in Client().get(screening.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=held)
    response = Client().get(screening.url)

    assert Booking.objects.get(email="waiting@example.org").status == "confirmed"
    assert cache_state(response) == "miss"
    assert "3 places restantes" in response.content.decode()


def test_a_workshop_registration_shows_the_places_left_on_the_next_view(
    client, shared_site, frozen_now, django_capture_on_commit_callbacks
):
    workshop = WorkshopPageFactory(parent=shared_site.programme, slug="stop", is_series=True)
    SessionFactory(page=workshop, start=START, venue=shared_site.venue, places=2)
    assert "2 places restantes." in client.get(workshop.url).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        registration_create(
            workshop=workshop,
            child_first_name="Lou",
            child_birth_date=paris(2016, 5, 1).date(),
            guardian_first_name="Camille",
            guardian_last_name="Martin",
            email="camille@example.org",
            phone="06 12 34 56 78",
            language="fr",
            participation_consent=True,
        )
    response = Client().get(workshop.url)

    assert cache_state(response) == "miss"
    assert "1 place restante." in response.content.decode()


def test_places_raised_by_staff_show_on_the_next_view(
    client, screening, session, django_capture_on_commit_callbacks
):
    client.get(screening.url)

    with django_capture_on_commit_callbacks(execute=True):
        session.places = 9
        session.save()
    response = Client().get(screening.url)

    assert cache_state(response) == "miss"
    assert "9 places restantes" in response.content.decode()


def test_publishing_a_change_clears_every_page(
    client, about, shared_site, django_capture_on_commit_callbacks
):
    for url in (about.url, shared_site.home.url):
        client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        about.title = "Venir à la fabrique"
        about.save_revision().publish()
    page = Client().get(about.url)
    home = Client().get(shared_site.home.url)

    assert cache_state(page) == "miss" and "Venir à la fabrique" in page.content.decode()
    # The menu of every page names the page again.
    assert cache_state(home) == "miss" and "Venir à la fabrique" in home.content.decode()


def test_an_unpublished_page_is_gone_on_the_next_view(
    client, about, django_capture_on_commit_callbacks
):
    client.get(about.url)

    with django_capture_on_commit_callbacks(execute=True):
        about.unpublish()

    assert Client().get(about.url).status_code == 404


def test_a_moved_page_is_gone_from_its_old_address(
    client, about, shared_site, django_capture_on_commit_callbacks
):
    old_url = about.url
    client.get(old_url)

    with django_capture_on_commit_callbacks(execute=True):
        about.move(shared_site.residents, pos="last-child")
    response = Client().get(old_url)

    assert (response.status_code, response["Location"]) == (301, "/residents/acces/")


def test_a_deleted_page_is_gone_on_the_next_view(client, about, django_capture_on_commit_callbacks):
    client.get(about.url)

    with django_capture_on_commit_callbacks(execute=True):
        about.delete()

    assert Client().get(about.url).status_code == 404


def test_a_logged_in_editor_neither_reads_nor_fills_the_cache(admin_client, client, about):
    client.get(about.url)

    as_editor = admin_client.get(about.url)
    admin_client.get(about.url)

    assert as_editor.status_code == 200
    assert cache_state(as_editor) is None
    assert cache_state(Client().get(about.url)) == "hit"  # still the anonymous copy


def test_a_page_showing_a_flash_message_is_neither_served_from_nor_stored_in_the_cache(
    client, screening, session
):
    client.get(screening.url)
    session.start = paris(2026, 11, 24, 9)  # bookings closed: the post gets a message
    session.end = paris(2026, 11, 24, 11)
    Booking.objects.all().delete()
    type(session).objects.filter(pk=session.pk).update(start=session.start, end=session.end)

    visitor = Client()
    redirected = visitor.post(screening.url, form_data(session))
    with_message = visitor.get(redirected["Location"].split("#")[0])
    after = Client().get(screening.url)

    assert redirected.status_code == 302
    assert cache_state(with_message) is None
    assert "Les réservations pour cette séance sont closes." in with_message.content.decode()
    assert "Les réservations pour cette séance sont closes." not in after.content.decode()


def test_a_manage_page_is_never_cached(client, session):
    booking = BookingFactory(session=session)
    url = f"/booking/{booking.manage_token}/"

    first = client.get(url)
    booking_cancel(booking=booking)
    second = Client().get(url)

    assert cache_state(first) is None and cache_state(second) is None
    assert "no-cache" in second["Cache-Control"]
    assert first.content != second.content


@pytest.mark.parametrize(
    ("query", "cached"),
    [("?kind=screening&page=1", True), ("?utm_source=newsletter", False), ("?q=x", False)],
)
def test_only_listing_filters_and_pagination_are_cached_by_query(
    client, shared_site, query, cached
):
    url = shared_site.programme.url + query

    client.get(url)
    second = Client().get(url)

    assert second.status_code == 200
    assert cache_state(second) == ("hit" if cached else None)


def test_filters_in_another_order_share_one_entry(client, shared_site):
    client.get(shared_site.programme.url + "?kind=screening&page=1")

    response = Client().get(shared_site.programme.url + "?page=1&kind=screening")

    assert cache_state(response) == "hit"


def test_search_healthz_and_admin_are_never_cached(client, shared_site):
    for url in ("/search/?q=cinema", "/healthz", "/admin/login/"):
        client.get(url)
        assert cache_state(Client().get(url)) is None, url


def test_a_missing_page_is_not_cached(
    client, shared_site, about, django_capture_on_commit_callbacks
):
    client.get("/acces-nouveau/")

    with django_capture_on_commit_callbacks(execute=True):
        about.slug = "acces-nouveau"
        about.save_revision().publish()

    assert Client().get("/acces-nouveau/").status_code == 200


def test_a_page_behind_a_password_is_never_cached(client, about):
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="fabrique"
    )

    client.get(about.url)
    response = Client().get(about.url)

    assert cache_state(response) is None
    assert "Accès" not in response.content.decode().split("<main")[-1]


def test_a_page_leaves_the_cache_when_its_bookings_close_by_the_clock(client, screening):
    assert cache_state(client.get(screening.url)) == "miss"
    assert 'id="booking"' in Client().get(screening.url).content.decode()

    with time_machine.travel(START + timedelta(minutes=1), tick=False):
        response = Client().get(screening.url)

    assert cache_state(response) == "miss"
    assert 'name="csrfmiddlewaretoken"' not in response.content.decode()


def test_a_restriction_added_later_clears_the_cached_page(
    client, about, django_capture_on_commit_callbacks
):
    client.get(about.url)

    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=about, restriction_type=PageViewRestriction.PASSWORD, password="fabrique"
        )

    assert cache_state(Client().get(about.url)) is None


def test_the_cache_is_off_when_its_lifetime_is_zero(settings, client, about):
    settings.PAGE_CACHE_SECONDS = 0

    client.get(about.url)

    assert cache_state(Client().get(about.url)) is None


def test_the_page_cache_runs_after_the_middleware_it_relies_on():
    order = settings.MIDDLEWARE
    ours = order.index("core.page_cache.PageCacheMiddleware")
    for needed in (
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.locale.LocaleMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
    ):
        assert order.index(needed) < ours, needed


def test_publishing_purges_the_page_from_a_front_end_cache(settings, about):
    """Several app servers behind Varnish or nginx: Wagtail sends it a PURGE."""
    purged = []

    class Proxy(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            purged.append((self.headers["Host"], self.path))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Proxy)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    try:
        about.title = "Venir à la fabrique"
        about.save_revision().publish()
    finally:
        server.shutdown()
        server.server_close()

    assert ("localhost", "/acces/") in purged


def test_the_programme_leaves_the_cache_when_a_month_begins(client, shared_site):
    """Its month filter offers the months from the current one."""
    url = shared_site.programme.url
    with time_machine.travel(paris(2026, 11, 30, 23, 59), tick=False):
        client.get(url)
        assert cache_state(Client().get(url)) == "hit"
    with time_machine.travel(paris(2026, 12, 1, 0, 0, 1), tick=False):
        response = Client().get(url)

    assert cache_state(response) == "miss"
    assert "novembre 2026" not in response.content.decode()


def redis_reachable() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(
    not redis_reachable() and not os.environ.get("CI"),
    reason="no Redis on 127.0.0.1:6379 (required in CI)",
)
def test_on_redis_a_hit_needs_two_queries_and_shows_a_booking_at_once(
    screening, session, django_assert_num_queries, django_capture_on_commit_callbacks
):
    """The production cache: entries and generations survive pickling to Redis."""
    prefix = f"test-page-cache-{uuid.uuid4().hex}"
    redis = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/14",
            # A prefix of its own: nothing else in Redis is read or deleted (never
            # cache.clear(), which empties the whole Redis database).
            "KEY_PREFIX": prefix,
        }
    }
    with override_settings(CACHES=redis):
        try:
            Client().get(screening.url)
            with django_assert_num_queries(2):
                hit = Client().get(screening.url)
            with django_capture_on_commit_callbacks(execute=True):
                Client().post(screening.url, form_data(session))
            after = Client().get(screening.url)
            stored = cache.keys("pagecache:*")
        finally:
            client = cache.client.get_client()
            for key in client.scan_iter(f"{prefix}:*"):
                client.delete(key)

    assert stored  # the entries were in Redis
    assert cache_state(hit) == "hit"
    assert cache_state(after) == "hit"
    assert "3 places restantes" in after.content.decode()


# --- a Redis outage: changes made while the cache was away ------------------------------


@pytest.fixture
def own_redis(tmp_path, settings):
    """A redis-server of the test's own (its dump file in tmp_path), as production's
    cache: django-redis failing open while it is down."""
    redis = RedisServer(tmp_path).start()
    settings.CACHES = {"default": redis_cache(redis.url)}
    yield redis
    redis.stop()


def stored_pages() -> list[str]:
    """The pages in Redis, once it answers again (the first call after a restart may
    still meet a connection of before)."""
    for _attempt in range(50):
        found = cache.keys("pagecache:page:*")
        if found is not None:
            return found
        threading.Event().wait(0.1)
    raise AssertionError("Redis did not answer after its restart")


def fill_through_the_form(screening, session):
    """Five places: two seats, two seats, one seat, booked by three visitors."""
    for email, seats in (("a@example.org", "2"), ("b@example.org", "2"), ("c@example.org", "1")):
        response = Client().post(screening.url, form_data(session, email=email, seats=seats))
        assert response.status_code == 302


def cancel_a_booking(screening, session):
    booking_cancel(booking=Booking.objects.get(email="held@example.org"))


def raise_the_places(screening, session):
    session.places = 9  # as staff do in the admin
    session.save()


@pytest.mark.parametrize(
    ("change", "french", "english"),
    [
        (fill_through_the_form, "complet, liste d", "full, waiting list"),
        (cancel_a_booking, "5 places restantes", "5 places left"),
        (raise_the_places, "6 places restantes", "6 places left"),
    ],
)
def test_after_a_redis_outage_pages_show_the_places_changed_while_it_was_down(
    own_redis, screening, session, django_capture_on_commit_callbacks, change, french, english
):
    """Redis stopped with its data kept, places changed meanwhile (the invalidation could
    not reach it), Redis back from its dump with the old pages: they are not served."""
    if change is cancel_a_booking:
        BookingFactory(session=session, seats=2, email="held@example.org")
    elif change is raise_the_places:
        BookingFactory(session=session, seats=3, email="held@example.org")
    in_english = publish_translation(screening, title="The Workers")
    urls = (screening.url, in_english.url)
    before = [Client().get(url) for url in urls]
    assert [cache_state(Client().get(url)) for url in urls] == ["hit", "hit"]

    own_redis.shutdown_saving()
    with django_capture_on_commit_callbacks(execute=True):
        change(screening, session)
    own_redis.start()
    assert len(stored_pages()) == 2  # the pages from before the change are back
    after = [Client().get(url) for url in urls]
    again = [Client().get(url) for url in urls]

    assert [cache_state(response) for response in after] == ["miss", "miss"]
    assert [cache_state(response) for response in again] == ["hit", "hit"]
    for response, shown, text in zip(again, before, (french, english), strict=True):
        assert text in response.content.decode()
        assert text not in shown.content.decode()
