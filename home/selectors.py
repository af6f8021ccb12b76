"""Read-side questions about the site as a whole."""

from django.conf import settings
from wagtail.models import Locale, Page


def donations_open() -> bool:
    """Donations are offered only once Stripe is configured; otherwise never call Stripe."""
    return bool(settings.STRIPE_SECRET_KEY)


def search_pages(*, query: str, locale: Locale, limit: int = 30):
    """Live pages of one language matching the query, best first.

    The database backend uses PostgreSQL full-text search on PostgreSQL and a
    simpler match elsewhere.
    """
    pages = Page.objects.live().public().filter(locale=locale).specific()
    return list(pages.search(query)[:limit])
