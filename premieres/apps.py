from django.apps import AppConfig


class PremieresConfig(AppConfig):
    """First showings: residents' premieres and the room lent to filmmakers. Both are
    requests for a screening that staff accept, decline or answer with another date."""

    name = "premieres"
    default_auto_field = "django.db.models.BigAutoField"
