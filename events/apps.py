from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.personal_data import register_anonymiser

        from . import registry, signals  # noqa: F401
        from .bookings import Booking
        from .choices import Kind
        from .models import ScreeningPage
        from .services import bookings_anonymise

        registry.register_kind_page(Kind.SCREENING, ScreeningPage)
        registry.register_place_holder(Booking)
        register_anonymiser("Bookings anonymised", bookings_anonymise)
