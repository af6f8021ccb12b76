from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FestivalConfig(AppConfig):
    name = "festival"
    verbose_name = _("Online festival")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import page_cache

        from .models import CompetitionPage

        # The page shows the registration form, then the results, by the clock alone.
        page_cache.register_clock_fields(
            CompetitionPage, ["viewing_opens", "viewing_closes", "vote_closes"]
        )
