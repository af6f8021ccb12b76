from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import page_cache
        from core.personal_data import register_anonymiser
        from events import registry
        from events.choices import Kind

        from . import signals  # noqa: F401
        from .models import WorkshopPage
        from .registrations import Registration
        from .services import registrations_anonymise

        registry.register_kind_page(Kind.WORKSHOP, WorkshopPage)
        registry.register_place_holder(Registration)
        register_anonymiser("Workshop registrations anonymised", registrations_anonymise)
        page_cache.register_clock_fields(
            WorkshopPage, ["registrations_open_at", "registrations_close_at"]
        )
