from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every part of the site uses: mail, rate limits, the page cache, uploads,
    security, health, request ids and logging. It imports no app of the site."""

    name = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import admin_notifications, page_cache, single_line, workflow_names

        page_cache.connect_signals()
        admin_notifications.connect()
        single_line.require_single_line_page_titles()
        workflow_names.connect()
