"""What premieres and room requests show: a project's premiere, a resident's past
premieres, the dashboard's counts."""

from dataclasses import dataclass

from django.db.models import Count, Min
from django.utils import timezone

from events.models import ScreeningPage, Session
from events.selectors import pages_for_events

from .models import PremiereProposal, RoomRequest, ScreeningRequest


@dataclass
class Premiere:
    project_title: str
    page: ScreeningPage
    session: Session


def _premieres(proposals, *, locale) -> list[Premiere]:
    """The accepted premieres among ``proposals`` whose screening is published, each
    with its first session and its screening in ``locale`` when translated."""
    accepted = list(
        proposals.filter(
            status=ScreeningRequest.Status.ACCEPTED, screening__live=True
        ).select_related("screening", "project")
    )
    keys = {proposal.screening.translation_key for proposal in accepted}
    firsts: dict = {}
    for session in Session.objects.filter(
        event_key__in=keys, status=Session.Status.SCHEDULED
    ).order_by("start"):
        firsts.setdefault(session.event_key, session)
    pages = pages_for_events(event_keys=keys, locale=locale)
    return [
        Premiere(
            project_title=proposal.project.title,
            page=pages.get(proposal.screening.translation_key) or proposal.screening,
            session=firsts[proposal.screening.translation_key],
        )
        for proposal in accepted
        if proposal.screening.translation_key in firsts
    ]


def project_premiere(*, project) -> Premiere | None:
    """The premiere of ``project`` (any of its translations), once published."""
    proposals = PremiereProposal.objects.filter(project__translation_key=project.translation_key)
    found = _premieres(proposals, locale=project.locale)
    return found[0] if found else None


def resident_past_premieres(*, resident) -> list[Premiere]:
    """The premieres held of the projects of ``resident``, latest first."""
    proposals = PremiereProposal.objects.filter(
        project__path__startswith=resident.path, project__depth=resident.depth + 1
    )
    now = timezone.now()
    held = [p for p in _premieres(proposals, locale=resident.locale) if p.session.start < now]
    return sorted(held, key=lambda premiere: premiere.session.start, reverse=True)


def premieres_held_count(*, start=None, end=None) -> int:
    """Accepted premieres whose screening's first session has begun (in the period)."""
    keys = PremiereProposal.objects.filter(
        status=ScreeningRequest.Status.ACCEPTED, screening__isnull=False
    ).values("screening__translation_key")
    firsts = (
        Session.objects.filter(event_key__in=keys, status=Session.Status.SCHEDULED)
        .values("event_key")
        .annotate(first=Min("start"))
        .filter(first__lt=timezone.now())
    )
    if start is not None:
        firsts = firsts.filter(first__gte=start)
    if end is not None:
        firsts = firsts.filter(first__lt=end)
    return firsts.count()


def room_request_outcomes(*, start=None, end=None) -> dict[str, int]:
    """Room requests received (in the period) by status, every status named."""
    requests = RoomRequest.objects.all()
    if start is not None:
        requests = requests.filter(created_at__gte=start)
    if end is not None:
        requests = requests.filter(created_at__lt=end)
    counts = dict(requests.order_by().values_list("status").annotate(n=Count("pk")))
    return {status: counts.get(status, 0) for status in ScreeningRequest.Status.values}
