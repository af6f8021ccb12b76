"""schema.org data on programme pages, read back as a search engine would."""

import json
from datetime import datetime

import pytest
from bs4 import BeautifulSoup

from events.models import Session
from tests.conftest import PARIS, paris, publish_translation
from tests.events.factories import ScreeningPageFactory, SessionFactory
from tests.workshops.factories import WorkshopPageFactory


def json_ld(response) -> list[dict]:
    soup = BeautifulSoup(response.content, "html.parser")
    scripts = soup.find_all("script", type="application/ld+json")
    assert len(scripts) == 1
    data = json.loads(scripts[0].string)
    return data if isinstance(data, list) else [data]


@pytest.fixture(scope="module")
def module_screening(module_site, django_db_blocker):
    with django_db_blocker.unblock():
        return build_screening(module_site)


@pytest.fixture
def screening(db, module_screening):
    return module_screening


def build_screening(site):
    page = ScreeningPageFactory(
        parent=site.programme,
        title="Les Ouvrières & « nous »",
        summary="</script><script>alert(1)</script>",
        runtime=92,
    )
    venue = site.venue
    SessionFactory(page=page, start=paris(2026, 12, 2, 20), venue=venue)
    SessionFactory(
        page=page, start=paris(2027, 6, 2, 20), venue=venue, status=Session.Status.CANCELLED
    )
    return page


def test_screening_page_describes_each_session_as_a_screening_event(client, screening):
    events = json_ld(client.get(screening.url))

    assert len(events) == 2
    winter, summer = events
    assert winter["@context"] == "https://schema.org"
    assert winter["@type"] == "ScreeningEvent"
    assert winter["name"] == "Les Ouvrières & « nous »"
    assert winter["workPresented"]["director"] == [{"@type": "Person", "name": "Jeanne Dupont"}]
    assert winter["workPresented"]["duration"] == "PT92M"
    assert winter["eventStatus"] == "https://schema.org/EventScheduled"
    assert summer["eventStatus"] == "https://schema.org/EventCancelled"
    assert winter["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert winter["offers"]["price"] in ("0", 0)
    assert winter["offers"]["priceCurrency"] == "EUR"
    assert winter["isAccessibleForFree"] is True
    assert winter["organizer"]["@type"] == "Organization"
    assert winter["organizer"]["name"] == "Fabrique"
    assert winter["url"].endswith(screening.url)


def test_start_dates_are_iso_8601_with_the_paris_offset_of_the_day(client, screening):
    winter, summer = json_ld(client.get(screening.url))

    assert winter["startDate"] == "2026-12-02T20:00:00+01:00"
    assert summer["startDate"] == "2027-06-02T20:00:00+02:00"
    for event in (winter, summer):
        start = datetime.fromisoformat(event["startDate"])
        assert start.utcoffset() == start.astimezone(PARIS).utcoffset()
        assert datetime.fromisoformat(event["endDate"]) > start


def test_location_is_the_venue_with_its_postal_address(client, screening):
    winter, _summer = json_ld(client.get(screening.url))

    location = winter["location"]
    assert location["@type"] == "Place"
    assert location["name"] == "Salle Jean Vigo"
    assert location["address"] == {
        "@type": "PostalAddress",
        "streetAddress": "12 rue des Rosiers",
        "postalCode": "93400",
        "addressLocality": "Saint-Ouen-sur-Seine",
        "addressCountry": "FR",
    }


def test_hybrid_session_has_both_the_place_and_the_online_location(client, shared_site):
    page = WorkshopPageFactory(parent=shared_site.programme)
    SessionFactory(page=page, venue=shared_site.venue, attendance_mode=Session.Mode.HYBRID)

    (event,) = json_ld(client.get(page.url))

    assert event["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [place["@type"] for place in event["location"]] == ["Place", "VirtualLocation"]


def test_script_content_cannot_close_the_script_element(client, screening):
    response = client.get(screening.url)

    soup = BeautifulSoup(response.content, "html.parser")
    assert len(soup.find_all("script", type="application/ld+json")) == 1
    assert "<script>alert(1)" not in response.content.decode()
    assert json_ld(response)[0]["description"] == "</script><script>alert(1)</script>"


def test_english_page_gives_english_name_and_the_same_dates(client, screening):
    english = publish_translation(screening, title="The Workers")

    french_events = json_ld(client.get(screening.url))
    english_events = json_ld(client.get(english.url))

    assert [e["name"] for e in english_events] == ["The Workers", "The Workers"]
    assert [e["inLanguage"] for e in english_events] == ["en", "en"]
    assert [e["startDate"] for e in english_events] == [e["startDate"] for e in french_events]
    assert english_events[0]["url"].endswith(english.url)


def test_workshop_page_describes_its_sessions_as_events(client, shared_site):
    page = WorkshopPageFactory(parent=shared_site.programme, title="Atelier son")
    SessionFactory(page=page, start=paris(2026, 12, 9, 14), venue=shared_site.venue)

    (event,) = json_ld(client.get(page.url))

    assert event["@type"] == "Event"
    assert event["name"] == "Atelier son"
    assert event["startDate"] == "2026-12-09T14:00:00+01:00"
    assert "workPresented" not in event
