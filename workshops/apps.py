from django.apps import AppConfig
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class WorkshopsConfig(AppConfig):
    name = "workshops"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import page_cache
        from core.personal_data import (
            PersonalDataSource,
            records_of,
            register_anonymiser,
            register_personal_data,
        )
        from events import registry
        from events.choices import Kind
        from events.exceptions import CheckInNotAdmitted
        from events.reservations import ReservationKind, register_kind

        from . import signals  # noqa: F401
        from .models import WorkshopPage
        from .registrations import Registration
        from .selectors import covered_sessions
        from .services import registrations_anonymise, registrations_erase_for

        registry.register_kind_page(Kind.WORKSHOP, WorkshopPage)
        register_kind(
            ReservationKind(
                name="registration",
                model=Registration,
                label=_("Workshop participants"),
                expected=lambda session: Registration.objects.filter(
                    Q(session=session)
                    | Q(covers_series=True, session__event_key=session.event_key),
                    status=Registration.Status.CONFIRMED,
                ),
                sessions=lambda row: covered_sessions(registration=row),
                display_name=lambda row: (
                    f"{row.child_first_name} ({row.guardian_first_name} {row.guardian_last_name})"
                ),
                refusal=lambda row: (
                    None if row.status == Registration.Status.CONFIRMED else CheckInNotAdmitted()
                ),
            )
        )
        register_anonymiser("Workshop registrations anonymised", registrations_anonymise)
        register_personal_data(
            PersonalDataSource(
                name="workshop_registrations",
                label=_("Workshop registrations"),
                export=lambda key: records_of(
                    Registration.objects.filter(email_key=key).select_related("session", "workshop")
                ),
                erase=lambda key: registrations_erase_for(email_key=key),
            )
        )
        page_cache.register_clock_fields(
            WorkshopPage, ["registrations_open_at", "registrations_close_at"]
        )
