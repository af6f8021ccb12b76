"""Dates as people say them, in French and English.

"mercredi 3 décembre à 20 h" and "Wednesday 3 December, 8 pm". Day and month names come
from Django's own translations (``django.utils.dateformat`` in the wanted language);
the shapes are written here because the locale formats say "20:00" and "8 p.m.", and
French writes the first of the month "1er", which no format letter gives.
"""

from datetime import date, datetime

from django.utils import dateformat, timezone, translation

LANGUAGES = ("fr", "en")


def _lang(lang: str | None) -> str:
    lang = (lang or translation.get_language() or "fr")[:2]
    return lang if lang in LANGUAGES else "en"


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _format(value: date, format_string: str, lang: str) -> str:
    with translation.override(lang):
        return dateformat.format(value, format_string)


def natural_date(value: date | datetime, lang: str | None = None, *, weekday=True) -> str:
    """'mercredi 3 décembre', 'lundi 1er décembre', 'Wednesday 3 December'."""
    lang = _lang(lang)
    if isinstance(value, datetime):
        value = _local(value).date()
    day = "1er" if lang == "fr" and value.day == 1 else str(value.day)
    text = f"{day} {_format(value, 'F', lang)}"
    if weekday:
        text = f"{_format(value, 'l', lang)} {text}"
    return text


def natural_time(value: datetime, lang: str | None = None) -> str:
    """'20 h', '20 h 30', '8 pm', '8.30 pm', 'noon' is left as '12 pm'."""
    lang = _lang(lang)
    value = _local(value)
    if lang == "fr":
        return _format(value, r"G \h i" if value.minute else r"G \h", lang)
    # Django's "a" gives "p.m." (AP style): the lower-cased "A" is the plain "pm".
    hour_minutes = _format(value, "g.i" if value.minute else "g", lang)
    return f"{hour_minutes} {_format(value, 'A', lang).lower()}"


def natural_datetime(value: datetime, lang: str | None = None) -> str:
    """'mercredi 3 décembre à 20 h' / 'Wednesday 3 December, 8 pm'."""
    lang = _lang(lang)
    joiner = " à " if lang == "fr" else ", "
    return f"{natural_date(value, lang)}{joiner}{natural_time(value, lang)}"


def month_label(value: date, lang: str | None = None) -> str:
    """'décembre 2026' / 'December 2026'."""
    return _format(value, "F Y", _lang(lang))
