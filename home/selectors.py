"""Read-side questions about the site as a whole."""

from django.conf import settings
from wagtail.models import Locale, Page


def donations_open() -> bool:
    """Donations are offered only once Stripe is configured; otherwise never call Stripe."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


def search_pages(*, query: str, locale: Locale, limit: int = 30):
    """Live pages of one language matching the query, best first.

    The database backend uses PostgreSQL full-text search on PostgreSQL and a
    simpler match elsewhere.
    """
    # SQLite's full-text backend wraps each word in double quotes without escaping
    # them, so a stray " would be a syntax error (a 500) rather than no match.
    query = query.replace('"', " ").strip()
    if not query:
        return []
    pages = Page.objects.live().public().filter(locale=locale).specific()
    return list(pages.search(query)[:limit])
