"""What is on: upcoming sessions, filters, month bounds in Paris, pages per language."""

from datetime import date, timedelta

import pytest
from wagtail.models import PageViewRestriction

from events.models import Session
from events.selectors import (
    current_courses,
    event_sessions,
    home_listings,
    programme_page,
    upcoming_screenings,
    upcoming_sessions,
)
from tests.conftest import NOW, paris, publish_translation
from tests.events.factories import ScreeningPageFactory, SessionFactory
from tests.workshops.factories import TrainingModulePageFactory, WorkshopPageFactory


@pytest.fixture
def site(shared_site):
    return shared_site


def session(page, start, **kwargs):
    return SessionFactory(page=page, start=start, **kwargs)


def uids(sessions):
    return [s.uid for s in sessions]


def test_upcoming_sessions_exclude_those_already_over(site):
    page = ScreeningPageFactory(parent=site.programme)
    over = session(page, NOW - timedelta(days=1))
    running = session(page, NOW - timedelta(hours=1), end=NOW + timedelta(hours=1))
    later = session(page, NOW + timedelta(days=8))
    soon = session(page, NOW + timedelta(days=1))

    result = uids(upcoming_sessions())

    assert over.uid not in result
    assert result == [running.uid, soon.uid, later.uid]


def test_upcoming_sessions_exclude_unpublished_pages(site):
    published = ScreeningPageFactory(parent=site.programme)
    withdrawn = ScreeningPageFactory(parent=site.programme)
    kept = session(published, NOW + timedelta(days=1))
    session(withdrawn, NOW + timedelta(days=1))

    withdrawn.unpublish()

    assert uids(upcoming_sessions()) == [kept.uid]


def test_kind_and_audience_filters(site):
    screening = session(ScreeningPageFactory(parent=site.programme), NOW + timedelta(days=1))
    workshop = session(WorkshopPageFactory(parent=site.programme), NOW + timedelta(days=2))
    training = session(TrainingModulePageFactory(parent=site.programme), NOW + timedelta(days=3))

    assert uids(upcoming_sessions(kind="screening")) == [screening.uid]
    assert uids(upcoming_sessions(kind="workshop")) == [workshop.uid]
    assert uids(upcoming_sessions(kind="training")) == [training.uid]
    assert uids(upcoming_sessions(audience="young")) == [workshop.uid]
    assert uids(upcoming_sessions(audience="professionals")) == [training.uid]
    assert uids(upcoming_sessions(kind="screening", audience="young")) == []


def test_month_filter_uses_paris_month_bounds(site):
    page = ScreeningPageFactory(parent=site.programme)
    # 30 November 23:30 in Paris is 22:30 UTC; 1 December 00:30 in Paris is 23:30 UTC
    # on 30 November: the Paris calendar decides.
    last_of_november = session(page, paris(2026, 11, 30, 23, 30))
    first_of_december = session(page, paris(2026, 12, 1, 0, 30))
    last_of_december = session(page, paris(2026, 12, 31, 23, 30))
    session(page, paris(2027, 1, 1, 0, 30))

    december = uids(upcoming_sessions(month=date(2026, 12, 1)))
    november = uids(upcoming_sessions(month=date(2026, 11, 1)))

    assert december == [first_of_december.uid, last_of_december.uid]
    assert november == [last_of_november.uid]


def test_month_filter_in_summer_time(site):
    page = ScreeningPageFactory(parent=site.programme)
    last_of_may = session(page, paris(2027, 5, 31, 23, 30))
    first_of_june = session(page, paris(2027, 6, 1, 0, 30))

    assert uids(upcoming_sessions(month=date(2027, 6, 1))) == [first_of_june.uid]
    assert uids(upcoming_sessions(month=date(2027, 5, 1))) == [last_of_may.uid]


def test_event_sessions_are_shared_by_every_translation(site):
    page = ScreeningPageFactory(parent=site.programme)
    first = session(page, NOW + timedelta(days=1))
    english = publish_translation(page, title="In English")

    assert uids(event_sessions(event_key=english.translation_key)) == [first.uid]
    assert english.translation_key == page.translation_key


def test_programme_page_drops_sessions_of_private_pages(site):
    public = ScreeningPageFactory(parent=site.programme)
    private = ScreeningPageFactory(parent=site.programme)
    kept = session(public, NOW + timedelta(days=1))
    session(private, NOW + timedelta(days=2))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    listed = programme_page(locale=site.fr).object_list

    assert uids(listed) == [kept.uid]


def test_programme_page_attaches_the_page_in_the_visitor_language(site):
    translated = ScreeningPageFactory(parent=site.programme)
    untranslated = ScreeningPageFactory(parent=site.programme)
    session(translated, NOW + timedelta(days=1))
    session(untranslated, NOW + timedelta(days=2))
    english = publish_translation(translated, title="In English")

    listed = programme_page(locale=site.en).object_list

    assert [s.event_page for s in listed] == [english, untranslated]
    assert [s.event_page for s in programme_page(locale=site.fr).object_list] == [
        translated,
        untranslated,
    ]


def test_upcoming_screenings_leave_out_cancelled_sessions(site):
    page = ScreeningPageFactory(parent=site.programme)
    session(page, NOW + timedelta(days=1), status=Session.Status.CANCELLED)
    shown = session(page, NOW + timedelta(days=2))
    session(WorkshopPageFactory(parent=site.programme), NOW + timedelta(days=1))

    assert uids(upcoming_screenings(locale=site.fr)) == [shown.uid]


def test_current_courses_give_the_next_session_of_each_course(site):
    workshop = WorkshopPageFactory(parent=site.programme)
    training = TrainingModulePageFactory(parent=site.programme)
    first_workshop = session(workshop, NOW + timedelta(days=1))
    session(workshop, NOW + timedelta(days=8))
    first_training = session(training, NOW + timedelta(days=3))
    session(ScreeningPageFactory(parent=site.programme), NOW + timedelta(days=1))

    courses = current_courses(locale=site.fr)

    assert uids(courses) == [first_workshop.uid, first_training.uid]
    assert uids(current_courses(locale=site.fr, limit=1)) == [first_workshop.uid]


def test_home_listings_match_the_screenings_and_courses_asked_separately(site):
    screening = ScreeningPageFactory(parent=site.programme)
    translated = ScreeningPageFactory(parent=site.programme)
    publish_translation(translated, title="In English")
    private = ScreeningPageFactory(parent=site.programme)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    workshop = WorkshopPageFactory(parent=site.programme)
    training = TrainingModulePageFactory(parent=site.programme)
    for page in (screening, translated, private, workshop, training):
        session(page, NOW + timedelta(days=1))
        session(page, NOW + timedelta(days=2))

    for locale in (site.fr, site.en):
        screenings, courses = home_listings(locale=locale, screenings=3, courses=4)

        assert uids(screenings) == uids(upcoming_screenings(locale=locale, limit=3))
        assert uids(courses) == uids(current_courses(locale=locale, limit=4))
        assert [s.event_page.title for s in screenings] == [
            s.event_page.title for s in upcoming_screenings(locale=locale, limit=3)
        ]
    assert "In English" in [s.event_page.title for s in screenings]
    assert private.pk not in {s.event_page.pk for s in screenings}


def test_listed_pages_still_load_their_long_texts_when_asked(site):
    """Listings leave bodies out of the query; a template reading one still gets it."""
    page = ScreeningPageFactory(parent=site.programme, synopsis="<p>Un film.</p>")
    session(page, NOW + timedelta(days=1))

    (listed,) = upcoming_screenings(locale=site.fr)

    assert listed.event_page.synopsis == "<p>Un film.</p>"
