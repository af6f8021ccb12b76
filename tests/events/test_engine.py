"""The reservation engine, through a kind defined here in a few lines: a preview for
invited guests. It proves what a new kind of reservation costs (a ``Kind`` saying
which rows hold the places, how they are counted, its own rule and its emails) and
what it gets for free: places under the lock, strict waitlist order and promotion, one
active request per email, cancellation, emails after commit, the race window.

Its rows are stored as bookings (a real kind would have its own model inheriting
``PlaceReservation``), so the booking emails serve it."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext

from events import engine
from events.bookings import Booking
from events.exceptions import AlreadyBooked
from events.models import Session
from tests.concurrency import RaceWindow
from tests.conftest import paris
from tests.events.factories import ScreeningPageFactory, SessionFactory

START = paris(2026, 12, 2, 20)
GUESTS = {"ana@example.org", "bob@example.org", "cy@example.org", "dee@example.org"} | {
    f"early{n}@example.org" for n in range(3)
}


class NotInvited(Exception):
    pass


@dataclass(kw_only=True)
class PreviewRequest(engine.Request):
    name: str


class Previews(engine.Kind):
    """Invited guests only, a guest and one companion at most, on the session's places."""

    model = Booking
    scope = "preview"
    row_id = "booking_id"
    emails = {
        "placed": ("events.emails.booking_email_for", {}),
        "promoted": ("events.emails.booking_email_for", {}),
        "cancelled": ("events.emails.booking_cancelled_email_for", {}),
    }
    already = AlreadyBooked

    def capacity(self, key):
        return Session.objects.filter(pk=key)

    def mine(self, locked, request):
        return Booking.objects.filter(session=locked[0], email_key=request.email_key)

    def check(self, locked, request, now):
        if request.email_key not in GUESTS:
            raise NotInvited

    def line(self, locked, request):
        return self.lines(locked, now=None)[0]

    def lines(self, locked, now):
        rows = Booking.objects.filter(session=locked[0])
        confirmed = rows.filter(status="confirmed").aggregate(seats=Sum("seats"))["seats"]
        waiting = rows.filter(status="waitlisted").order_by("created_at", "pk")
        return [
            engine.Line(
                waiting=list(waiting.values_list("pk", "seats")),
                places=locked[0].places,
                confirmed=confirmed or 0,
                start=locked[0].start,
            )
        ]

    def build(self, locked, request, *, confirmed, now):
        return Booking(
            session=locked[0],
            first_name=request.name,
            last_name="",
            email=request.email_key,
            seats=request.seats,
            language="fr",
            terms_accepted_at=now,
            status="confirmed" if confirmed else "waitlisted",
            confirmed_at=now if confirmed else None,
        )


PREVIEWS = Previews()


@pytest.fixture
def session(shared_site, frozen_now):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Avant-première")
    return SessionFactory(page=page, start=START, venue=shared_site.venue, places=3)


def ask(session, email, seats=1):
    request = PreviewRequest(email_key=email, seats=seats, name=email.split("@")[0].title())
    return engine.reserve(PREVIEWS, request, key=session.pk)


def statuses(session) -> dict:
    rows = Booking.objects.filter(session=session)
    return dict(rows.values_list("email", "status"))


def test_a_new_kind_confirms_what_fits_and_nobody_jumps_the_line(session):
    ana = ask(session, "ana@example.org", seats=2)
    bob = ask(session, "bob@example.org", seats=2)  # one place left: waits
    cy = ask(session, "cy@example.org", seats=1)  # would fit, but Bob waits ahead

    assert (ana.status, bob.status, cy.status) == ("confirmed", "waitlisted", "waitlisted")
    assert ana.confirmed_at is not None and bob.confirmed_at is None


def test_a_cancellation_promotes_the_waiting_in_order_and_emails_after_commit(
    session, mailoutbox, django_capture_on_commit_callbacks
):
    ana = ask(session, "ana@example.org", seats=2)
    ask(session, "bob@example.org", seats=2)
    ask(session, "cy@example.org", seats=1)
    ask(session, "dee@example.org", seats=1)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        engine.cancel(PREVIEWS, ana)
    assert mailoutbox == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()

    assert statuses(session) == {
        "ana@example.org": "cancelled",
        "bob@example.org": "confirmed",
        "cy@example.org": "confirmed",
        "dee@example.org": "waitlisted",
    }
    assert sorted(m.to[0] for m in mailoutbox) == [
        "ana@example.org",
        "bob@example.org",
        "cy@example.org",
    ]
    by_address = {m.to[0]: m for m in mailoutbox}
    assert "Votre réservation est confirmée" in by_address["bob@example.org"].body
    assert engine.cancel(PREVIEWS, ana).status == "cancelled"  # harmless twice


def test_nobody_is_promoted_once_the_session_is_too_close(session, settings):
    settings.BOOKING_PROMOTION_CUTOFF_HOURS = 2
    ana = ask(session, "ana@example.org", seats=3)
    ask(session, "bob@example.org")

    with time_machine.travel(START - timedelta(hours=1)):
        engine.cancel(PREVIEWS, ana)

    assert statuses(session)["bob@example.org"] == "waitlisted"


def test_its_own_rule_refuses_before_anything_is_written(session, mailoutbox):
    with pytest.raises(NotInvited):
        ask(session, "eve@example.org")

    assert not Booking.objects.filter(session=session).exists()
    assert mailoutbox == []


def test_one_active_request_per_email_until_it_is_cancelled(session):
    first = ask(session, "ana@example.org")

    with pytest.raises(AlreadyBooked) as refused:
        ask(session, "ana@example.org", seats=2)
    assert refused.value.booking == first

    engine.cancel(PREVIEWS, first)
    again = ask(session, "ana@example.org", seats=2)
    assert again.pk != first.pk and again.status == "confirmed"


def test_each_request_passes_the_race_window_of_its_kind_once(session, monkeypatch):
    window = RaceWindow("preview", pause=0).install(monkeypatch)

    for email in ["ana@example.org", "bob@example.org", "cy@example.org", "dee@example.org"]:
        ask(session, email)

    assert (window.calls, window.most_inside) == (4, 1)


# The lock, this person's request, the kind's count (seats, line), the savepoint pair
# standing for the request's transaction, the page-cache version, the insert and the
# booking counters its save recounts.
RESERVE_QUERIES = 9


def test_a_request_costs_the_same_queries_however_many_came_before(
    session, django_assert_num_queries
):
    Session.objects.filter(pk=session.pk).update(places=50)
    session.refresh_from_db()
    for n in range(3):
        ask(session, f"early{n}@example.org")

    with django_assert_num_queries(RESERVE_QUERIES):
        ask(session, "ana@example.org")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks: PostgreSQL only")
def test_the_engine_locks_the_rows_holding_the_places_in_key_order(session):
    with CaptureQueriesContext(connection) as queries:
        ask(session, "ana@example.org")

    (lock,) = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert 'FOR UPDATE OF "events_session"' in lock
    assert 'ORDER BY "events_session"."id" ASC' in lock
