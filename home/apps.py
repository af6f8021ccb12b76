from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import admin_notifications, page_cache, single_line

        page_cache.connect_signals()
        admin_notifications.connect()
        single_line.require_single_line_page_titles()
