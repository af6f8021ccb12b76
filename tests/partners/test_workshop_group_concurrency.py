"""Public registrations and a group acceptance racing for the last places of a workshop
series never hold more than the series has: the acceptance counts under the workshop's
locks, the ones every registration takes. Needs PostgreSQL (real row locks, one
connection per thread)."""

import threading
from datetime import date, timedelta

import pytest
from django.utils import timezone

from events.models import Session
from partners import services
from partners.models import GroupRequest
from tests.concurrency import POSTGRES_ONLY
from tests.conftest import build_bilingual_site
from tests.events.factories import SessionFactory
from tests.partners import racing
from tests.partners.racing import GroupWindow
from tests.workshops.factories import RegistrationFactory, WorkshopPageFactory
from workshops import services as workshop_services
from workshops.registrations import Registration

SERIES_PLACES = (12, 10, 15)  # the series has 10 places
PLACES = 10
ALREADY_REGISTERED = 5
REGISTRANTS = 10
GROUP = 4  # people and adults
pytestmark = POSTGRES_ONLY


@pytest.fixture
def last_places(media_root, monkeypatch, settings):
    settings.PARTNER_GROUP_QUOTA = 20
    site = build_bilingual_site()
    page = WorkshopPageFactory(parent=site.programme, is_series=True, age_min=9, age_max=13)
    start = timezone.now() + timedelta(days=7)
    sessions = [
        SessionFactory(page=page, venue=site.venue, places=places, start=start + timedelta(weeks=n))
        for n, places in enumerate(SERIES_PLACES)
    ]
    for _n in range(ALREADY_REGISTERED):
        RegistrationFactory(session=sessions[0], covers_series=True)
    group = GroupRequest.objects.create(
        session=sessions[0],
        organisation_name="Centre social",
        contact_name="M. Haddad",
        email="haddad@example.org",
        phone="0123",
        people=3,
        adults=1,
        language="fr",
    )
    monkeypatch.setattr("events.engine.send_later", lambda *args, **kwargs: None)
    monkeypatch.setattr(services, "queue_group_email", lambda **kwargs: None)
    return page, group


def race(workshop, group, window: GroupWindow, registrants_done: threading.Event):
    def register(n):
        workshop_services.registration_create(
            workshop=workshop,
            child_first_name=f"Child{n}",
            child_birth_date=date(2016, 5, 1),
            guardian_first_name="Rush",
            guardian_last_name=str(n),
            email=f"rush{n}@example.org",
            phone="06 12 34 56 78",
            language="fr",
            participation_consent=True,
        )

    return racing.race(group, window, registrants_done, claim=register, n=REGISTRANTS)


def held(workshop) -> int:
    confirmed = Registration.objects.filter(workshop=workshop, status="confirmed").count()
    groups = GroupRequest.objects.filter(session__page=workshop, status="accepted")
    return confirmed + sum(g.size for g in groups)


def test_registrations_and_a_group_racing_for_a_series_last_places_never_exceed_them(
    last_places, monkeypatch
):
    workshop, group = last_places
    window = GroupWindow().install(monkeypatch)

    errors = race(workshop, group, window, threading.Event())

    assert errors == []
    group.refresh_from_db()
    # The group counted first, under the workshop's locks: the registrations waited,
    # then took what was left and the others went on the waiting list.
    assert group.status == "accepted"
    assert held(workshop) == PLACES
    left = PLACES - ALREADY_REGISTERED - GROUP
    assert Registration.objects.filter(workshop=workshop, status="waitlisted").count() == (
        REGISTRANTS - left
    )


def test_control_without_the_locks_the_same_race_overfills(last_places, monkeypatch):
    """Proves the test above can fail: the acceptance counts the places without the
    workshop's locks and stays between counting and writing until every registration
    is through; they take the last places, then the group is written on its stale
    count."""
    workshop, group = last_places

    def unlocked(*, session_id):
        event_key = Session.objects.values_list("event_key", flat=True).get(pk=session_id)
        sessions = list(Session.objects.filter(event_key=event_key).order_by("pk"))
        return workshop_services.places_left_on(session_id=session_id, sessions=sessions)

    monkeypatch.setattr(workshop_services, "group_places", unlocked)
    done = threading.Event()
    window = GroupWindow(until_done=done).install(monkeypatch)

    errors = race(workshop, group, window, done)

    assert errors == []
    group.refresh_from_db()
    assert group.status == "accepted"
    assert held(workshop) == PLACES + GROUP > PLACES
