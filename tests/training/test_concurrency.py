"""Several staff accepting the last place of a module at the same moment: exactly the
module's places end up accepted. Needs PostgreSQL (real row locks, one connection per
thread); CI runs the suite on PostgreSQL, so this runs there."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connections

from events import engine
from tests.concurrency import POSTGRES_ONLY, RaceWindow
from tests.conftest import build_bilingual_site, paris
from tests.events.factories import SessionFactory
from tests.workshops.factories import TrainingModulePageFactory
from training import services as services
from training.exceptions import ModuleFull
from training.models import Application

THREADS = 12
PLACES = 5
pytestmark = POSTGRES_ONLY


@pytest.fixture
def last_place(media_root, monkeypatch):
    """A module with 5 places, 4 accepted, and THREADS shortlisted applicants."""
    site = build_bilingual_site()
    module = TrainingModulePageFactory(
        parent=site.programme, places=PLACES, application_deadline=paris(2026, 12, 1, 18)
    )
    SessionFactory(page=module, venue=site.venue, start=paris(2027, 1, 11, 10))
    for n in range(PLACES - 1 + THREADS):
        Application.objects.create(
            module=module,
            first_name="A",
            last_name=str(n),
            email=f"a{n}@example.org",
            motivation="m",
            language="fr",
            status="accepted" if n < PLACES - 1 else "shortlisted",
        )
    monkeypatch.setattr("events.engine.send_later", lambda *args, **kwargs: None)
    return module


def rush(module) -> list[Exception]:
    """THREADS staff members each accept a different shortlisted applicant at once."""
    staff = [
        get_user_model().objects.create_user(f"staff{n}", f"s{n}@example.org", "x")
        for n in range(THREADS)
    ]
    shortlisted = list(Application.objects.filter(module=module, status="shortlisted"))
    barrier = threading.Barrier(THREADS)
    errors: list[Exception] = []

    def accept(n):
        try:
            barrier.wait(timeout=60)
            services.application_decide(
                application=shortlisted[n], status="accepted", by_user=staff[n]
            )
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=accept, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def test_staff_accepting_the_last_place_at_once_accept_exactly_the_places(last_place, monkeypatch):
    window = RaceWindow("application").install(monkeypatch)

    errors = rush(last_place)

    # Every decision passed the window between counting and writing, one at a time.
    assert (window.calls, window.most_inside) == (THREADS, 1)

    assert Application.objects.filter(module=last_place, status="accepted").count() == PLACES
    assert len(errors) == THREADS - 1
    assert all(isinstance(error, ModuleFull) for error in errors)


def test_control_without_the_lock_the_same_rush_accepts_too_many(last_place, monkeypatch):
    """Proves the test above can fail: the same code path, minus the row lock (and the
    places version written under it). Every decision is held between counting and
    writing until all have counted: each accepts on the same count, every run."""
    monkeypatch.setattr(
        engine, "lock", lambda kind, key, **kwargs: list(kind.capacity(key).order_by("pk"))
    )
    window = RaceWindow("application", hold_together=THREADS).install(monkeypatch)

    errors = rush(last_place)

    assert errors == []
    assert window.calls == window.most_inside == THREADS
    accepted = Application.objects.filter(module=last_place, status="accepted").count()
    assert accepted == PLACES - 1 + THREADS
