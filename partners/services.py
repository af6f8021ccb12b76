"""Writes of group requests, for a screening or a workshop session. Accepting holds
places under the locks the session's public reservations take (``events.engine``): a
screening session's row lock, as bookings; a workshop's sessions all locked in one
order, as registrations. So public bookings or registrations and group acceptances
racing for the last places never add up to more than the session has. A group on a
workshop series comes to every session: it takes a place in each, as a series
registration does. Each change emails the contact after commit (``partners.emails``)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core import concurrency
from events import engine
from events.choices import Kind
from events.models import Session
from events.reservations import new_manage_token, normalise_email
from events.services import BOOKINGS, session_counters_sync, waitlist_promote
from workshops import services as workshop_services
from workshops.models import WorkshopPage

from .emails import queue_group_email
from .exceptions import NotEnoughPlaces, OverQuota, SessionNotOpen, WrongStatus
from .models import GroupRequest, PartnerOrganisation


def group_quota() -> int:
    """At most this many places (people and adults) held by groups on one session."""
    return settings.PARTNER_GROUP_QUOTA


GROUP_KINDS = (Kind.SCREENING, Kind.WORKSHOP)


def takes_groups(session: Session, *, now: datetime) -> bool:
    return (
        session.kind in GROUP_KINDS
        and session.status == Session.Status.SCHEDULED
        and session.start > now
    )


def _held_by_groups(session_id: int, *, excluding: int | None = None) -> int:
    rows = GroupRequest.objects.filter(GroupRequest.holding(), session_id=session_id)
    if excluding is not None:
        rows = rows.exclude(pk=excluding)
    return rows.aggregate(total=Sum(F("people") + F("adults")))["total"] or 0


def _check_quota(*, session_id: int, size: int, excluding: int | None = None) -> None:
    left = max(group_quota() - _held_by_groups(session_id, excluding=excluding), 0)
    if size > left:
        raise OverQuota(
            _(
                "Groups may hold at most %(quota)d places on this session and %(left)d "
                "remain: the group of %(size)d does not fit."
            )
            % {"quota": group_quota(), "left": left, "size": size}
        )


def group_request_create(
    *,
    session: Session,
    organisation_name: str,
    contact_name: str,
    email: str,
    phone: str,
    people: int,
    adults: int,
    access_needs: str,
    language: str,
    now: datetime | None = None,
) -> GroupRequest:
    """Record a request waiting for staff; refused, with nothing recorded, when the
    session takes no groups or the group is larger than what groups may still hold."""
    now = now or timezone.now()
    if not takes_groups(session, now=now):
        raise SessionNotOpen
    _check_quota(session_id=session.pk, size=people + adults)
    name = organisation_name.strip()
    with transaction.atomic():
        group = GroupRequest.objects.create(
            session=session,
            organisation=PartnerOrganisation.objects.filter(name__iexact=name).first(),
            organisation_name=name,
            contact_name=contact_name.strip(),
            email=normalise_email(email),
            phone=phone.strip(),
            people=people,
            adults=adults,
            access_needs=access_needs.strip(),
            language=language,
        )
        queue_group_email(group_id=group.pk, event="received")
    return group


def _lock(session_id: int) -> Session:
    """A screening session, locked as its bookings lock it (``events.engine``)."""
    (session,) = engine.lock(BOOKINGS, session_id)
    return session


def _is_workshop(session_id: int) -> bool:
    return Session.objects.filter(pk=session_id, kind=Kind.WORKSHOP).exists()


def _lock_places(session_id: int) -> tuple[Session, int]:
    """The session, locked as its public reservations lock it, and its places left."""
    if _is_workshop(session_id):
        # Registrations and accepted groups are counted under the workshop's locks.
        return workshop_services.group_places(session_id=session_id)
    session = _lock(session_id)
    # The counter holds confirmed bookings and accepted groups, kept under this lock.
    return session, max(session.places - session.booked_seats, 0)


def places_left(session: Session) -> int:
    """The places a group could still take on ``session`` now (read without locks)."""
    if session.kind == Kind.WORKSHOP:
        sessions = list(Session.objects.filter(event_key=session.event_key))
        return workshop_services.places_left_on(session_id=session.pk, sessions=sessions)[1]
    return max(session.places - session.booked_seats, 0)


def _hold_places(group: GroupRequest, session_id: int, *, now: datetime) -> GroupRequest:
    """Accept ``group`` on ``session_id`` (in the caller's transaction): under the
    session's lock, within the groups' quota and the places left."""
    session, left = _lock_places(session_id)
    if not takes_groups(session, now=now):
        raise SessionNotOpen
    _check_quota(session_id=session.pk, size=group.size, excluding=group.pk)
    if group.size > left:
        raise NotEnoughPlaces
    concurrency.between_read_and_write("group")
    group.session = session
    group.status = GroupRequest.Status.ACCEPTED
    group.decided_at = now
    group.save(update_fields=["session", "status", "decided_at"])
    session_counters_sync(session_id=session.pk)
    return group


def _locked_group(group: GroupRequest) -> GroupRequest:
    return GroupRequest.objects.select_for_update().get(pk=group.pk)


def group_accept(
    *, group: GroupRequest, message: str = "", now: datetime | None = None
) -> GroupRequest:
    now = now or timezone.now()
    with transaction.atomic():
        group = _locked_group(group)
        if group.status != GroupRequest.Status.PENDING:
            raise WrongStatus
        group.staff_message = message.strip()
        _hold_places(group, group.session_id, now=now)
        GroupRequest.objects.filter(pk=group.pk).update(staff_message=group.staff_message)
        queue_group_email(group_id=group.pk, event="accepted")
    return group


def group_decline(
    *, group: GroupRequest, message: str = "", now: datetime | None = None
) -> GroupRequest:
    with transaction.atomic():
        group = _locked_group(group)
        if group.status not in (GroupRequest.Status.PENDING, GroupRequest.Status.OFFERED):
            raise WrongStatus
        group.status = GroupRequest.Status.DECLINED
        group.staff_message = message.strip()
        group.decided_at = now or timezone.now()
        group.save(update_fields=["status", "staff_message", "decided_at"])
        queue_group_email(group_id=group.pk, event="declined")
    return group


def group_offer(
    *, group: GroupRequest, session: Session, message: str = "", now: datetime | None = None
) -> GroupRequest:
    """Offer another session; the contact takes it from the manage page."""
    now = now or timezone.now()
    with transaction.atomic():
        group = _locked_group(group)
        if group.status != GroupRequest.Status.PENDING:
            raise WrongStatus
        if session.pk == group.session_id or not takes_groups(session, now=now):
            raise SessionNotOpen(_("Choose another session still to come."))
        group.status = GroupRequest.Status.OFFERED
        group.offered_session = session
        group.staff_message = message.strip()
        group.decided_at = now
        group.save(update_fields=["status", "offered_session", "staff_message", "decided_at"])
        queue_group_email(group_id=group.pk, event="offered")
    return group


def group_take_offer(*, group: GroupRequest, now: datetime | None = None) -> GroupRequest:
    """The contact accepts the date offered: the places are held on it at once if they
    still fit, otherwise nothing changes."""
    now = now or timezone.now()
    with transaction.atomic():
        group = _locked_group(group)
        if group.status != GroupRequest.Status.OFFERED:
            raise WrongStatus
        _hold_places(group, group.offered_session_id, now=now)
        queue_group_email(group_id=group.pk, event="accepted")
    return group


def group_cancel(*, group: GroupRequest, now: datetime | None = None) -> GroupRequest:
    """The contact cancels: the places held go back to the public (and the waitlist)."""
    now = now or timezone.now()
    with transaction.atomic():
        group = _locked_group(group)
        if group.status in (GroupRequest.Status.CANCELLED, GroupRequest.Status.DECLINED):
            raise WrongStatus
        held = group.status == GroupRequest.Status.ACCEPTED
        if held:
            session, _left = _lock_places(group.session_id)
            if session.start <= now:
                raise SessionNotOpen(_("The session has started: it can no longer be cancelled."))
        group.status = GroupRequest.Status.CANCELLED
        group.save(update_fields=["status"])
        if held:
            session_counters_sync(session_id=session.pk)
            if session.kind == Kind.WORKSHOP:
                workshop = WorkshopPage.objects.get(pk=session.page_id)
                workshop_services.registration_promote(workshop=workshop, now=now)
            else:
                waitlist_promote(session=session, now=now)
        queue_group_email(group_id=group.pk, event="cancelled")
    return group


def groups_anonymise(*, retention_days: int | None = None, now: datetime | None = None) -> int:
    """Erase the contact of groups whose session ended ``retention_days`` ago; keep the
    organisation, the numbers and the status, so the figures still add up. Returns how
    many were anonymised; running it again does nothing."""
    if retention_days is None:
        retention_days = settings.PERSONAL_DATA_RETENTION_DAYS
    now = now or timezone.now()
    due = GroupRequest.objects.filter(
        anonymised_at__isnull=True, session__end__lt=now - timedelta(days=retention_days)
    )
    count = 0
    with transaction.atomic():
        for pk in list(due.values_list("pk", flat=True)):
            count += GroupRequest.objects.filter(pk=pk, anonymised_at__isnull=True).update(
                contact_name="",
                email=f"anonymised-{pk}@invalid.invalid",
                phone="",
                access_needs="",
                staff_message="",
                manage_token=new_manage_token(),
                anonymised_at=now,
            )
    return count
