"""Listings cost a fixed number of queries, however many sessions are on."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.bookings import Booking
from tests.conftest import NOW, publish_translation
from tests.events.factories import ScreeningPageFactory, SessionFactory
from tests.workshops.factories import TrainingModulePageFactory, WorkshopPageFactory

# Pinned so that a new query per request shows up here; update on purpose only. The
# programme's seven-day view (its sessions, their pages) and a series' dates cost 7 more
# than the list alone; the home page's feature picture is fetched with the cards'. The
# locales and the private sections are read once per request (core.page_lookups).
EXPECTED_QUERIES = {"home": 18, "home_en": 22, "programme": 24, "programme_en": 29}
# The booking post: the page, its view restrictions, its sessions; then the savepoint
# pair standing for the request's transaction, the claim and the booking. (With the
# database mail queue, its task is one more INSERT in the same transaction; the test
# settings queue mail after commit.) It was 16 through Wagtail. The page-cache version
# is written only by the claim that fills the session.
BOOKING_POST_QUERIES = 7
# With the page cache on (production): the page, its restrictions and its sessions come
# from the cache under the content version, read instead (one query for three).
BOOKING_POST_QUERIES_PAGES_CACHED = 5
# Once the session is full: the same three reads and the savepoint pair, the claim that
# matches nothing, the conditional UPDATE joining the waitlist (it was the session
# locked by a SELECT ... FOR UPDATE, then the waiting counter: 9) and the booking.
WAITLIST_POST_QUERIES = 8
FACTORIES = [ScreeningPageFactory, WorkshopPageFactory, TrainingModulePageFactory]


def add_programme(site, *, pages: int, sessions: int, first_start):
    """``sessions`` sessions spread round-robin over ``pages`` new pages of every kind,
    each with its own image; every third page is translated into English."""
    created = [FACTORIES[i % 3](parent=site.programme) for i in range(pages)]
    for page in created[::3]:
        publish_translation(page, title=f"{page.title} (en)")
    for i in range(sessions):
        SessionFactory(
            page=created[i % pages], start=first_start + timedelta(hours=6 * i), venue=site.venue
        )


def queries_for(client, url) -> int:
    client.get(url)  # warm up: image renditions and site caches now exist
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.fixture
def urls(shared_site):
    return {
        "home": shared_site.home.url,
        "home_en": shared_site.home_en.url,
        "programme": shared_site.programme.url,
        "programme_en": shared_site.programme_en.url,
    }


def test_home_and_programme_use_as_many_queries_for_200_sessions_as_for_10(
    client, shared_site, urls, django_assert_num_queries
):
    add_programme(shared_site, pages=10, sessions=10, first_start=NOW + timedelta(days=1))
    few = {name: queries_for(client, url) for name, url in urls.items()}

    add_programme(shared_site, pages=30, sessions=190, first_start=NOW + timedelta(days=4))
    many = {name: queries_for(client, url) for name, url in urls.items()}

    assert many == few
    for name, url in urls.items():
        with django_assert_num_queries(EXPECTED_QUERIES[name]):
            assert client.get(url).status_code == 200


def book(client, session, email: str):
    """The booking form of ``session``'s page posted for one seat, as ``email``."""
    return client.post(
        reverse("screening_book", kwargs={"page_id": session.page_id}),
        {
            "action": "book",
            "session": str(session.uid),
            "first_name": "Ana",
            "last_name": "Ruiz",
            "email": email,
            "seats": "1",
            "terms": "on",
            "website": "",
        },
    )


def test_a_booking_post_costs_the_same_queries_whoever_booked_before(
    client, shared_site, django_assert_num_queries
):
    """The rush path: however many bookings the session holds, a post does the same work,
    and the seats are claimed by one UPDATE, without counting the bookings."""
    page = ScreeningPageFactory(parent=shared_site.programme)
    session = SessionFactory(page=page, start=NOW + timedelta(days=2), venue=shared_site.venue)

    for n in range(3):
        assert book(client, session, f"early{n}@example.org").status_code == 302

    with django_assert_num_queries(BOOKING_POST_QUERIES) as captured:
        response = book(client, session, "ana@example.org")

    assert response.status_code == 302
    assert Booking.objects.filter(session=session, status="confirmed").count() == 4
    booking_queries = [q["sql"] for q in captured.captured_queries if "events_booking" in q["sql"]]
    assert len(booking_queries) == 1  # the insert: the claim counted the seats


def test_with_pages_cached_a_booking_post_reads_the_page_from_the_cache(
    client, shared_site, settings, django_assert_num_queries
):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    page = ScreeningPageFactory(parent=shared_site.programme)
    session = SessionFactory(page=page, start=NOW + timedelta(days=2), venue=shared_site.venue)
    assert book(client, session, "early@example.org").status_code == 302

    with django_assert_num_queries(BOOKING_POST_QUERIES_PAGES_CACHED) as captured:
        response = book(client, session, "ana@example.org")

    assert response.status_code == 302
    assert Booking.objects.filter(session=session, status="confirmed").count() == 2
    read = " ".join(q["sql"] for q in captured.captured_queries)
    assert "wagtailcore_page" not in read and 'SELECT "events_session' not in read
    cache.clear()


def test_a_booking_post_on_a_full_session_waits_without_counting_the_bookings(
    client, shared_site, django_assert_num_queries
):
    """The 220 visitors of the rush who find the session full: the counters, kept under
    the session's lock, tell them to wait; the bookings are neither counted nor read: the
    waiting counter's conditional UPDATE decides, with no SELECT ... FOR UPDATE first."""
    page = ScreeningPageFactory(parent=shared_site.programme)
    session = SessionFactory(
        page=page, start=NOW + timedelta(days=2), venue=shared_site.venue, places=2
    )
    for n in range(4):
        assert book(client, session, f"early{n}@example.org").status_code == 302

    with django_assert_num_queries(WAITLIST_POST_QUERIES) as captured:
        response = book(client, session, "ana@example.org")

    assert response.status_code == 302
    assert Booking.objects.get(email="ana@example.org").status == "waitlisted"
    booking_queries = [q["sql"] for q in captured.captured_queries if "events_booking" in q["sql"]]
    assert len(booking_queries) == 1  # the insert
    assert not [q for q in captured.captured_queries if "FOR UPDATE" in q["sql"]]


# The screening page as built (page cache off), its places filled in from the counters.
SCREENING_PAGE_QUERIES = 22


def test_a_screening_page_costs_the_same_queries_however_many_bookings(
    client, shared_site, django_assert_num_queries
):
    page = ScreeningPageFactory(parent=shared_site.programme)
    sessions = [
        SessionFactory(page=page, start=NOW + timedelta(days=d), venue=shared_site.venue)
        for d in (2, 3, 4)
    ]
    few = queries_for(client, page.url)
    for n in range(5):
        Booking.objects.create(
            session=sessions[n % 3],
            first_name="Ana",
            last_name="Ruiz",
            email=f"p{n}@example.org",
            seats=1,
            status="confirmed",
            language="fr",
            terms_accepted_at=NOW,
        )

    assert queries_for(client, page.url) == few
    with django_assert_num_queries(SCREENING_PAGE_QUERIES):
        assert client.get(page.url).status_code == 200
