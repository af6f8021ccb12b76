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


# The picture a search result shows, by the field each page type keeps it in.
RESULT_IMAGE_FIELDS = ("image", "portrait", "poster", "hero_image")


def search_result_details(pages: list[Page]) -> list[Page]:
    """Give each result what a visitor scans a list by: ``result_kind`` (the page
    type's name), ``result_image`` and ``result_date`` (the next date of an event, when
    it has one). Two queries, whatever the number of results."""
    from events.selectors import upcoming_sessions

    keys = {page.translation_key for page in pages}
    next_dates: dict = {}
    for session in upcoming_sessions().filter(event_key__in=keys).exclude(status="cancelled"):
        next_dates.setdefault(session.event_key, session.start)
    for page in pages:
        page.result_kind = page.specific_class._meta.verbose_name
        page.result_image = next(
            (getattr(page, name) for name in RESULT_IMAGE_FIELDS if getattr(page, name, None)),
            None,
        )
        page.result_date = next_dates.get(page.translation_key)
    return pages
