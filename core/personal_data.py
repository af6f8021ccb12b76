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


# People's data on request (GDPR articles 15 and 17) -------------------------------
#
# Each app that keeps records about a person registers, from its ``ready()``, how to
# find them by email (``export``), how to erase them (``erase``: keeping only what the
# law requires, and the counts) and, if it must, why an erasure has to wait
# (``refusal``). The staff page (``core.personal_data_admin``) runs them all; core
# imports no app.


@dataclass(frozen=True)
class PersonalDataSource:
    name: str  # the key in the download, e.g. "bookings"
    label: str  # what staff read
    export: Callable[[str], list[dict]]  # export(email_key) -> the records, as plain data
    erase: Callable[[str], int]  # erase(email_key) -> how many records were erased
    refusal: Callable[[str], str] | None = None  # refusal(email_key) -> "" or why not


_sources: dict[str, PersonalDataSource] = {}


def register_personal_data(source: PersonalDataSource) -> None:
    _sources.setdefault(source.name, source)


def personal_data_sources() -> list[PersonalDataSource]:
    return list(_sources.values())


def email_key(email: str) -> str:
    return (email or "").strip().lower()


class ErasureRefused(Exception):
    def __init__(self, reasons: list[str]):
        super().__init__("; ".join(reasons))
        self.reasons = reasons


def personal_data_export(*, email: str, user=None) -> dict:
    """Every record about the person at ``email``, by source; the request is logged."""
    from django.utils import timezone

    from .models import PersonalDataRequest

    key = email_key(email)
    records = {source.name: source.export(key) for source in personal_data_sources()}
    PersonalDataRequest.objects.create(
        email=key,
        action=PersonalDataRequest.Action.EXPORT,
        requested_by=user,
        counts={name: len(rows) for name, rows in records.items()},
    )
    return {"email": key, "generated_at": timezone.now().isoformat(), "records": records}


def personal_data_erase(*, email: str, user=None) -> dict[str, int]:
    """Erase the person at ``email`` everywhere, in one transaction, or nothing at all
    when a source refuses (``ErasureRefused``, logged too). Returns the counts erased."""
    from django.db import transaction

    from .models import PersonalDataRequest

    key = email_key(email)
    reasons = [
        reason
        for source in personal_data_sources()
        if source.refusal is not None and (reason := source.refusal(key))
    ]
    if reasons:
        PersonalDataRequest.objects.create(
            email=key,
            action=PersonalDataRequest.Action.REFUSED,
            requested_by=user,
            counts={},
            note="; ".join(str(reason) for reason in reasons),
        )
        raise ErasureRefused(reasons)
    with transaction.atomic():
        counts = {source.name: source.erase(key) for source in personal_data_sources()}
        PersonalDataRequest.objects.create(
            email=key,
            action=PersonalDataRequest.Action.ERASE,
            requested_by=user,
            counts=counts,
        )
    return counts


# Never in a download: what would let the holder act as the person (links, codes).
SECRET_FIELDS = {"manage_token", "checkin_code", "email_key", "child_key"}


def records_of(queryset) -> list[dict]:
    """Each record of ``queryset`` as its fields' values (a foreign key: its id, and
    what it names), less the secrets of ``SECRET_FIELDS``."""
    rows = []
    for record in queryset:
        row = {}
        for field in record._meta.concrete_fields:
            if field.name in SECRET_FIELDS:
                continue
            row[field.name] = field.value_from_object(record)
            if field.is_relation and row[field.name] is not None:
                row[f"{field.name}_name"] = str(getattr(record, field.name))
        rows.append(row)
    return rows
