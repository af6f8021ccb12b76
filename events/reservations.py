"""One reservation mechanism for every form that gives a person a place on sessions:
screening bookings, workshop registrations, training trainees (accepted applications).

What they share lives here: the fields that let a person manage a reservation and be
checked in at the door (``Reservation``), the per-session record of who came
(``Attendance``), and a registry of the kinds of reservation, each saying how to find
its sessions, who is expected at one and under which name. The door, its QR code and
the per-session registers read the registry, so a new kind of reservation registers
itself from its app's ``ready()`` and gets them all; ``events`` never imports the apps
built on it.
"""

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _


def new_manage_token() -> str:
    """About 190 bits from the OS's generator: the only key to a reservation."""
    return secrets.token_urlsafe(24)


def new_checkin_code() -> str:
    """What the QR code at the door carries: distinct from the manage token, so a
    photographed ticket never lets anyone cancel the reservation."""
    return secrets.token_urlsafe(16)


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def by_token(queryset: QuerySet, token: str):
    """The reservation a manage link opens, or ``None`` (unknown, revoked or anonymised
    token: anonymising issues a new one nobody holds)."""
    if not token or len(token) > 64:
        return None
    return queryset.filter(manage_token=token).first()


def revoke_manage_token(row):
    """Staff: the old manage link stops working at once; a new one is issued."""
    row.manage_token = new_manage_token()
    row.save(update_fields=["manage_token", "updated_at"])
    return row


def anonymise(due: QuerySet, *, erase: Callable[[int], dict], now) -> int:
    """Erase who made the reservations ``due``: ``erase(pk)`` names the personal fields
    of one row and what they become. The manage link stops working (a new token nobody
    holds) and the row is stamped; what was reserved, statuses and dates stay, so the
    counts still add up. Harmless to repeat: returns how many this call anonymised."""
    model, count = due.model, 0
    with transaction.atomic():
        for pk in list(due.filter(anonymised_at__isnull=True).values_list("pk", flat=True)):
            count += model.objects.filter(pk=pk, anonymised_at__isnull=True).update(
                **erase(pk), manage_token=new_manage_token(), anonymised_at=now, updated_at=now
            )
    return count


class Reservation(models.Model):
    """The fields every kind of reservation has, whatever its form asks."""

    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    manage_token = models.CharField(max_length=64, unique=True, default=new_manage_token)
    # The door: the QR code opens the check-in page of this reservation in the admin.
    checkin_code = models.CharField(max_length=32, unique=True, default=new_checkin_code)
    updated_at = models.DateTimeField(auto_now=True)
    # Set when the retention period erased who it was (``anonymise``).
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        abstract = True


class PlaceStatus(models.TextChoices):
    """The life of a request for places: confirmed at once or waitlisted, promoted in
    order, cancelled."""

    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class PlaceReservation(Reservation):
    """A reservation that takes places first come, first served (bookings, workshop
    registrations), as opposed to one staff select (training applications)."""

    Status = PlaceStatus
    ACTIVE = (PlaceStatus.CONFIRMED, PlaceStatus.WAITLISTED)

    status = models.CharField(_("status"), max_length=20, choices=PlaceStatus.choices)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_active(self):
        return self.status in self.ACTIVE


class Attendance(models.Model):
    """Somebody holding a reservation came to one session: one row per reservation and
    session, so a workshop series or a training module over several days records each
    day apart. (Bookings, one session each, keep it on the booking itself.)"""

    wagtail_reference_index_ignore = True

    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    checked_in_at = models.DateTimeField(_("checked in at"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "session"], name="attendance_once_per_session"
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} @ {self.session_id}"


@dataclass(frozen=True)
class ReservationKind:
    """How the mechanism reads one kind of reservation.

    ``expected(session)``: the rows admitted at that session's door (confirmed or
    accepted); ``sessions(row)``: the sessions the row is for; ``refusal(row)``: why the
    row's status keeps it out (an ``events.exceptions`` error), or ``None``.
    """

    name: str
    model: type[models.Model]
    label: str
    expected: Callable[..., QuerySet]
    sessions: Callable[[models.Model], Iterable]
    display_name: Callable[[models.Model], str]
    refusal: Callable[[models.Model], Exception | None]
    people: Callable[[models.Model], int] = field(default=lambda row: 1)
    # Bookings record their check-in on the row; the others through ``Attendance``.
    on_row: bool = False


_kinds: dict[str, ReservationKind] = {}


def register_kind(kind: ReservationKind) -> None:
    _kinds[kind.name] = kind


def reservation_kinds() -> list[ReservationKind]:
    return list(_kinds.values())


def reservation_kind(name: str) -> ReservationKind | None:
    return _kinds.get(name)


def kind_for(row: models.Model) -> ReservationKind:
    return next(kind for kind in _kinds.values() if isinstance(row, kind.model))


def sessions_have_people(session_ids) -> bool:
    """Whether anybody holds a place on these sessions or was checked in at one: every
    registered kind whose rows name their session, the place holders' rows (whatever
    their status: a group request is kept) and the attendance records."""
    holders = [
        kind.model
        for kind in _kinds.values()
        if any(f.name == "session" for f in kind.model._meta.get_fields())
    ] + [holder.model for holder in _holders]
    return any(
        model.objects.filter(session_id__in=session_ids).exists()
        for model in [*holders, Attendance]
    )


@dataclass(frozen=True)
class PlaceHolder:
    """Rows of an app built on events that hold places on a session outside bookings
    (a partner's accepted group): ``held`` picks the rows holding places, ``seats`` is
    how many each holds. The session's places count them like confirmed bookings."""

    model: type[models.Model]
    held: models.Q
    seats: models.Expression


_holders: list[PlaceHolder] = []


def register_place_holder(holder: PlaceHolder) -> None:
    _holders.append(holder)


def held_seats(session_ref="pk") -> models.Expression:
    """An expression: the seats the registered holders keep on the session
    ``session_ref`` names (``OuterRef`` of the outer query's session), 0 without any."""
    total = models.Value(0)
    for holder in _holders:
        rows = (
            holder.model.objects.filter(holder.held, session_id=models.OuterRef(session_ref))
            .order_by()
            .values("session_id")
            .annotate(total=models.Sum(holder.seats))
            .values("total")
        )
        total = total + Coalesce(models.Subquery(rows, output_field=models.IntegerField()), 0)
    return total
