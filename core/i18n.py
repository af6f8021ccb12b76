"""Texts kept on objects that all languages share (site settings, sessions): the
default-language value in ``<field>`` and each other language's in ``<field>_<code>``."""

from django.conf import settings
from django.utils import translation


def text_in_language(*, obj, field: str, language_code: str | None = None) -> str:
    """``obj.<field>_<code>`` for the language asked (the active one by default),
    falling back to ``obj.<field>`` (the site's default language) when it is empty."""
    code = (language_code or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    if code != settings.LANGUAGE_CODE:
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return value
    return getattr(obj, field)
