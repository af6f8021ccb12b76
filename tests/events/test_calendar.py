"""The iCalendar feeds: what calendar apps parse, and how they poll."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from events.calendar import session_uid
from events.models import Session
from tests.conftest import paris, publish_translation
from tests.events.factories import ScreeningPageFactory, SessionFactory
from tests.workshops.factories import WorkshopPageFactory

PARIS = ZoneInfo("Europe/Paris")
FEEDS = [
    "/calendar.ics",
    "/calendar/screenings.ics",
    "/calendar/workshops.ics",
    "/calendar/training.ics",
    "/calendar.ics?lang=en",
    "/calendar/screenings.ics?lang=en",
]

pytestmark = pytest.mark.django_db


def events_by_uid(body: bytes) -> dict:
    calendar = Calendar.from_ical(body)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def assert_well_formed(body: bytes):
    """RFC 5545 §3.1: CRLF, folded at 75 octets; no floating date-times."""
    assert body.endswith(b"\r\n")
    lines = body.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines), max(lines, key=len)
    body.decode("utf-8")
    unfolded = re.sub(rb"\r\n[ \t]", b"", body).split(b"\r\n")
    in_timezone = False
    for line in unfolded:
        if line == b"BEGIN:VTIMEZONE":
            in_timezone = True
        elif line == b"END:VTIMEZONE":
            in_timezone = False
        elif not in_timezone and re.match(rb"^(DTSTART|DTEND|DTSTAMP|RECURRENCE-ID)[;:]", line):
            assert b";TZID=" in line or line.endswith(b"Z"), line
    calendar = Calendar.from_ical(body)
    assert not calendar.get_missing_tzids()
    return calendar


@pytest.fixture(autouse=True)
def empty_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def feed_site(site_content):
    return site_content


def test_every_feed_is_well_formed_text_calendar(feed_site, client):
    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert "Content-Encoding" not in response
        assert response["ETag"] and response["Last-Modified"]
        calendar = assert_well_formed(response.content)
        assert calendar["X-WR-CALNAME"] == calendar["NAME"]
        assert "METHOD" not in calendar  # the Content-Type says no method
        assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H" in response.content
        assert b"X-PUBLISHED-TTL:PT6H" in response.content


def test_each_kind_feed_holds_only_its_kind(feed_site, client):
    screenings = events_by_uid(client.get("/calendar/screenings.ics").content)
    workshops = events_by_uid(client.get("/calendar/workshops.ics").content)
    training = events_by_uid(client.get("/calendar/training.ics").content)
    everything = events_by_uid(client.get("/calendar.ics").content)
    assert len(screenings) == len(workshops) == len(training) == 1
    assert set(everything) == set(screenings) | set(workshops) | set(training)
    (screening,) = screenings.values()
    assert screening["CATEGORIES"].cats == ["Séance"]
    (screening_en,) = events_by_uid(client.get("/calendar/screenings.ics?lang=en").content).values()
    assert screening_en["CATEGORIES"].cats == ["Screening"]


def test_unknown_kind_is_404(feed_site, client):
    assert client.get("/calendar/concerts.ics").status_code == 404


def test_event_has_the_fields_calendar_apps_show(feed_site, client):
    screening = feed_site.pages["screening"][0]
    session = screening.get_sessions().get()
    event = events_by_uid(client.get("/calendar/screenings.ics").content)[session_uid(session)]
    assert str(event["SUMMARY"]) == "Les Ouvrières"
    assert event["DTSTART"].dt == paris(2026, 12, 2, 20)
    assert event["DTSTART"].params["TZID"] == "Europe/Paris"
    assert event["DTSTAMP"].dt.utcoffset() == timedelta(0)
    assert str(event["URL"]) == "http://testserver/programme/ouvrieres/"
    assert "http://testserver/programme/ouvrieres/" in str(event["DESCRIPTION"])
    assert "Salle Jean Vigo" in str(event["LOCATION"])
    assert "93400 Saint-Ouen-sur-Seine" in str(event["LOCATION"])
    assert str(event["STATUS"]) == "CONFIRMED"


def test_uids_are_stable_across_requests_and_languages(feed_site, client):
    first = client.get("/calendar.ics").content
    second = client.get("/calendar.ics").content
    english = client.get("/calendar.ics?lang=en").content
    assert first == second
    assert set(events_by_uid(first)) == set(events_by_uid(english))
    assert len(events_by_uid(first)) == Session.objects.count()


def test_english_feed_has_english_texts_and_urls(feed_site, client):
    screening = feed_site.pages["screening"][0]
    uid = session_uid(screening.get_sessions().get())
    event = events_by_uid(client.get("/calendar.ics?lang=en").content)[uid]
    assert str(event["SUMMARY"]) == "The Workers"
    assert str(event["URL"]).startswith("http://testserver/en/")


def test_uids_are_unique_per_session_and_survive_edits(feed_site, client):
    screening = type(feed_site.pages["screening"][0]).objects.get(
        pk=feed_site.pages["screening"][0].pk
    )
    SessionFactory(page=screening, start=paris(2026, 12, 16, 20), venue=feed_site.site.venue)
    before = events_by_uid(client.get("/calendar.ics").content)
    assert len(before) == Session.objects.count() == 4
    screening.title = "Les Ouvrières (version restaurée)"
    screening.save_revision().publish()
    after = events_by_uid(client.get("/calendar.ics").content)
    assert set(after) == set(before)


def test_unchanged_programme_gives_byte_identical_feed_after_cache_clears(feed_site, client):
    from django.core.cache import cache

    first = client.get("/calendar.ics").content
    cache.clear()
    assert client.get("/calendar.ics").content == first


def test_sequence_rises_when_time_place_or_status_change(feed_site, client, frozen_now):
    session = feed_site.pages["screening"][0].get_sessions().get()
    uid = session_uid(session)
    assert events_by_uid(client.get("/calendar.ics").content)[uid]["SEQUENCE"] == 0

    session.start += timedelta(hours=1)
    session.end += timedelta(hours=1)
    session.save()
    event = events_by_uid(client.get("/calendar.ics").content)[uid]
    assert event["SEQUENCE"] == 1
    assert event["DTSTART"].dt == paris(2026, 12, 2, 21)

    session.places = 60  # not a change calendars care about
    session.save()
    assert events_by_uid(client.get("/calendar.ics").content)[uid]["SEQUENCE"] == 1

    session.status = Session.Status.POSTPONED
    session.save()
    event = events_by_uid(client.get("/calendar.ics").content)[uid]
    assert event["SEQUENCE"] == 2
    assert str(event["STATUS"]) == "TENTATIVE"


def test_saving_a_stale_copy_never_lowers_sequence(feed_site):
    """A page revision drafted before a change carries the old sequence number."""
    session = feed_site.pages["screening"][0].get_sessions().get()
    stale = Session.objects.get(pk=session.pk)
    session.start += timedelta(days=7)
    session.end += timedelta(days=7)
    session.save()
    stale.save()  # moves it back: a second change, not a reset
    assert Session.objects.get(pk=session.pk).sequence == 2


def test_cancelled_session_stays_with_status_cancelled(feed_site, client):
    session = feed_site.pages["screening"][0].get_sessions().get()
    session.status = Session.Status.CANCELLED
    session.save()
    event = events_by_uid(client.get("/calendar/screenings.ics").content)[session_uid(session)]
    assert str(event["STATUS"]) == "CANCELLED"
    assert event["SEQUENCE"] == 1


def test_feed_keeps_the_last_thirty_days_only(feed_site, client, frozen_now):
    screening = feed_site.pages["screening"][0]
    recent = SessionFactory(page=screening, start=frozen_now - timedelta(days=20))
    old = SessionFactory(page=screening, start=frozen_now - timedelta(days=40))
    uids = set(events_by_uid(client.get("/calendar.ics").content))
    assert session_uid(recent) in uids
    assert session_uid(old) not in uids


def test_unpublished_page_leaves_the_feed(feed_site, client):
    screening = feed_site.pages["screening"][0]
    uid = session_uid(screening.get_sessions().get())
    assert uid in events_by_uid(client.get("/calendar.ics").content)
    type(screening).objects.get(pk=screening.pk).unpublish()
    assert uid not in events_by_uid(client.get("/calendar.ics").content)


def test_workshop_series_keeps_local_time_across_the_october_change(shared_site, client):
    workshop = WorkshopPageFactory(parent=shared_site.programme, title="Série", slug="serie")
    # 2027's last Sunday of October is the 31st: two Saturdays either side of it.
    before = SessionFactory(page=workshop, start=paris(2027, 10, 23, 14))
    after = SessionFactory(page=workshop, start=paris(2027, 11, 6, 14))
    events = events_by_uid(client.get("/calendar/workshops.ics").content)
    for session in (before, after):
        start = events[session_uid(session)]["DTSTART"].dt
        assert start.astimezone(PARIS).hour == 14
    assert events[session_uid(before)]["DTSTART"].dt.utcoffset() == timedelta(hours=2)
    assert events[session_uid(after)]["DTSTART"].dt.utcoffset() == timedelta(hours=1)


def test_conditional_get_answers_304(feed_site, client):
    response = client.get("/calendar.ics")
    etag, modified = response["ETag"], response["Last-Modified"]
    assert client.get("/calendar.ics", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/calendar.ics", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert client.get("/calendar.ics", HTTP_IF_NONE_MATCH='"other"').status_code == 200


def test_change_clears_the_cached_feed(feed_site, client):
    response = client.get("/calendar.ics")
    session = feed_site.pages["screening"][0].get_sessions().get()
    session.status = Session.Status.CANCELLED
    session.save()
    changed = client.get("/calendar.ics", HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200
    assert b"STATUS:CANCELLED" in changed.content


def test_event_download_has_only_that_event_in_the_page_language(feed_site, client):
    screening, screening_en = feed_site.pages["screening"]
    response = client.get(screening_en.calendar_url)
    assert response.status_code == 200
    calendar = assert_well_formed(response.content)
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["The Workers"]
    assert str(events[0]["UID"]) == session_uid(screening.get_sessions().get())
    unknown = "/calendar/events/00000000-0000-0000-0000-000000000000.ics"
    assert client.get(unknown).status_code == 404


def test_long_unicode_text_is_folded_within_75_octets(shared_site, client):
    page = ScreeningPageFactory(
        parent=shared_site.programme,
        title="Éloge des ouvrières — " * 6,
        summary="« Mémoire » ; virgules, points-virgules; et retours\nà la ligne — " * 5,
    )
    session = SessionFactory(page=page, start=paris(2026, 12, 9, 20))
    body = client.get("/calendar.ics").content
    assert_well_formed(body)
    event = events_by_uid(body)[session_uid(session)]
    assert "« Mémoire » ; virgules, points-virgules;" in str(event["DESCRIPTION"])


def test_feed_query_count_does_not_grow_with_sessions(shared_site, client):
    pages = [ScreeningPageFactory(parent=shared_site.programme, image=None) for _ in range(5)]
    for page in pages[1:]:
        publish_translation(page)
    template = SessionFactory(page=pages[0], start=paris(2026, 12, 2, 20))

    def add_sessions(first, last):
        Session.objects.bulk_create(
            Session(
                page=pages[i % 5],
                event_key=pages[i % 5].translation_key,
                kind=template.kind,
                start=template.start + timedelta(days=i),
                end=template.end + timedelta(days=i),
                venue=template.venue,
                modified_at=template.modified_at,
            )
            for i in range(first, last)
        )

    def feed_queries():
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            body = client.get("/calendar.ics?lang=en").content
        assert len(events_by_uid(body)) == Session.objects.count()
        return [q["sql"] for q in queries]

    add_sessions(1, 10)
    with_ten = feed_queries()
    add_sessions(10, 1000)
    with_a_thousand = feed_queries()
    assert len(with_ten) == len(with_a_thousand)
    # Locales, sessions, per page type its view restrictions and pages, site roots.
    assert len(with_a_thousand) <= 13, "\n".join(q[:120] for q in with_a_thousand)


def test_programme_offers_subscription_to_every_feed(feed_site, client):
    html = client.get(feed_site.pages["programme"][0].url).content.decode()
    for path in FEEDS[:4]:
        assert f'href="webcal://testserver{path}"' in html
        assert f'value="http://testserver{path}"' in html
    html_en = client.get(feed_site.pages["programme"][1].url).content.decode()
    assert 'href="webcal://testserver/calendar.ics?lang=en"' in html_en


def test_each_event_page_links_to_its_own_calendar_file(feed_site, client):
    for name in ("screening", "workshop", "training"):
        for page in feed_site.pages[name]:
            html = client.get(page.url).content.decode()
            assert f'href="{page.calendar_url}"' in html
            assert client.get(page.calendar_url).status_code == 200


def from_scratch(rf, *, lang: str, kind=None) -> tuple[bytes, float | None]:
    """The feed built and serialised whole by the icalendar library, no stored piece."""
    from django.utils import translation

    from events import calendar, feeds

    with translation.override(lang):
        events = feeds.feed_events(rf.get("/calendar.ics"), kind=kind, lang=lang)
        ical = calendar.build_calendar(name=calendar.calendar_name(kind), events=events)
    return calendar.to_bytes(ical), calendar.last_change(ical)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_assembled_feed_is_byte_identical_to_a_build_from_scratch(feed_site, rf, lang):
    from events import feeds

    request = rf.get("/calendar.ics")
    for kind in (None, "screening", "workshop", "training"):
        scratch = from_scratch(rf, lang=lang, kind=kind)
        assert feeds.build_feed(request, kind=kind, lang=lang) == scratch  # pieces stored
        assert feeds.build_feed(request, kind=kind, lang=lang) == scratch  # pieces reused
    assert b"BEGIN:VEVENT" in scratch[0] and b"BEGIN:VTIMEZONE" in scratch[0]


def test_a_changed_session_has_its_piece_rebuilt_and_only_it(feed_site, rf, monkeypatch):
    from events import calendar, feeds

    request = rf.get("/calendar.ics")
    feeds.build_feed(request, kind=None, lang="fr")
    built = []
    serialise = calendar.session_event

    def counting(**kwargs):
        built.append(kwargs["session"].pk)
        return serialise(**kwargs)

    monkeypatch.setattr(calendar, "session_event", counting)
    session = feed_site.pages["screening"][0].get_sessions().get()
    session.start += timedelta(hours=1)
    session.end += timedelta(hours=1)
    session.save()

    body, stamp = feeds.build_feed(request, kind=None, lang="fr")

    assert built == [session.pk]
    assert (body, stamp) == from_scratch(rf, lang="fr")
    assert events_by_uid(body)[session_uid(session)]["SEQUENCE"] == 1
