"""Writes of the programme: booking, cancelling, giving back seats, promoting.

Bookings are one kind of the reservation engine (``events.engine``, ``Bookings``
below): every write that depends on the places left runs inside one transaction
holding a lock on the session, and emails go out only after it commits. The rush has
a fast path of its own in front of the engine (``_claim_seats``): one conditional
UPDATE of the session's counters confirms seats that fit while nobody waits.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from core import concurrency, page_cache

from . import booking_rules as rules
from . import door, engine
from .bookings import Booking, normalise_email
from .choices import Kind
from .exceptions import (
    AlreadyBooked,
    BookingClosed,
    BookingNotActive,
    BookingNotOpen,
    CheckInNotConfirmed,
    CheckInSessionNotScheduled,
    InvalidSeats,
    NoShowCheckedIn,
    NoShowTooEarly,
    SessionNotBookable,
    TermsNotAccepted,
)
from .models import ScreeningPage, Session
from .reservations import Attendance, anonymise, held_seats, kind_for, revoke_manage_token
from .signals import send_bookings_confirmed

DEFAULT_MAX_SEATS = 4


def _lock_session(session_id: int, *, changes_pages: bool = True) -> Session:
    """The session, locked until the transaction ends (a no-op query lock on SQLite,
    whose IMMEDIATE transaction already serialises writers). Its pages' places version
    changes in the same transaction (unless the caller knows its pages will not)."""
    session = (
        Session.objects.select_for_update(of=("self",))
        .annotate(held_seats=held_seats())
        .get(pk=session_id)
    )
    if changes_pages:
        page_cache.event_places_changed(session.event_key)
    return session


def _counted(status: str, total):
    """A subquery: ``total`` over the outer session's bookings in ``status``."""
    rows = (
        Booking.objects.filter(session_id=OuterRef("pk"), status=status)
        .order_by()
        .values("session_id")
        .annotate(total=total)
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def session_counters_sync(*, session_id: int) -> None:
    """Recount the session's booking counters from its bookings, in one UPDATE.

    Every write that moves bookings without claiming through ``_claim_seats`` (the
    waitlist, cancellations, promotions, staff edits) ends here, in its transaction."""
    confirmed = Booking.Status.CONFIRMED
    Session.objects.filter(pk=session_id).update(
        booked_seats=_counted(confirmed, Sum("seats")) + held_seats(),
        booked_wheelchair=_counted(confirmed, Count("pk", filter=Q(wheelchair=True))),
        waiting=_counted(Booking.Status.WAITLISTED, Count("pk")),
    )


def _claim_seats(
    *, session: Session, seats: int, wheelchair: bool, wheelchair_places: int | None, now
) -> tuple[int, int, int] | None:
    """Confirm ``seats`` at once if they fit and nobody waits: one conditional UPDATE,
    which returns the session's places, seats and wheelchair places booked after it.

    The database re-checks the condition on the row it locks, so concurrent claims
    never add up to more than the places (PostgreSQL re-evaluates the WHERE after a
    concurrent update; SQLite serialises writers). The row lock it takes is held until
    the transaction ends, like ``_lock_session``'s. None: take the slow path (waitlist,
    closed, full), which decides under the lock."""
    quote = connection.ops.quote_name
    changes = [f"{quote('booked_seats')} = {quote('booked_seats')} + %s"]
    where = [
        f"{quote('id')} = %s",
        f"{quote('status')} = %s",
        f"{quote('start')} > %s",
        f"{quote('waiting')} = 0",
        f"{quote('booked_seats')} + %s <= {quote('places')}",
    ]
    params = [seats, session.pk, str(Session.Status.SCHEDULED)]
    params += [connection.ops.adapt_datetimefield_value(now), seats]
    if wheelchair:
        changes.append(f"{quote('booked_wheelchair')} = {quote('booked_wheelchair')} + 1")
        if wheelchair_places is not None:
            where.append(f"{quote('booked_wheelchair')} < %s")
            params.append(wheelchair_places)
    sql = (
        f"UPDATE {quote(Session._meta.db_table)} SET {', '.join(changes)} "
        f"WHERE {' AND '.join(where)} "
        f"RETURNING {quote('places')}, {quote('booked_seats')}, {quote('booked_wheelchair')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()


def _claim_changes_page(claimed: tuple[int, int, int], *, wheelchair_places: int | None) -> bool:
    """Whether the claim changed the words of the pages showing the session, not only
    its figure (which the page cache fills in each answer): it is full now, or its last
    wheelchair place has gone."""
    places, booked, booked_wheelchair = claimed
    if booked >= places:
        return True
    return bool(wheelchair_places) and booked_wheelchair >= wheelchair_places


def _join_waitlist(*, session: Session, seats: int, now) -> bool:
    """Put the request on the waitlist at once if its seats do not fit the places the
    counters leave (whatever waits, a request that does not fit waits too): one
    conditional UPDATE of the waiting counter, which takes the session's row lock until
    the transaction ends, like the claim's. False: take the slow path (a request that
    fits while others wait, closed, cancelled), which decides under the lock."""
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(Session._meta.db_table)} "
        f"SET {quote('waiting')} = {quote('waiting')} + 1 "
        f"WHERE {quote('id')} = %s AND {quote('status')} = %s AND {quote('start')} > %s "
        f"AND {quote('booked_seats')} + %s > {quote('places')}"
    )
    params = [session.pk, str(Session.Status.SCHEDULED)]
    params += [connection.ops.adapt_datetimefield_value(now), seats]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount == 1


def _session_state(session_id: int) -> dict:
    """In one query: seats and wheelchair places confirmed, requests waiting."""
    confirmed = Q(status=Booking.Status.CONFIRMED)
    return Booking.objects.filter(session_id=session_id, status__in=Booking.ACTIVE).aggregate(
        confirmed=Coalesce(Sum("seats", filter=confirmed), 0),
        wheelchair=Count("pk", filter=confirmed & Q(wheelchair=True)),
        waiting=Count("pk", filter=Q(status=Booking.Status.WAITLISTED)),
    )


def _waitlist(session_id: int) -> list[tuple[int, int, bool]]:
    """The session's waiting requests in order, as the pure rules take them."""
    return list(
        Booking.objects.filter(session_id=session_id, status=Booking.Status.WAITLISTED)
        .order_by("created_at", "pk")
        .values_list("pk", "seats", "wheelchair")
    )


def _wheelchair_places(page) -> int | None:
    """The wheelchair places of each session of the page; ``None``: none are counted
    (an event kind without them)."""
    return getattr(page, "wheelchair_places", None)


def _booking_page(session: Session):
    """The page whose settings govern the session's bookings (the one it hangs off)."""
    if session.kind == Kind.SCREENING:  # one query instead of the page and then its type
        return ScreeningPage.objects.get(pk=session.page_id)
    return session.page.specific


def _check_window(*, session: Session, page, now: datetime) -> None:
    if session.status != Session.Status.SCHEDULED:
        raise SessionNotBookable
    window = rules.booking_window(
        now=now,
        session_start=session.start,
        opens_at=getattr(page, "bookings_open_at", None),
        closes_at=getattr(page, "bookings_close_at", None),
    )
    if window == rules.Window.NOT_OPEN:
        raise BookingNotOpen
    if window == rules.Window.CLOSED:
        raise BookingClosed


@dataclass(kw_only=True)
class BookingRequest(engine.Request):
    page: object
    fields: dict


class Bookings(engine.Kind):
    """Screening bookings in the engine: the session holds the places (its seats,
    its wheelchair places, and those partner groups hold); one booking per email and
    session."""

    model = Booking
    scope = "booking"
    row_id = "booking_id"
    emails = {
        "placed": ("events.emails.booking_email_for", {}),
        "promoted": ("events.emails.booking_email_for", {}),
        "cancelled": ("events.emails.booking_cancelled_email_for", {}),
        "session_cancelled": ("events.emails.session_cancelled_email_for", {}),
        "message": ("events.emails.attendee_message_for", {}),
    }
    already = AlreadyBooked

    def capacity(self, key):
        return Session.objects.filter(pk=key).annotate(held_seats=held_seats())

    def mine(self, locked, request):
        return Booking.objects.filter(session_id=locked[0].pk, email_key=request.email_key)

    def check(self, locked, request, now):
        _check_window(session=locked[0], page=request.page, now=now)

    def line(self, locked, request):
        session = locked[0]
        state = _session_state(session.pk)
        return engine.Line(
            waiting=_waitlist(session.pk) if state["waiting"] else [],
            places=session.places,
            confirmed=state["confirmed"] + session.held_seats,
            wheelchair_places=_wheelchair_places(request.page),
            confirmed_wheelchair=state["wheelchair"],
        )

    def lines(self, locked, now):
        session = locked[0]
        if session.status != Session.Status.SCHEDULED:
            return
        waitlist = _waitlist(session.pk)
        if not waitlist:
            return
        state = _session_state(session.pk)
        yield engine.Line(
            waiting=waitlist,
            places=session.places,
            confirmed=state["confirmed"] + session.held_seats,
            start=session.start,
            wheelchair_places=_wheelchair_places(_booking_page(session)),
            confirmed_wheelchair=state["wheelchair"],
        )

    def build(self, locked, request, *, confirmed, now):
        booking = Booking(
            session=locked[0],
            **request.fields,
            terms_accepted_at=now,
            status=Booking.Status.CONFIRMED if confirmed else Booking.Status.WAITLISTED,
            confirmed_at=now if confirmed else None,
        )
        booking.counted = True  # added to the counters by ``counted``, under the lock
        return booking

    def refuse_cancel(self, locked, row, now):
        if now >= locked[0].start:
            raise BookingClosed

    def counted(self, locked, placed=None):
        if placed is None:
            session_counters_sync(session_id=locked[0].pk)
            return
        # One booking added under the lock: add it to the counters, no recount.
        if placed.status == Booking.Status.CONFIRMED:
            changes = {"booked_seats": F("booked_seats") + placed.seats}
            if placed.wheelchair:
                changes["booked_wheelchair"] = F("booked_wheelchair") + 1
        else:
            changes = {"waiting": F("waiting") + 1}
        Session.objects.filter(pk=locked[0].pk).update(**changes)

    def admitted(self, ids):
        send_bookings_confirmed(ids)


BOOKINGS = Bookings()


def _send_after_commit(booking_ids: list[int]) -> None:
    engine.queue(BOOKINGS, "placed", booking_ids)


def booking_create(
    *,
    session: Session,
    first_name: str,
    last_name: str,
    email: str,
    seats: int,
    language: str,
    terms_accepted: bool,
    wheelchair: bool = False,
    access_needs: str = "",
    newsletter: bool = False,
    page=None,
    now: datetime | None = None,
) -> Booking:
    """Confirm the request if it fits and nobody is waiting, else put it on the waitlist.

    ``page``: the page holding the booking settings, when the caller already has it.

    Raises ``AlreadyBooked`` (with the existing booking) when this email already holds an
    active booking for the session, whatever its case or surrounding spaces.
    """
    if not terms_accepted:
        raise TermsNotAccepted
    email_key = normalise_email(email)
    # The page's settings need no lock: read them before taking it, to hold it briefly.
    if page is None or page.pk != session.page_id:
        page = _booking_page(session)
    max_seats = getattr(page, "booking_max_seats", DEFAULT_MAX_SEATS)
    if not 1 <= seats <= max_seats:
        raise InvalidSeats
    wheelchair_places = _wheelchair_places(page)
    fields = {
        "first_name": first_name.strip(),
        "last_name": last_name.strip(),
        "email": email.strip(),
        "seats": seats,
        "wheelchair": wheelchair,
        "access_needs": access_needs.strip(),
        "newsletter": newsletter,
        "language": language,
    }
    try:
        with transaction.atomic():
            now = now or timezone.now()
            window = rules.booking_window(
                now=now,
                session_start=session.start,
                opens_at=getattr(page, "bookings_open_at", None),
                closes_at=getattr(page, "bookings_close_at", None),
            )
            claimed = window == rules.Window.OPEN and _claim_seats(
                session=session,
                seats=seats,
                wheelchair=wheelchair,
                wheelchair_places=wheelchair_places,
                now=now,
            )
            if claimed:
                # The seats are ours until commit; a duplicate email rolls them back
                # through the unique constraint (IntegrityError below).
                concurrency.between_read_and_write("booking")
                if _claim_changes_page(claimed, wheelchair_places=wheelchair_places):
                    page_cache.event_places_changed(session.event_key)
                booking = Booking(
                    session=session,
                    **fields,
                    terms_accepted_at=now,
                    status=Booking.Status.CONFIRMED,
                    confirmed_at=now,
                )
                booking.counted = True  # claimed above: no recount
                booking.save(force_insert=True)
                _send_after_commit([booking.pk])
                send_bookings_confirmed([booking.pk])
                return booking
            if window == rules.Window.OPEN and _join_waitlist(
                session=session, seats=seats, now=now
            ):
                # The seats do not fit whoever waits: the counters are enough. Nothing
                # any page shows changes (it already says full), so the page cache
                # keeps its pages. A second active booking of this email is refused by
                # the unique constraint (IntegrityError below).
                concurrency.between_read_and_write("booking")
                booking = Booking(
                    session=session,
                    **fields,
                    terms_accepted_at=now,
                    status=Booking.Status.WAITLISTED,
                )
                booking.counted = True  # the waiting counter moved above
                booking.save(force_insert=True)
                _send_after_commit([booking.pk])
                return booking
            # The slow path: the engine decides under the session's lock.
            locked = _lock_session(session.pk)
            request = BookingRequest(
                email_key=email_key, seats=seats, wheelchair=wheelchair, page=page, fields=fields
            )
            return engine.reserve(BOOKINGS, request, key=locked.pk, now=now, locked=[locked])
    except IntegrityError:
        # Only reachable if two requests slipped past the lock: the constraint decides.
        existing = Booking.objects.filter(
            session_id=session.pk, email_key=email_key, status__in=Booking.ACTIVE
        ).first()
        if existing is None:
            raise
        raise AlreadyBooked(existing) from None


def waitlist_promote(*, session: Session, now: datetime | None = None) -> list[Booking]:
    """Promote from the waitlist what now fits; the promoted bookings, in order."""
    chosen = engine.waitlist_promote(BOOKINGS, key=session.pk, now=now)
    promoted = Booking.objects.in_bulk(chosen)
    return [promoted[pk] for pk in chosen]


def booking_cancel(*, booking: Booking, now: datetime | None = None) -> Booking:
    """Cancel (harmless if already cancelled) and give the seats to the waitlist."""
    return engine.cancel(BOOKINGS, booking, now=now)


def booking_reduce_seats(*, booking: Booking, seats: int, now: datetime | None = None) -> Booking:
    """Give back some seats (never add: adding would jump the waitlist)."""
    with transaction.atomic():
        now = now or timezone.now()
        (session,) = engine.lock(BOOKINGS, booking.session_id)
        booking = Booking.objects.get(pk=booking.pk)
        if not booking.is_active:
            raise BookingNotActive
        if now >= session.start:
            raise BookingClosed
        if not 1 <= seats < booking.seats:
            raise InvalidSeats
        booking.seats = seats
        booking.save(update_fields=["seats", "updated_at"])
        engine.promote(BOOKINGS, [session], now=now)
        return booking


def booking_revoke_token(*, booking: Booking) -> Booking:
    """Staff: the old manage link stops working at once; a new one is issued."""
    return revoke_manage_token(booking)


def booking_resend_confirmation(*, session: Session, email: str) -> bool:
    """Send the active booking's email again (to its own address only)."""
    booking = Booking.objects.filter(
        session=session, email_key=normalise_email(email), status__in=Booking.ACTIVE
    ).first()
    if booking is None:
        return False
    _send_after_commit([booking.pk])
    return True


def bookings_anonymise(*, retention_days: int | None = None, now: datetime | None = None) -> int:
    """Erase who booked sessions that ended ``retention_days`` ago; keep what was booked.

    Seats, status, wheelchair places and dates stay, so attendance figures still add up;
    names, email, accessibility notes and the newsletter choice go, and the manage link
    stops working. Returns how many bookings were anonymised; running it again does nothing.
    """
    if retention_days is None:
        retention_days = settings.PERSONAL_DATA_RETENTION_DAYS
    now = now or timezone.now()
    due = Booking.objects.filter(session__end__lt=now - timedelta(days=retention_days))
    return anonymise(due, erase=_erased_booking, now=now)


def _erased_booking(pk: int) -> dict:
    email = f"anonymised-{pk}@invalid.invalid"
    return {
        "first_name": "",
        "last_name": "",
        "email": email,
        "email_key": email,
        "access_needs": "",
        "newsletter": False,
    }


def bookings_erase_for(*, email_key: str, now: datetime | None = None) -> int:
    """A person's erasure request (GDPR article 17): their bookings still to come are
    cancelled (the seats go to the waitlist), then every booking of theirs is
    anonymised as ``bookings_anonymise`` does. Returns how many."""
    now = now or timezone.now()
    mine = Booking.objects.filter(email_key=email_key, anonymised_at__isnull=True)
    for booking in mine.filter(status__in=Booking.ACTIVE, session__end__gte=now):
        booking_cancel(booking=booking, now=now)
    return anonymise(mine, erase=_erased_booking, now=now)


# Staff actions on a whole session (the admin's session pages, ``events.staff_views``).


def session_cancel(*, session: Session, reason: str = "", user=None, now: datetime | None = None):
    """Cancel the session and every active booking of it; tell each person, in the
    language they booked in. Nobody is promoted (there is nothing to go to).

    Harmless to repeat: a second call finds no active booking and sends nothing. The
    session's ``sequence`` rises (``Session.save``), so calendars show the cancellation.
    Returns the bookings cancelled now.
    """
    from wagtail.log_actions import log

    with transaction.atomic():
        now = now or timezone.now()
        (locked,) = engine.lock(BOOKINGS, session.pk)
        active = list(
            Booking.objects.filter(session=locked, status__in=Booking.ACTIVE).order_by(
                "created_at", "pk"
            )
        )
        Booking.objects.filter(pk__in=[b.pk for b in active]).update(
            status=Booking.Status.CANCELLED, cancelled_at=now, updated_at=now
        )
        session_counters_sync(session_id=locked.pk)
        if locked.status != Session.Status.CANCELLED:
            locked.status = Session.Status.CANCELLED
            locked.save()
        elif not active:
            return []
        engine.queue(BOOKINGS, "session_cancelled", [b.pk for b in active], reason=reason)
        log(
            instance=locked,
            action="events.session.cancel",
            user=user,
            data={"reason": reason, "bookings": len(active)},
        )
    session.status = locked.status
    session.sequence = locked.sequence
    return active


def session_email_recipients(*, session: Session, include_waitlisted: bool = False):
    """The bookings an email to a session's attendees goes to (not anonymised ones)."""
    statuses = Booking.ACTIVE if include_waitlisted else (Booking.Status.CONFIRMED,)
    return Booking.objects.filter(
        session=session, status__in=statuses, anonymised_at__isnull=True
    ).order_by("created_at", "pk")


def session_email_attendees(
    *, session: Session, subject: str, body: str, include_waitlisted: bool = False, user=None
) -> int:
    """Queue one email per booking (confirmed, and waitlisted if asked); record what was
    sent in the session's history. Returns the number of emails queued."""
    from wagtail.log_actions import log

    with transaction.atomic():
        ids = list(
            session_email_recipients(
                session=session, include_waitlisted=include_waitlisted
            ).values_list("pk", flat=True)
        )
        engine.queue(BOOKINGS, "message", ids, subject=subject, body=body)
        log(
            instance=session,
            action="events.session.email_attendees",
            user=user,
            data={
                "subject": subject,
                "body": body,
                "recipients": len(ids),
                "include_waitlisted": include_waitlisted,
            },
        )
    return len(ids)


def booking_reissue_link(*, booking: Booking, user=None) -> Booking:
    """Staff: revoke the manage link and email the person their booking with the new
    one (an active booking only: a cancelled one has nothing left to manage)."""
    from wagtail.log_actions import log

    with transaction.atomic():
        booking = booking_revoke_token(booking=booking)
        if booking.is_active:
            _send_after_commit([booking.pk])
        log(instance=booking, action="events.booking.revoke_link", user=user)
    return booking


def booking_check_in(*, booking: Booking, now: datetime | None = None) -> tuple[Booking, bool]:
    """Check a confirmed booking in at the door, on the day of its session.

    Harmless twice: returns the booking and whether it was checked in by this call
    (``False`` when it already was; ``checked_in_at`` keeps the first time). Clears a
    no-show marked before a late arrival. Raises the ``BookingError`` that
    ``door.check_in_refusal`` names otherwise.
    """
    now = now or timezone.now()
    booking = Booking.objects.select_related("session").get(pk=booking.pk)
    if refusal := door.check_in_refusal(booking=booking, now=now):
        raise refusal
    # One conditional UPDATE: two phones scanning the same ticket check it in once.
    updated = Booking.objects.filter(
        pk=booking.pk, status=Booking.Status.CONFIRMED, checked_in_at__isnull=True
    ).update(checked_in_at=now, no_show=False, updated_at=now)
    booking.refresh_from_db()
    if booking.checked_in_at is None:  # cancelled between the check and the update
        raise door.check_in_refusal(booking=booking, now=now)
    return booking, bool(updated)


def booking_undo_check_in(*, booking: Booking) -> Booking:
    """Staff tapped the wrong name: the booking is expected again (harmless twice)."""
    Booking.objects.filter(pk=booking.pk).update(checked_in_at=None, updated_at=timezone.now())
    booking.refresh_from_db()
    return booking


def booking_mark_no_show(
    *, booking: Booking, no_show: bool, now: datetime | None = None
) -> Booking:
    """Mark (or unmark) a confirmed booking as not come: only once the session has
    started, and at any time after (figures are often tidied up the next day). A
    checked-in booking is no no-show: the check-in has to be undone first."""
    now = now or timezone.now()
    booking = Booking.objects.select_related("session").get(pk=booking.pk)
    if no_show:
        if booking.status == Booking.Status.CANCELLED:
            raise BookingNotActive
        if booking.status != Booking.Status.CONFIRMED:
            raise CheckInNotConfirmed
        if booking.session.status != Session.Status.SCHEDULED:
            raise CheckInSessionNotScheduled
        if now < booking.session.start:
            raise NoShowTooEarly
    marked = Booking.objects.filter(pk=booking.pk)
    if no_show:
        marked = marked.filter(checked_in_at__isnull=True)
    if not marked.update(no_show=no_show, updated_at=now):
        raise NoShowCheckedIn
    booking.refresh_from_db()
    return booking


def reservation_check_in(*, reservation, now: datetime | None = None):
    """Check a workshop registration or a trainee (any kind registered in
    ``events.reservations`` other than bookings) in for today's session.

    Returns ``(session, attendance, checked_in_now)``; twice is harmless and keeps the
    first time. Raises the ``BookingError`` that ``door.reservation_refusal`` names.
    """
    now = now or timezone.now()
    kind = kind_for(reservation)
    reservation = kind.model.objects.get(pk=reservation.pk)
    session = door.todays_session(kind=kind, row=reservation, now=now)
    if refusal := door.reservation_refusal(kind=kind, row=reservation, session=session):
        raise refusal
    # get_or_create on the unique row: two phones scanning at once record one time.
    attendance, created = Attendance.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(kind.model),
        object_id=reservation.pk,
        session=session,
        defaults={"checked_in_at": now},
    )
    return session, attendance, created


def reservation_undo_check_in(*, reservation, session: Session) -> None:
    """Staff tapped the wrong name: expected again at that session (harmless twice)."""
    Attendance.objects.filter(
        content_type=ContentType.objects.get_for_model(type(reservation)),
        object_id=reservation.pk,
        session=session,
    ).delete()
