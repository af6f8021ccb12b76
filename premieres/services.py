"""What happens to premieres and room requests: recorded, then answered by staff.

One mechanism for both kinds (``ScreeningRequest``): staff accept with a date (a
draft screening is made), decline, or propose another date; the person who asked is
emailed each time, after commit, in the language they asked in.
"""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log
from wagtail.models import Locale

from core.page_cache import content_changed
from events.models import ProgrammeIndexPage, ScreeningDirector, ScreeningPage, Session, Venue
from residents.models import ProjectPage

from . import rules
from .exceptions import (
    AlreadyDecided,
    DatesInPast,
    NoProgramme,
    NotTheirProject,
    PremiereError,
    ProjectNotFinished,
)
from .models import PremiereProposal, RoomRequest, ScreeningRequest

DECIDE_ACTION = "premieres.decide"


class Decision:
    ACCEPT = "accept"
    DECLINE = "decline"
    OTHER_DATE = "other_date"

    choices = [ACCEPT, DECLINE, OTHER_DATE]


def _queue(request_obj: ScreeningRequest, event: str) -> None:
    from core.mail import send_later

    send_later(
        "premieres.emails.request_email",
        model=request_obj._meta.model_name,
        request_id=request_obj.pk,
        event=event,
    )


def _check_dates(wished_from: date, wished_until: date, today: date | None) -> None:
    today = today or timezone.localdate()
    if not rules.dates_acceptable(wished_from=wished_from, wished_until=wished_until, today=today):
        raise DatesInPast()


def room_request_submit(*, language: str, today: date | None = None, **fields) -> RoomRequest:
    """Record a filmmaker's request for the room; acknowledge it by email. Raises
    ``DatesInPast`` (nothing recorded) when a wished date has passed."""
    _check_dates(fields["wished_from"], fields["wished_until"], today)
    with transaction.atomic():
        room_request = RoomRequest.objects.create(language=language, **fields)
        _queue(room_request, "received")
    return room_request


def user_may_propose(*, user, project: ProjectPage) -> bool:
    """The project's resident (or staff who edit it): never another resident."""
    return project.permissions_for_user(user).can_edit()


def premiere_propose(
    *, project: ProjectPage, user, language: str, today: date | None = None, **fields
) -> PremiereProposal:
    """A resident proposes a premiere of their own project; acknowledged by email."""
    if not user_may_propose(user=user, project=project):
        raise NotTheirProject()
    if not rules.can_propose_premiere(project.stage):
        raise ProjectNotFinished()
    _check_dates(fields["wished_from"], fields["wished_until"], today)
    with transaction.atomic():
        proposal = PremiereProposal.objects.create(
            project=project, proposed_by=user, language=language, **fields
        )
        _queue(proposal, "received")
    return proposal


def request_decide(
    *,
    request_obj: ScreeningRequest,
    decision: str,
    by_user,
    start: datetime | None = None,
    message: str = "",
    now: datetime | None = None,
) -> ScreeningRequest:
    """Staff answer a request: ``accept`` (at ``start``: a draft screening is made),
    ``decline``, or ``other_date`` (``start`` offered instead). Raises
    ``AlreadyDecided`` once accepted or declined, ``PremiereError`` for a missing or
    past date; nothing changes then."""
    now = now or timezone.now()
    if decision not in Decision.choices:
        raise PremiereError()
    if decision != Decision.DECLINE and (start is None or start <= now):
        raise PremiereError(_("Choose a date and time to come."))
    model = type(request_obj)
    with transaction.atomic():
        request_obj = model.objects.select_for_update().get(pk=request_obj.pk)
        if not request_obj.is_open:
            raise AlreadyDecided()
        before = request_obj.status
        request_obj.staff_message = message
        request_obj.decided_at = now
        request_obj.offered_start = start
        if decision == Decision.ACCEPT:
            request_obj.status = ScreeningRequest.Status.ACCEPTED
            request_obj.screening = _draft_screening(request_obj, start=start, by_user=by_user)
        elif decision == Decision.DECLINE:
            request_obj.status = ScreeningRequest.Status.DECLINED
        else:
            request_obj.status = ScreeningRequest.Status.OTHER_DATE
        request_obj.save()
        log(
            instance=request_obj,
            action=DECIDE_ACTION,
            user=by_user,
            data={"from": before, "to": request_obj.status},
        )
        _queue(request_obj, request_obj.status)
        if decision == Decision.ACCEPT:
            content_changed()  # the project page now shows its premiere
    return request_obj


def _draft_screening(request_obj: ScreeningRequest, *, start: datetime, by_user) -> ScreeningPage:
    """A draft screening page in the default language, from what the request knows:
    staff complete and publish it."""
    locale = Locale.get_default()
    index = ProgrammeIndexPage.objects.filter(locale=locale).first()
    if index is None:
        raise NoProgramme()
    with override(locale.language_code):
        fields = (
            _from_project(request_obj)
            if isinstance(request_obj, PremiereProposal)
            else _from_room_request(request_obj)
        )
    title = fields.pop("title")
    page = ScreeningPage(
        title=title,
        slug=find_available_slug(index, slugify(title) or "seance"),
        film_title=title,
        runtime=request_obj.runtime,
        live=False,
        owner=by_user,
        sessions=[
            Session(
                start=start,
                end=start + timedelta(minutes=request_obj.runtime + 30),
                venue=Venue.objects.filter(locale=locale).first(),
            )
        ],
        **fields,
    )
    index.add_child(instance=page)
    page.save_revision(user=by_user, log_action=True)
    return page


def _from_project(proposal: PremiereProposal) -> dict:
    project = proposal.project
    resident = project.get_parent().specific
    credits = "".join(
        f"<li>{escape(credit.role)} : {escape(credit.name)}</li>"
        for credit in project.credits.all()
    )
    label = escape(_("The project page"))
    link = f'<p><a linktype="page" id="{project.pk}">{label}</a></p>'
    return {
        "title": project.title,
        "summary": project.logline,
        "synopsis": project.synopsis + (f"<ul>{credits}</ul>" if credits else "") + link,
        "image": project.image,
        "image_alt_text": project.image_alt_text,
        "version": proposal.version,
        "directors": [ScreeningDirector(name=resident.name, resident=resident)],
    }


def _from_room_request(room_request: RoomRequest) -> dict:
    summary = _("First showing of %(film)s by %(director)s.") % {
        "film": room_request.film_title,
        "director": room_request.director,
    }
    return {
        "title": room_request.film_title,
        "summary": summary,
        "synopsis": f"<p>{escape(summary)}</p>",
        "directors": [ScreeningDirector(name=room_request.director)],
    }
