"""Pure rules of premieres and room requests: plain functions, tested directly."""

from datetime import date

from residents.models import ProjectPage

Stage = ProjectPage.Stage

# A premiere is proposed once the film is being finished or is finished.
PROPOSABLE_STAGES = frozenset({Stage.POST_PRODUCTION, Stage.DISTRIBUTION})


def can_propose_premiere(stage: str) -> bool:
    return stage in PROPOSABLE_STAGES


def dates_acceptable(*, wished_from: date, wished_until: date, today: date) -> bool:
    """Wished dates start today or later (``wished_until`` before ``wished_from`` is
    the form's to refuse)."""
    return wished_from >= today and wished_until >= today
