"""Reads of workshop registrations: places taken, what a workshop offers now."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q
from django.utils import timezone

from events import booking_rules
from events.models import Session
from events.reservations import by_token, held_seats
from events.selectors import event_sessions

from . import registration_rules as rules
from .registrations import Registration


def places_taken(*, workshop_id: int, session_ids: Iterable[int], series: bool) -> dict[int, int]:
    """Places taken per session, in two queries: confirmed registrations, and the places
    held outside them (a partner's accepted group, ``events.reservations.held_seats``).
    In a series (``series``), a series registration or a group takes a place in every
    session of the workshop, whichever session it names."""
    rows = (
        Registration.objects.filter(workshop_id=workshop_id, status=Registration.Status.CONFIRMED)
        .values_list("covers_series", "session_id")
        .annotate(count=Count("pk"))
        .order_by()
    )
    registered_series = sum(count for covers_series, _session, count in rows if covers_series)
    single = {session: count for covers_series, session, count in rows if not covers_series}
    held = dict(
        Session.objects.filter(page_id=workshop_id)
        .annotate(held=held_seats())
        .values_list("pk", "held")
    )
    if series:
        everywhere = registered_series + sum(held.values())
        return {pk: everywhere + single.get(pk, 0) for pk in session_ids}
    return {pk: registered_series + single.get(pk, 0) + held.get(pk, 0) for pk in session_ids}


def scheduled(sessions: Iterable[Session]) -> list[Session]:
    return sorted(
        (s for s in sessions if s.status == Session.Status.SCHEDULED), key=lambda s: s.start
    )


def window(*, workshop, start: datetime, now: datetime) -> booking_rules.Window:
    return booking_rules.booking_window(
        now=now,
        session_start=start,
        opens_at=workshop.registrations_open_at,
        closes_at=workshop.registrations_close_at,
    )


@dataclass
class Offer:
    """What a workshop offers for registration now, whichever translation asks.

    ``workshop`` is the page the sessions hang off (its settings apply). For a series,
    ``sessions`` is its first session, the one a registration is made on, and
    ``covered`` every scheduled session; otherwise the sessions open for registration.
    Each offered session carries ``places_left``.
    """

    workshop: object
    series: bool
    sessions: list[Session] = field(default_factory=list)
    covered: list[Session] = field(default_factory=list)
    opens_at: datetime | None = None

    @property
    def is_open(self) -> bool:
        return bool(self.sessions)


def registration_offer(*, page, now: datetime | None = None) -> Offer:
    now = now or timezone.now()
    sessions = list(event_sessions(event_key=page.translation_key))
    owner_id = sessions[0].page_id if sessions else page.pk
    owner = page if owner_id == page.pk else type(page).objects.get(pk=owner_id)
    offered = scheduled(sessions)
    if owner.is_series:
        covered, offered = offered, offered[:1]
    else:
        covered = []
    states = {s.pk: window(workshop=owner, start=s.start, now=now) for s in offered}
    offer = Offer(workshop=owner, series=owner.is_series, covered=covered)
    if any(state == booking_rules.Window.NOT_OPEN for state in states.values()):
        offer.opens_at = owner.registrations_open_at
    offer.sessions = [s for s in offered if states[s.pk] == booking_rules.Window.OPEN]
    taken = places_taken(
        workshop_id=owner.pk, session_ids=[s.pk for s in sessions], series=owner.is_series
    )
    if owner.is_series:
        left = rules.series_places_left((s.places, taken[s.pk]) for s in covered)
        for session in offer.sessions:
            session.places_left = left
    else:
        for session in offer.sessions:
            session.places_left = booking_rules.places_left(
                places=session.places, confirmed_seats=taken[session.pk]
            )
    return offer


def registration_by_token(*, token: str) -> Registration | None:
    """The registration a manage link opens, or None (unknown or anonymised token)."""
    return by_token(Registration.objects.select_related("session__venue", "workshop"), token)


def waitlist_position(*, registration: Registration) -> int | None:
    """1 for the first in line (of the series, or of the session); None unless waiting."""
    if registration.status != Registration.Status.WAITLISTED:
        return None
    line = Registration.objects.filter(
        workshop_id=registration.workshop_id,
        covers_series=registration.covers_series,
        status=Registration.Status.WAITLISTED,
    )
    if not registration.covers_series:
        line = line.filter(session_id=registration.session_id)
    ahead = line.filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return ahead.count() + 1


def covered_sessions(*, registration: Registration) -> list[Session]:
    """The sessions a registration is for: every scheduled session of a series."""
    if not registration.covers_series:
        return [registration.session]
    sessions = scheduled(event_sessions(event_key=registration.session.event_key))
    return sessions or [registration.session]
