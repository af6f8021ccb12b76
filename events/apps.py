from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import page_cache
        from core.personal_data import register_anonymiser

        from . import registry, signals  # noqa: F401
        from .bookings import Booking
        from .choices import Kind
        from .models import ScreeningPage, Session
        from .services import bookings_anonymise

        registry.register_kind_page(Kind.SCREENING, ScreeningPage)
        registry.register_place_holder(Booking)
        register_anonymiser("Bookings anonymised", bookings_anonymise)
        page_cache.register_clock_fields(Session, ["start", "end"])
        page_cache.register_clock_fields(ScreeningPage, ["bookings_open_at", "bookings_close_at"])
