"""Listings cost a fixed number of queries, however many sessions are on."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import NOW, publish_translation
from tests.events.factories import ScreeningPageFactory, SessionFactory
from tests.workshops.factories import TrainingModulePageFactory, WorkshopPageFactory

# Pinned so that a new query per request shows up here; update on purpose only.
EXPECTED_QUERIES = {"home": 23, "home_en": 26, "programme": 22, "programme_en": 25}
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
