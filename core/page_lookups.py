"""What many parts of one page's build ask the database alike, asked once per request
(``core.request_memo``): the locales and the private sections of the page tree."""

from django.conf import settings
from django.utils import translation
from wagtail.models import Locale, Page

from .request_memo import memoized


def default_locale() -> Locale:
    """``Locale.get_default()``."""
    return _locale_for(settings.LANGUAGE_CODE)


def active_locale() -> Locale:
    """``Locale.get_active()``: the active language's locale, else the default one."""
    try:
        return _locale_for(translation.get_language() or settings.LANGUAGE_CODE)
    except (LookupError, Locale.DoesNotExist):
        return default_locale()


def locale_of(page) -> Locale:
    """``page.locale``, without a query when it is the active or the default locale;
    ``page.locale`` is then that object too."""
    for locale in (active_locale(), default_locale()):
        if locale.pk == page.locale_id:
            page.locale = locale
            return locale
    return memoized(("locale", page.locale_id), lambda: page.locale)


def _locale_for(language_code: str) -> Locale:
    return memoized(
        ("locale-for", language_code), lambda: Locale.objects.get_for_language(language_code)
    )


def private_pages_q():
    """``PageQuerySet.private_q()``: the private sections, read once."""
    return memoized("private-pages", lambda: Page.objects.all().private_q())


def public(pages):
    """``pages.public()``, the view restrictions read once per request."""
    return pages.exclude(private_pages_q())
