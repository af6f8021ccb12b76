from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = _("Donations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.personal_data import register_anonymiser

        from .services import donations_anonymise

        register_anonymiser("Unpaid donations anonymised", donations_anonymise)
