"""Personal data kept no longer than needed: each app registers, from its ``ready()``,
how it anonymises the records whose retention period is over, and the daily
``anonymise_personal_data`` command runs them all. Core knows no app's models."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Anonymiser:
    label: str  # what the command prints, e.g. "Bookings anonymised"
    run: Callable[..., int]  # run(retention_days=...) -> how many records


_anonymisers: list[Anonymiser] = []


def register_anonymiser(label: str, run: Callable[..., int]) -> None:
    if all(existing.label != label for existing in _anonymisers):
        _anonymisers.append(Anonymiser(label, run))


def anonymisers() -> list[Anonymiser]:
    return list(_anonymisers)
