"""Read-side questions about the site as a whole."""

from wagtail.models import Locale, Page


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
