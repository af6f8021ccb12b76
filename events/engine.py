"""The reservation engine: what every form that gives people places does the same way.

A kind of reservation (screening bookings, workshop registrations, training trainees)
says which rows hold its places, how it counts them, what its own rules are and which
emails it sends: a ``Kind``. The engine does the rest, in one order for every kind:

1. one transaction, holding the row locks of what holds the places, taken in
   primary-key order so that two writers never wait on each other (``lock``):
   ``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite the transaction is ``IMMEDIATE``
   (see settings), so writers already hold the database's write lock. The pages showing
   those places get a new version in the same transaction (``core.page_cache``);
2. under the locks: one active request per person, the kind's own rules, then the
   places counted with the pure rules of ``events.booking_rules``: a request is
   confirmed at once only if it fits and nobody waiting could go first;
3. the write, then the waitlist promoted strictly in order when places come back
   (never once a session is ``BOOKING_PROMOTION_CUTOFF_HOURS`` away);
4. the emails queued in the same transaction (``core.mail.send_later``): they leave
   after the commit, or not at all.

No number of concurrent requests, from any number of processes, can confirm more
places than there are. ``events`` knows no kind but its own: the apps built on it
define theirs next to their services.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from core import concurrency, page_cache
from core.mail import send_later

from . import booking_rules as rules
from .reservations import PlaceStatus

ACTIVE = (PlaceStatus.CONFIRMED, PlaceStatus.WAITLISTED)


def promotion_cutoff() -> timedelta:
    return timedelta(hours=settings.BOOKING_PROMOTION_CUTOFF_HOURS)


@dataclass
class Line:
    """One waiting line and the places it draws from, as ``booking_rules`` takes them.

    ``waiting``: (id, seats) or (id, seats, needs a wheelchair place), first come
    first; ``start``: the session the line waits for (nobody is promoted past the
    cut-off before it). The engine writes the ids it promotes into ``chosen``."""

    waiting: list
    places: int
    confirmed: int = 0
    start: datetime | None = None
    wheelchair_places: int | None = None
    confirmed_wheelchair: int = 0
    chosen: list = field(default_factory=list)


@dataclass(kw_only=True)
class Request:
    """What a person asks for; a kind adds its own fields."""

    email_key: str
    seats: int = 1
    wheelchair: bool = False


class Kind:
    """What the engine needs to know of one kind of reservation.

    Subclass it next to the kind's services and fill in what the kind uses: a form
    taking places first come, first served needs ``capacity`` to ``build``; one whose
    places staff give (training) needs ``capacity``, ``key_of`` and ``admits``.
    ``locked`` is always what ``capacity`` returned, locked, as a list in key order.
    """

    model: type[models.Model]
    # The race window's name (``core.concurrency``), the tests' handle on the race.
    scope: str
    # The keyword naming a row in its email builders ("booking_id").
    row_id: str
    # Event ("placed", "promoted", "cancelled") -> (builder, its other keywords).
    emails: dict[str, tuple[str, dict]] = {}
    # Raised with the row a person already holds (``AlreadyBooked``).
    already: type[Exception]

    def capacity(self, key) -> QuerySet:
        """The rows holding the places of ``key``, to lock."""
        raise NotImplementedError

    def event_key(self, key, locked: list):
        """The event whose pages show these places (``core.page_cache``)."""
        return locked[0].event_key

    def key_of(self, row):
        """The ``key`` of ``capacity`` that holds an existing row's places."""
        return row.session_id

    def target(self, locked: list, request: Request) -> None:
        """Under the locks, before anything is checked: settle what the request is for
        (the session a workshop registration takes); raise when nothing is offered."""

    def mine(self, locked: list, request: Request) -> QuerySet:
        """The person's requests in the line this one would join (active or not)."""
        raise NotImplementedError

    def check(self, locked: list, request: Request, now: datetime) -> None:
        """The kind's own rules (window, age band): raise its error to refuse."""

    def line(self, locked: list, request: Request) -> Line:
        """The line a new request joins, and the places it draws from."""
        raise NotImplementedError

    def lines(self, locked: list, now: datetime) -> Iterable[Line]:
        """The waiting lines, in the order they are promoted. A generator may read the
        ``chosen`` of a line it gave before giving the next (a series' line goes
        first and takes its places in every session)."""
        return []

    def build(self, locked: list, request: Request, *, confirmed: bool, now: datetime):
        """The new row, unsaved, confirmed or waitlisted."""
        raise NotImplementedError

    def refuse_cancel(self, locked: list, row, now: datetime) -> None:
        """Raise the kind's error when ``row`` may no longer be cancelled."""

    def counted(self, locked: list, placed=None) -> None:
        """Places moved under the lock (a kind keeping counters recounts them).
        ``placed``: the one new row, when that is all that moved (so it can be added
        to the counters rather than every row recounted)."""

    def admitted(self, ids: list) -> None:
        """``ids`` were just confirmed (a signal for the apps above)."""

    def admits(self, locked: list, row) -> bool:
        """Staff's kinds: whether ``row`` fits among the admitted."""
        return True


def lock(kind: Kind, key, *, changes_pages: bool = True) -> list:
    """The rows holding ``key``'s places, locked until the transaction ends, in
    primary-key order; their pages' places version changes in the same transaction
    (unless the caller knows its pages will not)."""
    locked = list(kind.capacity(key).select_for_update(of=("self",)).order_by("pk"))
    if changes_pages:
        page_cache.event_places_changed(kind.event_key(key, locked))
    return locked


def queue(kind: Kind, event: str, ids: Iterable, **kwargs) -> None:
    """The kind's ``event`` email to each row of ``ids``, once the transaction commits
    (``core.mail``: built when it leaves, so it says what is true then)."""
    builder, extra = kind.emails[event]
    for pk in ids:
        send_later(builder, **{kind.row_id: pk}, **extra, **kwargs)


def confirms_at_once(line: Line, request: Request) -> bool:
    return rules.confirms_at_once(
        waitlist=line.waiting,
        seats=request.seats,
        wheelchair=request.wheelchair,
        places=line.places,
        confirmed_seats=line.confirmed,
        wheelchair_places=line.wheelchair_places,
        confirmed_wheelchair=line.confirmed_wheelchair,
    )


def reserve(kind: Kind, request: Request, *, key, now=None, locked: list | None = None):
    """Confirm the request if it fits and nobody waiting could go first, else put it on
    the waitlist; email the person after commit.

    ``locked``: the locks of ``key``, when the caller already holds them in its
    transaction (the booking's fast path), which then also answers for the unique
    constraint. Raises ``kind.already`` with the request the person already holds, and
    the kind's own errors from ``check``."""
    if locked is not None:
        return _reserve(kind, request, locked, now=now or timezone.now())
    try:
        with transaction.atomic():
            locked = lock(kind, key)
            return _reserve(kind, request, locked, now=now or timezone.now())
    except IntegrityError:
        # Only reachable if two requests slipped past the lock: the constraint decides.
        existing = kind.mine(locked, request).filter(status__in=ACTIVE).first()
        if existing is None:
            raise
        raise kind.already(existing) from None


def _reserve(kind: Kind, request: Request, locked: list, *, now: datetime):
    kind.target(locked, request)
    if existing := kind.mine(locked, request).filter(status__in=ACTIVE).first():
        raise kind.already(existing)
    kind.check(locked, request, now)
    confirm = confirms_at_once(kind.line(locked, request), request)
    concurrency.between_read_and_write(kind.scope)
    row = kind.build(locked, request, confirmed=confirm, now=now)
    row.save(force_insert=True)
    kind.counted(locked, placed=row)
    queue(kind, "placed", [row.pk])
    if confirm:
        kind.admitted([row.pk])
    return row


def promote(kind: Kind, locked: list, *, now: datetime) -> list:
    """Under the caller's locks: confirm waiting requests strictly in order, line by
    line, while they fit (the first that does not fit stops its line); email each.
    Returns the ids promoted, in order."""
    cutoff, chosen = promotion_cutoff(), []
    for line in kind.lines(locked, now):
        if line.start is not None and not rules.promotion_allowed(
            now=now, session_start=line.start, cutoff=cutoff
        ):
            continue
        line.chosen = rules.promotable(
            line.waiting,
            places=line.places,
            confirmed_seats=line.confirmed,
            wheelchair_places=line.wheelchair_places,
            confirmed_wheelchair=line.confirmed_wheelchair,
        )
        chosen += line.chosen
    if chosen:
        kind.model.objects.filter(pk__in=chosen).update(
            status=PlaceStatus.CONFIRMED, confirmed_at=now, updated_at=now
        )
        kind.counted(locked)
        queue(kind, "promoted", chosen)
        kind.admitted(chosen)
    return chosen


def waitlist_promote(kind: Kind, *, key, now: datetime | None = None) -> list:
    """Promote what now fits (places raised, a group's places given back)."""
    with transaction.atomic():
        return promote(kind, lock(kind, key), now=now or timezone.now())


def cancel(kind: Kind, row, *, now: datetime | None = None):
    """Cancel ``row`` (harmless if already cancelled), give its places to the waitlist
    and confirm the cancellation by email."""
    with transaction.atomic():
        now = now or timezone.now()
        locked = lock(kind, kind.key_of(row))
        row = kind.model.objects.get(pk=row.pk)
        if row.status == PlaceStatus.CANCELLED:
            return row
        kind.refuse_cancel(locked, row, now)
        was_confirmed = row.status == PlaceStatus.CONFIRMED
        row.status = PlaceStatus.CANCELLED
        row.cancelled_at = now
        row.save(update_fields=["status", "cancelled_at", "updated_at"])
        if was_confirmed:
            promote(kind, locked, now=now)
        queue(kind, "cancelled", [row.pk])
        return row


def move(kind: Kind, row, *, to: str, admitted: Iterable[str] = (), full=None, allowed=None):
    """Staff's kinds: move ``row`` to status ``to`` under the locks of its places, in
    the caller's transaction. ``allowed(row)`` raises when the move is not allowed;
    moving into an ``admitted`` status checks the places (``kind.admits``) and raises
    ``full()`` when none is left. Returns the row, locked and reloaded, and its status
    before (``None``: it already was ``to``, nothing changed)."""
    locked = lock(kind, kind.key_of(row))
    row = kind.model.objects.select_for_update().get(pk=row.pk)
    current = row.status
    if current == to:
        return row, None
    if allowed is not None:
        allowed(row)
    no_room = to in admitted and not kind.admits(locked, row)
    concurrency.between_read_and_write(kind.scope)
    if no_room:
        raise full(locked)
    row.status = to
    return row, current
