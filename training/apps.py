from django.apps import AppConfig


class TrainingConfig(AppConfig):
    """Free training modules: people apply, staff select. Built on events' sessions."""

    name = "training"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import page_cache
        from core.personal_data import register_anonymiser
        from events import registry
        from events.choices import Kind

        from . import signals  # noqa: F401
        from .models import TrainingModulePage
        from .services import applications_anonymise

        registry.register_kind_page(Kind.TRAINING, TrainingModulePage)
        register_anonymiser("Training applications anonymised", applications_anonymise)
        page_cache.register_clock_fields(TrainingModulePage, ["application_deadline"])
