"""Dates as people say them, in French and English.

"mercredi 3 décembre à 20 h" and "Wednesday 3 December, 8 pm": written here
rather than through locale formats, which give "20:00" and "8 p.m.".
"""

from datetime import date, datetime

from django.utils import timezone, translation

WEEKDAYS = {
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}
MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def _lang(lang: str | None) -> str:
    lang = (lang or translation.get_language() or "fr")[:2]
    return lang if lang in MONTHS else "en"


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def natural_date(value: date | datetime, lang: str | None = None, *, weekday=True) -> str:
    """'mercredi 3 décembre', 'lundi 1er décembre', 'Wednesday 3 December'."""
    lang = _lang(lang)
    if isinstance(value, datetime):
        value = _local(value).date()
    day = "1er" if lang == "fr" and value.day == 1 else str(value.day)
    text = f"{day} {MONTHS[lang][value.month - 1]}"
    if weekday:
        text = f"{WEEKDAYS[lang][value.weekday()]} {text}"
    return text


def natural_time(value: datetime, lang: str | None = None) -> str:
    """'20 h', '20 h 30', '8 pm', '8.30 pm', 'noon' is left as '12 pm'."""
    lang = _lang(lang)
    value = _local(value)
    if lang == "fr":
        return f"{value.hour} h" + (f" {value.minute:02d}" if value.minute else "")
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    minutes = f".{value.minute:02d}" if value.minute else ""
    return f"{hour}{minutes} {suffix}"


def natural_datetime(value: datetime, lang: str | None = None) -> str:
    """'mercredi 3 décembre à 20 h' / 'Wednesday 3 December, 8 pm'."""
    lang = _lang(lang)
    joiner = " à " if lang == "fr" else ", "
    return f"{natural_date(value, lang)}{joiner}{natural_time(value, lang)}"


def month_label(value: date, lang: str | None = None) -> str:
    """'décembre 2026' / 'December 2026'."""
    lang = _lang(lang)
    return f"{MONTHS[lang][value.month - 1]} {value.year}"
