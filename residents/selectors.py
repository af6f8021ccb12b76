from wagtail.models import Locale

from .models import ResidentPage


def resident_directory(*, index_page, discipline: str | None = None):
    """Live residents under one directory page, by name, optionally of one discipline."""
    residents = (
        ResidentPage.objects.child_of(index_page)
        .live()
        .public()
        .select_related("portrait")
        .prefetch_related("portrait__renditions", "disciplines")
        .order_by("name")
    )
    if discipline:
        residents = residents.filter(disciplines__slug=discipline)
    return residents


def featured_residents(*, locale: Locale, limit: int = 6):
    return list(
        ResidentPage.objects.live()
        .public()
        .filter(locale=locale, featured=True)
        .select_related("portrait")
        .prefetch_related("portrait__renditions", "disciplines")
        .order_by("name")[:limit]
    )
