"""A screening page lists its directors (linking residents) from one query, and a
preview shows the directors being edited, not the published ones."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events.models import ScreeningDirector
from tests.events.factories import ScreeningPageFactory
from tests.residents.factories import ResidentPageFactory


def test_directors_are_read_once_and_link_resident_pages(client, shared_site):
    resident = ResidentPageFactory(parent=shared_site.residents, name="Nadia Ferhat")
    page = ScreeningPageFactory(
        parent=shared_site.programme,
        directors=[
            ScreeningDirector(name="Nadia Ferhat", resident=resident),
            ScreeningDirector(name="Jo Li"),
        ],
    )
    client.get(page.url)

    with CaptureQueriesContext(connection) as queries:
        html = client.get(page.url).content.decode()

    director_queries = [
        q for q in queries.captured_queries if "events_screeningdirector" in q["sql"]
    ]
    assert len(director_queries) == 1
    assert f'<a href="{resident.url}">Nadia Ferhat</a>, Jo Li' in html


def test_preview_shows_the_directors_being_edited(shared_site):
    page = ScreeningPageFactory(parent=shared_site.programme)
    page.directors = [ScreeningDirector(name="Nouvelle Réalisatrice")]

    response = page.make_preview_request()

    html = response.content.decode()
    assert "Nouvelle Réalisatrice" in html
    assert "Jeanne Dupont" not in html
