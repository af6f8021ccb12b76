from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from events.signals import bookings_confirmed

        from .services import subscribe_from_bookings

        bookings_confirmed.connect(subscribe_from_bookings, dispatch_uid="newsletter_bookings")
