"""What the apps built on the programme add to it, registered from their ``ready()``:
the page model that presents each kind of session. (The kinds of reservation are
registered in ``events.reservations``.) ``events`` reads them here instead of importing those apps,
so dependencies run one way (workshops and training build on events, never the reverse).
"""

_page_models: dict[str, type] = {}


def register_kind_page(kind: str, model: type) -> None:
    _page_models[kind] = model


def kind_page_models() -> dict[str, type]:
    """Session kind -> the page model of its events."""
    return dict(_page_models)
