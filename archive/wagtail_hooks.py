from django.urls import include, path
from wagtail import hooks


@hooks.register("register_admin_urls")
def register_archive_urls():
    from . import admin_views

    return [
        path(
            "archive/",
            include((admin_views.urlpatterns, "archive_admin"), namespace="archive_admin"),
        )
    ]
