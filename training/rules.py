"""Pure rules of training applications: which decision may follow which."""

from .models import Application

Status = Application.Status

# Where staff may move an application from each status. Going back is allowed where a
# decision can sensibly be reconsidered; a withdrawn application is final.
MOVES: dict[str, frozenset[str]] = {
    Status.RECEIVED: frozenset({Status.SHORTLISTED, Status.DECLINED}),
    Status.SHORTLISTED: frozenset(
        {Status.RECEIVED, Status.ACCEPTED, Status.DECLINED, Status.WAITLISTED}
    ),
    Status.WAITLISTED: frozenset({Status.SHORTLISTED, Status.ACCEPTED, Status.DECLINED}),
    Status.ACCEPTED: frozenset({Status.WAITLISTED, Status.DECLINED}),
    Status.DECLINED: frozenset({Status.SHORTLISTED, Status.WAITLISTED}),
    Status.WITHDRAWN: frozenset(),
}

# Statuses the applicant is told about by email.
ANNOUNCED = frozenset({Status.SHORTLISTED, Status.ACCEPTED, Status.DECLINED, Status.WAITLISTED})


def can_move(current: str, wanted: str) -> bool:
    return wanted in MOVES.get(current, frozenset())


def next_statuses(current: str) -> list[str]:
    """The statuses staff may choose from ``current``, in the model's order, itself first."""
    return [value for value in Status.values if value == current or can_move(current, value)]


def fits(*, accepted: int, places: int) -> bool:
    """Whether one more applicant can be accepted."""
    return accepted < places
