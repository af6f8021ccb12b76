"""The demo site's texts, French first, each as a ``(french, english)`` pair."""

from .donations import DONATION_PAGE, DONATION_SETTINGS
from .programme import FILMS, TRAININGS, WORKSHOPS
from .residents import RESIDENTS
from .site import (
    HOME,
    ORGANISATION,
    PARTNERS,
    PROGRAMME_INDEX,
    RESIDENT_INDEX,
    STANDARD_PAGES,
    VENUES,
)

__all__ = [
    "DONATION_PAGE",
    "DONATION_SETTINGS",
    "FILMS",
    "HOME",
    "ORGANISATION",
    "PARTNERS",
    "PROGRAMME_INDEX",
    "RESIDENTS",
    "RESIDENT_INDEX",
    "STANDARD_PAGES",
    "TRAININGS",
    "VENUES",
    "WORKSHOPS",
]
