"""Writes of training applications: applying, staff decisions, anonymisation.

Trainees are one kind of the reservation engine (``events.engine``, ``Trainees``
below), whose places staff give: a decision runs inside one transaction holding the
lock on the module's row, so no number of staff clicking at once can accept more
applicants than the module has places. Emails go out only after the transaction
commits.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.log_actions import log

from events import engine
from events.bookings import normalise_email
from events.models import Session
from events.reservations import anonymise

from . import rules as rules
from .exceptions import (
    AlreadyApplied,
    ApplicationsClosed,
    InvalidDecision,
    ModuleFull,
    WithdrawalClosed,
)
from .models import Application, TrainingModulePage

DECIDE_ACTION = "workshops.application.decide"


def module_for_page(page: TrainingModulePage) -> TrainingModulePage:
    """The module applications are recorded against: the page its sessions hang off
    (the original language), whichever translation is visited."""
    owner_id = (
        Session.objects.filter(event_key=page.translation_key)
        .values_list("page_id", flat=True)
        .first()
    )
    if owner_id is None or owner_id == page.pk:
        return page
    return TrainingModulePage.objects.get(pk=owner_id)


class Trainees(engine.Kind):
    """Training applications in the engine: the module holds the places, which staff
    give by accepting applicants (``training.rules``: which move may follow which)."""

    model = Application
    scope = "application"
    row_id = "application_id"
    emails = {
        "received": ("training.emails.acknowledgement_email_for", {}),
        "decided": ("training.emails.decision_email_for", {}),
        "session_cancelled": ("training.emails.session_cancelled_email_for", {}),
    }

    def capacity(self, key):
        return TrainingModulePage.objects.filter(pk=key)

    def event_key(self, key, locked):
        return locked[0].translation_key

    def key_of(self, row):
        return row.module_id

    def admits(self, locked, row):
        module = locked[0]
        accepted = Application.objects.filter(module=module, status=Application.Status.ACCEPTED)
        return rules.fits(accepted=accepted.count(), places=module.places)


TRAINEES = Trainees()


def application_submit(
    *,
    module: TrainingModulePage,
    first_name: str,
    last_name: str,
    email: str,
    motivation: str,
    language: str,
    phone: str = "",
    links: str = "",
    availability: str = "",
    now: datetime | None = None,
) -> Application:
    """Record an application and acknowledge it by email.

    Raises ``ApplicationsClosed`` after the deadline and ``AlreadyApplied`` (with the
    existing application, left unchanged) when this email has already applied.
    """
    now = now or timezone.now()
    if now >= module.application_deadline:
        raise ApplicationsClosed(module.application_deadline)
    email_key = normalise_email(email)
    existing = Application.objects.exclude(status=Application.Status.WITHDRAWN).filter(
        module=module, email_key=email_key
    )
    try:
        with transaction.atomic():
            if (found := existing.first()) is not None:
                raise AlreadyApplied(found)
            application = Application.objects.create(
                module=module,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                email=email.strip(),
                phone=phone.strip(),
                motivation=motivation.strip(),
                links=links.strip(),
                availability=availability.strip(),
                language=language,
            )
    except IntegrityError:
        # Two posts of the same form slipped past the check: the constraint decides.
        if (found := existing.first()) is None:
            raise
        raise AlreadyApplied(found) from None
    engine.queue(TRAINEES, "received", [application.pk])
    return application


def application_decide(
    *, application: Application, status: str, by_user, now: datetime | None = None
) -> Application:
    """Move an application to ``status`` for staff member ``by_user``; email the
    applicant about each decision, in the language they applied in.

    Deciding what is already decided does nothing. Raises ``InvalidDecision`` for a move
    the rules do not allow, ``ModuleFull`` when accepting would exceed the places.
    """
    status = Application.Status(status)

    def allowed(row):
        if not rules.can_move(row.status, status):
            raise InvalidDecision(Application.Status(row.status), status)

    with transaction.atomic():
        now = now or timezone.now()
        application, current = engine.move(
            TRAINEES,
            application,
            to=status,
            allowed=allowed,
            admitted=(Application.Status.ACCEPTED,),
            full=lambda locked: ModuleFull(locked[0].places),
        )
        if current is None:
            return application
        current = Application.Status(current)
        application.decided_at = None if status == Application.Status.RECEIVED else now
        application.save(update_fields=["status", "decided_at", "updated_at"])
        log(
            instance=application,
            action=DECIDE_ACTION,
            user=by_user,
            data={"from": current.value, "to": status.value},
        )
        if status in rules.ANNOUNCED:
            engine.queue(TRAINEES, "decided", [application.pk], status=status.value)
        return application


# Applications still in the running: told when a session of their module is cancelled.
CONCERNED = (
    Application.Status.RECEIVED,
    Application.Status.SHORTLISTED,
    Application.Status.ACCEPTED,
    Application.Status.WAITLISTED,
)


def applications_session_cancelled(*, session: Session) -> list[int]:
    """Staff cancelled a session of a training module: tell each applicant still in
    the running, once (``workshops.signals``, on the change of status), in the language
    they applied in. Applications are kept: the module's other sessions go on.
    Returns the ids of the applications told."""
    ids = list(
        Application.objects.filter(
            module_id=session.page_id, status__in=CONCERNED, anonymised_at__isnull=True
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    engine.queue(TRAINEES, "session_cancelled", ids, session_id=session.pk)
    return ids


WITHDRAW_ACTION = "training.application.withdraw"


def withdrawal_open(*, application: Application, now: datetime | None = None) -> bool:
    """Whether the applicant may still withdraw: while in the running, until the
    module's first session starts (a module without sessions: at any time)."""
    if application.status not in CONCERNED:
        return False
    first = (
        Session.objects.filter(page_id=application.module_id)
        .order_by("start")
        .values_list("start", flat=True)
        .first()
    )
    return first is None or (now or timezone.now()) < first


def application_withdraw(*, application: Application, now: datetime | None = None) -> Application:
    """The applicant withdraws from their manage page (harmless twice): an accepted
    applicant's place is free again for staff to offer. Recorded in the application's
    history; raises ``WithdrawalClosed`` once the module has started or the
    application is declined."""

    def allowed(row):
        if not withdrawal_open(application=row, now=now):
            raise WithdrawalClosed

    with transaction.atomic():
        now = now or timezone.now()
        application, current = engine.move(
            TRAINEES, application, to=Application.Status.WITHDRAWN, allowed=allowed
        )
        if current is None:
            return application
        application.decided_at = now
        application.save(update_fields=["status", "decided_at", "updated_at"])
        log(instance=application, action=WITHDRAW_ACTION, data={"from": current})
        return application


def application_update_notes(*, application: Application, staff_notes: str) -> Application:
    Application.objects.filter(pk=application.pk).update(
        staff_notes=staff_notes, updated_at=timezone.now()
    )
    application.staff_notes = staff_notes
    return application


def applications_anonymise(
    *, retention_days: int | None = None, now: datetime | None = None
) -> int:
    """Erase who applied to modules whose last session ended ``retention_days`` ago
    (a module without sessions: its deadline); keep statuses and dates, so the
    figures still add up. Returns how many were anonymised; running it again does nothing.
    """
    if retention_days is None:
        retention_days = settings.PERSONAL_DATA_RETENTION_DAYS
    now = now or timezone.now()
    last_end = (
        Session.objects.filter(page_id=OuterRef("module_id"))
        .values("page_id")
        .annotate(last=Max("end"))
        .values("last")
    )
    due = Application.objects.annotate(
        ended=Coalesce(
            Subquery(last_end, output_field=DateTimeField()),
            "module__application_deadline",
        )
    ).filter(ended__lt=now - timedelta(days=retention_days))
    return anonymise(due, erase=_erased_application, now=now)


def _erased_application(pk: int) -> dict:
    email = f"anonymised-{pk}@invalid.invalid"
    return {
        "first_name": "",
        "last_name": "",
        "email": email,
        "email_key": email,
        "phone": "",
        "motivation": "",
        "links": "",
        "availability": "",
        "staff_notes": "",
    }


def applications_erase_for(*, email_key: str, now: datetime | None = None) -> int:
    """A person's erasure request (GDPR article 17): every application made with this
    email anonymised as ``applications_anonymise`` does; statuses and dates stay."""
    now = now or timezone.now()
    mine = Application.objects.filter(email_key=email_key)
    return anonymise(mine, erase=_erased_application, now=now)
