"""What the apps built on the programme add to it, registered from their ``ready()``:
the page model that presents each kind of session, and the models whose rows hold a
person's place on a session. ``events`` reads them here instead of importing those apps,
so dependencies run one way (workshops and training build on events, never the reverse).
"""

from django.db import models

_page_models: dict[str, type] = {}
_place_holders: list[type[models.Model]] = []


def register_kind_page(kind: str, model: type) -> None:
    _page_models[kind] = model


def kind_page_models() -> dict[str, type]:
    """Session kind -> the page model of its events."""
    return dict(_page_models)


def register_place_holder(model: type[models.Model]) -> None:
    """``model`` has a ``session`` foreign key; its rows are people holding places."""
    if model not in _place_holders:
        _place_holders.append(model)


def sessions_have_people(session_ids) -> bool:
    return any(
        model.objects.filter(session_id__in=session_ids).exists() for model in _place_holders
    )
