"""Writes of workshop registrations: registering a child, cancelling, promoting.

A series is one pool of places: a registration takes a place in every session, so the
series has as many places as its smallest session. A workshop whose sessions are
attended separately has a pool per session. Registrations are one kind of the
reservation engine (``events.engine``, ``Registrations`` below): every write that
depends on the places left locks all the workshop's sessions, in primary-key order,
and emails go out only after the transaction commits.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from events import booking_rules, engine
from events.bookings import normalise_email
from events.models import Session
from events.reservations import anonymise, revoke_manage_token

from . import registration_rules as rules
from .exceptions import (
    AgeOutOfBand,
    AlreadyRegistered,
    ConsentMissing,
    RegistrationClosed,
    RegistrationNotOpen,
    SessionNotOffered,
)
from .models import WorkshopPage
from .registrations import Registration, normalise_name
from .selectors import places_taken, scheduled, window


def _owner(workshop: WorkshopPage, sessions: list[Session]) -> WorkshopPage:
    """The page the sessions hang off (the original language): its settings apply and
    registrations point to it, whichever translation was visited."""
    if not sessions or sessions[0].page_id == workshop.pk:
        return workshop
    return WorkshopPage.objects.get(pk=sessions[0].page_id)


def _pool(owner: WorkshopPage, target: Session):
    registrations = Registration.objects.filter(workshop=owner)
    if owner.is_series:
        return registrations.filter(covers_series=True)
    return registrations.filter(covers_series=False, session=target)


def _target(owner: WorkshopPage, offered: list[Session], session: Session | None) -> Session:
    """The session registered on: a series' first, or the one chosen."""
    if owner.is_series:
        if not offered:
            raise RegistrationClosed
        return offered[0]
    for candidate in offered:
        if session is not None and candidate.pk == session.pk:
            return candidate
    raise SessionNotOffered


@dataclass(kw_only=True)
class RegistrationRequest(engine.Request):
    workshop: WorkshopPage
    session: Session | None
    child_key: str
    child_birth_date: date
    fields: dict
    # Settled under the locks (``Registrations.target``).
    owner: WorkshopPage | None = None
    offered: list | None = None
    chosen: Session | None = None


class Registrations(engine.Kind):
    """Workshop registrations in the engine: the workshop's sessions hold the places
    (a series: its fullest session; partner groups count too); one active registration
    per child and guardian email in a line (the series', or a session's); the
    registration window and the age band on the first session attended."""

    model = Registration
    scope = "registration"
    row_id = "registration_id"
    emails = {
        "placed": ("workshops.emails.registration_email_for", {}),
        "promoted": ("workshops.emails.registration_email_for", {"promoted": True}),
        "cancelled": ("workshops.emails.registration_cancelled_email_for", {}),
        "session_cancelled": ("workshops.emails.session_cancelled_email_for", {}),
    }
    already = AlreadyRegistered

    def capacity(self, key):
        return Session.objects.filter(event_key=key)

    def event_key(self, key, locked):
        return key

    def key_of(self, row):
        return Session.objects.values_list("event_key", flat=True).get(pk=row.session_id)

    def target(self, locked, request):
        request.owner = _owner(request.workshop, locked)
        request.offered = scheduled(locked)
        request.chosen = _target(request.owner, request.offered, request.session)

    def mine(self, locked, request):
        return _pool(request.owner, request.chosen).filter(
            email_key=request.email_key, child_key=request.child_key
        )

    def check(self, locked, request, now):
        owner, target = request.owner, request.chosen
        state = window(workshop=owner, start=target.start, now=now)
        if state == booking_rules.Window.NOT_OPEN:
            raise RegistrationNotOpen
        if state == booking_rules.Window.CLOSED:
            raise RegistrationClosed
        first_day = timezone.localtime(target.start).date()
        if not rules.age_in_band(
            birth_date=request.child_birth_date,
            day=first_day,
            age_min=owner.age_min,
            age_max=owner.age_max,
        ):
            raise AgeOutOfBand(age_min=owner.age_min, age_max=owner.age_max, on=first_day)

    def line(self, locked, request):
        owner, offered, target = request.owner, request.offered, request.chosen
        left = _places_free(owner, offered, target)
        if left < 1:
            return engine.Line(waiting=[], places=0)  # it waits, whoever waits ahead
        waiting = _pool(owner, target).filter(status=Registration.Status.WAITLISTED)
        ids = waiting.order_by("created_at", "pk").values_list("pk", flat=True)
        return engine.Line(waiting=[(pk, 1) for pk in ids], places=left)

    def lines(self, locked, now):
        """The series' line first (it takes a place in every session), then each
        session's line."""
        offered = scheduled(locked)
        if not offered:
            return
        owner = WorkshopPage.objects.only("is_series").get(pk=offered[0].page_id)
        waiting = list(
            Registration.objects.filter(workshop=owner, status=Registration.Status.WAITLISTED)
            .order_by("created_at", "pk")
            .values_list("pk", "covers_series", "session_id")
        )
        if not waiting:
            return
        taken = places_taken(
            workshop_id=owner.pk, session_ids=[s.pk for s in offered], series=owner.is_series
        )
        series_line = [(pk, 1) for pk, series, _session in waiting if series]
        if series_line:
            line = engine.Line(
                waiting=series_line,
                places=rules.series_places_left((s.places, taken[s.pk]) for s in offered),
                start=offered[0].start,
            )
            yield line
            taken = {pk: count + len(line.chosen) for pk, count in taken.items()}
        for session in offered:
            line = [(pk, 1) for pk, series, s in waiting if not series and s == session.pk]
            if line:
                yield engine.Line(
                    waiting=line,
                    places=session.places,
                    confirmed=taken[session.pk],
                    start=session.start,
                )

    def build(self, locked, request, *, confirmed, now):
        return Registration(
            workshop=request.owner,
            session=request.chosen,
            covers_series=request.owner.is_series,
            **request.fields,
            participation_consent_at=now,
            image_consent_at=now if request.fields["image_consent"] else None,
            status=Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITLISTED,
            confirmed_at=now if confirmed else None,
        )

    def refuse_cancel(self, locked, row, now):
        """Possible until the last session the registration covers starts: a family may
        drop out of a series that has begun (nobody is promoted that late)."""
        covered = scheduled(locked) if row.covers_series else []
        if not covered:
            covered = [s for s in locked if s.pk == row.session_id]
        if now >= max(s.start for s in covered):
            raise RegistrationClosed


REGISTRATIONS = Registrations()


def registration_create(
    *,
    workshop: WorkshopPage,
    child_first_name: str,
    child_birth_date: date,
    guardian_first_name: str,
    guardian_last_name: str,
    email: str,
    phone: str,
    language: str,
    participation_consent: bool,
    image_consent: bool = False,
    notes: str = "",
    session: Session | None = None,
    now: datetime | None = None,
) -> Registration:
    """Confirm the child's place if one is free and nobody is waiting, else put the
    registration on the waitlist. ``session`` is the one chosen (ignored for a series).

    Raises ``AlreadyRegistered`` (with the existing registration) when this child already
    holds an active registration with this guardian email, and ``AgeOutOfBand`` when the
    child's age on the first session attended is outside the workshop's band.
    """
    if not participation_consent:
        raise ConsentMissing
    request = RegistrationRequest(
        email_key=normalise_email(email),
        child_key=normalise_name(child_first_name),
        child_birth_date=child_birth_date,
        workshop=workshop,
        session=session,
        fields={
            "child_first_name": child_first_name.strip(),
            "child_birth_date": child_birth_date,
            "guardian_first_name": guardian_first_name.strip(),
            "guardian_last_name": guardian_last_name.strip(),
            "email": email.strip(),
            "phone": phone.strip(),
            "image_consent": image_consent,
            "notes": notes.strip(),
            "language": language,
        },
    )
    return engine.reserve(REGISTRATIONS, request, key=workshop.translation_key, now=now)


def _places_free(owner: WorkshopPage, offered: list[Session], target: Session) -> int:
    """The places left to a new registration on ``target``: in a series, the fullest
    session's."""
    taken = places_taken(
        workshop_id=owner.pk, session_ids=[s.pk for s in offered], series=owner.is_series
    )
    if owner.is_series:
        return rules.series_places_left((s.places, taken[s.pk]) for s in offered)
    return booking_rules.places_left(places=target.places, confirmed_seats=taken[target.pk])


def group_places(*, session_id: int) -> tuple[Session, int]:
    """For a partner's group (``partners``), inside the caller's transaction: lock the
    workshop's sessions as every registration write does, and return the session
    ``session_id`` and the places left on it. In a series, the series' places: a group
    comes to every session, as a series registration does."""
    event_key = Session.objects.values_list("event_key", flat=True).get(pk=session_id)
    return places_left_on(session_id=session_id, sessions=engine.lock(REGISTRATIONS, event_key))


def places_left_on(*, session_id: int, sessions: list[Session]) -> tuple[Session, int]:
    """``session_id`` among ``sessions`` (all its workshop's) and the places left on it
    (registrations and groups counted); reads only, the caller locks."""
    session = next(s for s in sessions if s.pk == session_id)
    owner = WorkshopPage.objects.only("is_series").get(pk=session.page_id)
    taken = places_taken(
        workshop_id=owner.pk, session_ids=[s.pk for s in sessions], series=owner.is_series
    )
    if owner.is_series:
        series = scheduled(sessions) or [session]
        return session, rules.series_places_left((s.places, taken[s.pk]) for s in series)
    return session, booking_rules.places_left(
        places=session.places, confirmed_seats=taken[session.pk]
    )


def registration_promote(*, workshop: WorkshopPage, now: datetime | None = None) -> list[int]:
    """Promote from the waitlist what now fits (after staff raise places); the ids of
    the promoted registrations, in order."""
    return engine.waitlist_promote(REGISTRATIONS, key=workshop.translation_key, now=now)


def registration_cancel(*, registration: Registration, now: datetime | None = None):
    """Cancel (harmless if already cancelled) and give the place to the waitlist.

    Possible until the last session the registration covers starts: a family may drop
    out of a series that has begun (nobody is promoted that late, see the cut-off)."""
    return engine.cancel(REGISTRATIONS, registration, now=now)


def registrations_session_cancelled(*, session: Session, now: datetime | None = None) -> list[int]:
    """Staff cancelled ``session``: tell each guardian concerned, once, in their language.

    Registrations for that session alone are cancelled with it; a series' registrations
    stay for the sessions still on (and are cancelled when none is). Called once per
    cancellation (``workshops.signals``, on the change of status); returns the ids of
    the registrations told.
    """
    with transaction.atomic():
        now = now or timezone.now()
        sessions = engine.lock(REGISTRATIONS, session.event_key)
        if not any(s.pk == session.pk for s in sessions):
            return []
        active = Registration.objects.filter(
            workshop_id=session.page_id, status__in=Registration.ACTIVE
        )
        alone = list(
            active.filter(covers_series=False, session_id=session.pk).values_list("pk", flat=True)
        )
        series = list(active.filter(covers_series=True).values_list("pk", flat=True))
        cancelled = alone + ([] if scheduled(sessions) else series)
        Registration.objects.filter(pk__in=cancelled).update(
            status=Registration.Status.CANCELLED, cancelled_at=now, updated_at=now
        )
        told = sorted(alone + series)
        engine.queue(REGISTRATIONS, "session_cancelled", told, session_id=session.pk)
        return told


def registration_resend(*, workshop: WorkshopPage, email: str, child_first_name: str) -> bool:
    """Send the active registration's email again (to its own address only)."""
    ids = list(
        Registration.objects.filter(
            session__event_key=workshop.translation_key,
            email_key=normalise_email(email),
            child_key=normalise_name(child_first_name),
            status__in=Registration.ACTIVE,
        ).values_list("pk", flat=True)
    )
    engine.queue(REGISTRATIONS, "placed", ids)
    return bool(ids)


def registration_revoke_token(*, registration: Registration) -> Registration:
    """Staff: the old manage link stops working at once; a new one is issued."""
    return revoke_manage_token(registration)


def registrations_anonymise(
    *, retention_days: int | None = None, now: datetime | None = None
) -> int:
    """Erase who registered for workshops that ended ``retention_days`` ago.

    A series ends with its last session. The child's name and date of birth, the
    guardian's name, email and phone and the notes go, and the manage link stops
    working; workshop, session, status, consents given and dates stay, so the counts
    still add up. Returns how many were anonymised; running it again does nothing.
    """
    if retention_days is None:
        retention_days = settings.PERSONAL_DATA_RETENTION_DAYS
    now = now or timezone.now()
    ended_before = now - timedelta(days=retention_days)
    due = Registration.objects.filter(session__end__lt=ended_before).exclude(
        covers_series=True, workshop__sessions__end__gte=ended_before
    )
    return anonymise(due, erase=_erased_registration, now=now)


def _erased_registration(pk: int) -> dict:
    erased = f"anonymised-{pk}"
    return {
        "child_first_name": "",
        "child_key": erased,
        "child_birth_date": None,
        "guardian_first_name": "",
        "guardian_last_name": "",
        "email": f"{erased}@invalid.invalid",
        "email_key": f"{erased}@invalid.invalid",
        "phone": "",
        "notes": "",
    }


def registrations_erase_for(*, email_key: str, now: datetime | None = None) -> int:
    """A person's erasure request (GDPR article 17): every registration made with this
    email anonymised as ``registrations_anonymise`` does; status and dates stay."""
    now = now or timezone.now()
    mine = Registration.objects.filter(email_key=email_key)
    return anonymise(mine, erase=_erased_registration, now=now)
