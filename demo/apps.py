from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo site's generator (``seed_demo``): installed everywhere but production."""

    name = "demo"
    default_auto_field = "django.db.models.BigAutoField"
