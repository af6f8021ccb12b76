from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """Free training modules: people apply, staff select. Built on events' sessions."""

    name = "training"
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
        from events.selectors import event_sessions

        from . import signals  # noqa: F401
        from .models import Application, TrainingModulePage
        from .services import applications_anonymise, applications_erase_for

        registry.register_kind_page(Kind.TRAINING, TrainingModulePage)
        register_kind(
            ReservationKind(
                name="trainee",
                model=Application,
                label=_("Trainees"),
                # Accepted applicants are the trainees: expected at every session.
                expected=lambda session: Application.objects.filter(
                    module__translation_key=session.event_key,
                    status=Application.Status.ACCEPTED,
                ),
                sessions=lambda row: event_sessions(event_key=row.module.translation_key),
                display_name=lambda row: f"{row.first_name} {row.last_name}",
                refusal=lambda row: (
                    None if row.status == Application.Status.ACCEPTED else CheckInNotAdmitted()
                ),
            )
        )
        register_anonymiser("Training applications anonymised", applications_anonymise)
        register_personal_data(
            PersonalDataSource(
                name="training_applications",
                label=_("Training applications"),
                export=lambda key: records_of(
                    Application.objects.filter(email_key=key).select_related("module")
                ),
                erase=lambda key: applications_erase_for(email_key=key),
            )
        )
        page_cache.register_clock_fields(TrainingModulePage, ["application_deadline"])
