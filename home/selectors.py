"""Read-side questions about the site as a whole."""

import unicodedata

from wagtail.models import Locale, Page, Site

# The organisation settings' pages of terms and notices: found by a search that names
# them, after everything else when they only mention the words sought.
NOTICE_PAGE_FIELDS = ("legal_page", "privacy_page", "booking_terms_page", "accessibility_page")


def search_pages(*, query: str, locale: Locale, site: Site | None = None, limit: int = 30):
    """Live pages of one language matching the query, best first: a page whose title
    holds every word sought before a page that only mentions them, and the site's legal
    and terms pages last (searching "cinéma" is looking for films, not the legal notice).

    The database backend uses PostgreSQL full-text search on PostgreSQL and a
    simpler match elsewhere; the order within each group is the backend's.
    """
    # SQLite's full-text backend wraps each word in double quotes without escaping
    # them, so a stray " would be a syntax error (a 500) rather than no match.
    query = query.replace('"', " ").strip()
    if not query:
        return []
    pages = Page.objects.live().public().filter(locale=locale).specific()
    results = list(pages.search(query)[:limit])
    notices = notice_page_keys(site) if site is not None else set()
    words = folded(query).split()

    def rank(page: Page) -> tuple[bool, bool]:
        named = all(word in folded(page.title) for word in words)
        return (page.translation_key in notices and not named, not named)

    return sorted(results, key=rank)  # stable: the backend's order within a rank


def folded(text: str) -> str:
    """Lower case without accents: "Cinéma" and "cinema" are the same word here."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def notice_page_keys(site: Site) -> set:
    """Translation keys of the legal, privacy, booking terms and accessibility pages
    named in the site's organisation settings (so their translations count too)."""
    from core.organisation import organisation_for_site

    organisation = organisation_for_site(site)
    ids = [getattr(organisation, f"{name}_id") for name in NOTICE_PAGE_FIELDS]
    return set(
        Page.objects.filter(pk__in=[pk for pk in ids if pk]).values_list(
            "translation_key", flat=True
        )
    )


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
