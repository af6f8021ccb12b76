"""Page fragments ({% page_fragment %}): a page built again (page cache off, or missed)
takes its menu, footer, listings and booking form from the cache, says the same as a
page built from scratch, and shows a change on the next view."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from events.bookings import Booking
from tests.conftest import paris, publish_translation
from tests.core.test_page_cache import TOKEN
from tests.events.factories import ScreeningPageFactory, SessionFactory, screening_with_one_session
from tests.events.test_booking_views import form_data
from tests.home.factories import StandardPageFactory

START = paris(2026, 12, 2, 20)
# A page built again, fragments warm, page cache off: Wagtail's routing (a query per
# level of the tree, its view restrictions), the versions (one query), the page's own
# reads, the language links; the screening page's places filled per answer. Pinned on
# purpose: a new query per page shows up here. The English screening page is one above
# the issue's 20 (the routing's and the venues' translations).
WARM_QUERIES = {
    "home": 9,
    "home_en": 11,
    "programme": 12,
    "programme_en": 14,
    "screening": 18,
    "screening_en": 21,
}


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.PAGE_FRAGMENT_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def screening(shared_site, frozen_now):
    return screening_with_one_session(shared_site, start=START)


@pytest.fixture
def urls(shared_site, screening):
    english = publish_translation(screening, title="The Workers")
    return {
        "home": shared_site.home.url,
        "home_en": shared_site.home_en.url,
        "programme": shared_site.programme.url,
        "programme_en": shared_site.programme_en.url,
        "screening": screening.url,
        "screening_en": english.url,
    }


def without_token(response) -> str:
    return TOKEN.sub("", response.content.decode())


def test_a_page_built_again_says_the_same_with_a_pinned_number_of_queries(client, urls, settings):
    counts = {}
    for name, url in urls.items():
        settings.PAGE_FRAGMENT_SECONDS = 0
        from_scratch = client.get(url)
        settings.PAGE_FRAGMENT_SECONDS = 600
        first = client.get(url)
        with CaptureQueriesContext(connection) as queries:
            again = Client().get(url)
        counts[name] = len(queries.captured_queries)

        assert from_scratch.status_code == first.status_code == again.status_code == 200
        assert without_token(again) == without_token(first) == without_token(from_scratch), name

    assert counts == WARM_QUERIES


def test_each_visitor_books_from_the_stored_form_with_their_own_token(screening):
    Client(enforce_csrf_checks=True).get(screening.url)  # stores the form
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(screening.url)
    token = TOKEN.search(page.content.decode()).group(1)

    response = visitor.post(screening.url, form_data(screening.get_sessions().get(), seats="1"))
    assert response.status_code == 403  # the control: no token, refused
    session = screening.get_sessions().get()
    response = visitor.post(screening.url, form_data(session, seats="1", csrfmiddlewaretoken=token))

    assert response.status_code == 302
    assert Booking.objects.get().session == session


def test_the_figure_follows_each_booking_and_the_words_follow_the_filling_one(
    client, screening, django_capture_on_commit_callbacks
):
    session = screening.get_sessions().get()
    client.get(screening.url)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(screening.url, form_data(session, email="a@example.org", seats="2"))
    partly = Client().get(screening.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(screening.url, form_data(session, email="b@example.org", seats="3"))
    full = Client().get(screening.url).content.decode()

    assert "3 places restantes" in partly
    assert "complet, liste d&#x27;attente" in full
    assert "__page_cache_places_" not in partly + full


def test_a_published_page_shows_in_the_menu_and_the_programme_on_the_next_view(
    client, shared_site, screening, django_capture_on_commit_callbacks
):
    for url in (shared_site.home.url, shared_site.programme.url):
        client.get(url)

    with django_capture_on_commit_callbacks(execute=True):
        StandardPageFactory(parent=shared_site.home, title="Accès", slug="acces").save_revision()
        about = shared_site.home.get_children().get(slug="acces").specific
        about.show_in_menus = True
        about.save_revision().publish()
        other = ScreeningPageFactory(parent=shared_site.programme, title="Nouvelle séance")
        SessionFactory(page=other, start=START + timedelta(days=1), venue=shared_site.venue)
        other.save_revision().publish()
    home = Client().get(shared_site.home.url).content.decode()
    programme = Client().get(shared_site.programme.url).content.decode()

    assert "Accès" in home and "Accès" in programme  # the menu of every page
    assert "Nouvelle séance" in programme


def test_the_listings_follow_the_clock(client, shared_site, screening, time_machine):
    assert "Les Ouvrières" in client.get(shared_site.programme.url).content.decode()

    time_machine.move_to(START + timedelta(hours=3))  # the only session is over
    programme = Client().get(shared_site.programme.url).content.decode()

    assert "Les Ouvrières" not in programme


def test_a_preview_shows_the_draft_not_the_stored_fragment(client, shared_site, rf):
    client.get(shared_site.home.url)  # stores the home page's fragment
    home = shared_site.home.specific
    home.introduction = "Texte en cours d'écriture"
    request = rf.get("/")
    request.user = AnonymousUser()

    preview = home.make_preview_request(original_request=request)

    assert "Texte en cours d&#x27;écriture" in preview.content.decode()


def test_with_the_page_cache_on_a_rebuilt_page_takes_the_new_words(
    client, screening, settings, django_capture_on_commit_callbacks
):
    """As deployed: the page cache misses because the booking filled the date, and the
    page built again takes its form's fragment under the new places version."""
    settings.PAGE_CACHE_SECONDS = 600
    session = screening.get_sessions().get()
    client.get(screening.url)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(screening.url, form_data(session, email="a@example.org", seats="2"))
    partly = Client().get(screening.url)
    with django_capture_on_commit_callbacks(execute=True):
        Client().post(screening.url, form_data(session, email="b@example.org", seats="3"))
    full = Client().get(screening.url)

    assert partly["X-Page-Cache"] == "hit" and "3 places restantes" in partly.content.decode()
    assert full["X-Page-Cache"] == "miss"
    assert "complet, liste d&#x27;attente" in full.content.decode()
