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
    "PROPER_NAMES",
    "RESIDENTS",
    "RESIDENT_INDEX",
    "STANDARD_PAGES",
    "TRAININGS",
    "VENUES",
    "WORKSHOPS",
]

# Names of people, places, films and software that the demo's texts use in both
# languages (the page-language tests leave them aside).
PROPER_NAMES = (
    *("Saint-Ouen", "Ségou", "Médina Coura", "Angoulême", "Mémoire des Docks"),
    *("Courts du Canal", "Défenseur des droits", "DaVinci Resolve"),
    *("Lina Ferreira", "Yanis Haddad", "Awa Diallo", "Clémence Roy"),
    *("Creative Commons BY-NC-ND 4.0", "Creative Commons BY-SA 4.0"),
    "Creative Commons BY 4.0",
)
