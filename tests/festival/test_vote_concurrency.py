"""One vote per person, under concurrency: the same person's vote sent many times at
once (two tabs, a double click, a script) leaves one vote, and no request fails. Needs
PostgreSQL (one connection per thread, real unique-index waits); CI runs it there."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from festival import services
from festival.models import Viewer, Vote
from tests.concurrency import POSTGRES_ONLY, RaceWindow
from tests.conftest import build_bilingual_site
from tests.festival.factories import CompetitionPageFactory, film

THREADS = 20
pytestmark = POSTGRES_ONLY


@pytest.fixture
def ballot(media_root):
    """An open competition with two films and one verified viewer."""
    site = build_bilingual_site()
    now = timezone.now()
    page = CompetitionPageFactory(
        parent=site.home,
        viewing_opens=now - timedelta(days=1),
        viewing_closes=now + timedelta(days=5),
        vote_closes=now + timedelta(days=6),
    )
    films = [film(page, "La Presse", "Jeanne Dupont"), film(page, "Quai", "Ali Benali")]
    viewer = Viewer.objects.create(
        competition_key=page.translation_key,
        email="camille@example.org",
        language="fr",
        verified_at=now,
    )
    return page, films, viewer


def rush(page, films, viewer) -> list[Exception]:
    """THREADS votes of the same person at the same moment, for one film or the other,
    each on its own connection."""
    barrier = threading.Barrier(THREADS)
    errors: list[Exception] = []

    def vote(n):
        try:
            barrier.wait(timeout=60)
            services.vote_cast(viewer=viewer, competition=page, film_key=films[n % 2].key)
        except Exception as error:  # noqa: BLE001 - collected and asserted on below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return errors


def test_many_votes_of_one_person_at_once_leave_one_vote_and_no_error(ballot, monkeypatch):
    page, films, viewer = ballot
    # Every request reads "no vote yet" before any writes: all of them try to insert.
    window = RaceWindow("vote", hold_together=THREADS).install(monkeypatch)

    errors = rush(page, films, viewer)

    assert errors == []
    assert window.calls == window.most_inside == THREADS
    votes = list(Vote.objects.filter(viewer=viewer))
    assert len(votes) == 1
    assert votes[0].film_key in {films[0].key, films[1].key}


def test_control_without_the_unique_constraint_the_same_rush_counts_many_votes(ballot, monkeypatch):
    """Proves the test above can fail: the same rush with the database's constraint
    dropped records a vote per request, every run."""
    page, films, viewer = ballot
    constraint = next(c for c in Vote._meta.constraints if c.name.endswith("one_per_viewer"))
    with connection.schema_editor() as editor:
        editor.remove_constraint(Vote, constraint)
    window = RaceWindow("vote", hold_together=THREADS).install(monkeypatch)
    try:
        errors = rush(page, films, viewer)
        assert errors == []
        assert window.calls == THREADS
        assert Vote.objects.filter(viewer=viewer).count() == THREADS
    finally:
        Vote.objects.all().delete()
        with connection.schema_editor() as editor:
            editor.add_constraint(Vote, constraint)


def test_control_without_the_update_on_conflict_the_rush_fails_requests(ballot, monkeypatch):
    """And the update after a conflicting insert is what spares the requests an error:
    without it, every request but one fails (a server error for the visitor)."""
    page, films, viewer = ballot
    monkeypatch.setattr(
        services,
        "_vote_insert",
        lambda *, viewer, film_key, now: Vote.objects.create(
            viewer=viewer, film_key=film_key, cast_at=now
        ),
    )
    RaceWindow("vote", hold_together=THREADS).install(monkeypatch)

    errors = rush(page, films, viewer)

    assert len(errors) == THREADS - 1
    assert Vote.objects.filter(viewer=viewer).count() == 1
