"""Domain errors of workshop registrations: raised by services, shown by views.

They extend ``events.exceptions.BookingError`` so that code catching booking refusals
(``message`` shown to the visitor) treats registrations alike.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.dates import natural_date
from events.exceptions import BookingError


class RegistrationError(BookingError):
    message = _("This registration could not be made.")


class RegistrationNotOpen(RegistrationError):
    message = _("Registrations for this workshop are not open yet.")


class RegistrationClosed(RegistrationError):
    message = _("Registrations for this workshop are closed.")


class SessionNotOffered(RegistrationError):
    message = _("This date cannot be chosen for this workshop.")


class ConsentMissing(RegistrationError):
    message = _("A parent or guardian must consent to the child's participation.")


class AgeOutOfBand(RegistrationError):
    """The child's age on the first session attended is outside the workshop's band."""

    def __init__(self, *, age_min: int, age_max: int, on):
        super().__init__()
        self.age_min, self.age_max, self.on = age_min, age_max, on

    @property
    def message(self):
        # Formatted when shown, in the language active then.
        return gettext(
            "This workshop is for children aged %(min)s to %(max)s on its first day (%(date)s)."
        ) % {"min": self.age_min, "max": self.age_max, "date": natural_date(self.on)}


class AlreadyRegistered(RegistrationError):
    """One active registration per child per guardian email per session or series."""

    message = _("This child is already registered for this workshop with this email address.")

    def __init__(self, registration=None):
        super().__init__()
        self.registration = registration


class RegistrationNotActive(RegistrationError):
    message = _("This registration has been cancelled.")
