from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FestivalConfig(AppConfig):
    name = "festival"
    verbose_name = _("Online festival")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import page_cache
        from core.personal_data import register_anonymiser

        from .models import CompetitionPage
        from .services import viewers_anonymise

        register_anonymiser("Festival viewers anonymised", viewers_anonymise)

        # The page shows the registration form, then the results, by the clock alone.
        page_cache.register_clock_fields(
            CompetitionPage, ["viewing_opens", "viewing_closes", "vote_closes"]
        )
