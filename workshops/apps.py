from django.apps import AppConfig


class WorkshopsConfig(AppConfig):
    name = "workshops"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
