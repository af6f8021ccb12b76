"""Domain errors of the programme: raised by services, turned into messages by views."""

from django.utils.translation import gettext_lazy as _


class BookingError(Exception):
    """A booking request that the rules refuse; ``message`` is shown to the visitor."""

    message = _("This booking could not be made.")

    def __str__(self):
        return str(self.message)


class BookingNotOpen(BookingError):
    message = _("Bookings for this session are not open yet.")


class BookingClosed(BookingError):
    message = _("Bookings for this session are closed.")


class SessionNotBookable(BookingError):
    message = _("This session cannot be booked.")


class InvalidSeats(BookingError):
    message = _("This number of seats cannot be booked.")


class AlreadyBooked(BookingError):
    """One active booking per email per session; ``booking`` is the existing one."""

    message = _("You have already booked this session with this email address.")

    def __init__(self, booking=None):
        super().__init__()
        self.booking = booking


class BookingNotActive(BookingError):
    message = _("This booking has been cancelled.")


class TermsNotAccepted(BookingError):
    message = _("Please accept the booking terms.")


class CheckInNotConfirmed(BookingError):
    message = _("This booking is on the waiting list: it has no confirmed seat.")


class CheckInSessionNotScheduled(BookingError):
    message = _("This session is cancelled or postponed.")


class CheckInWrongDay(BookingError):
    message = _("This booking is for another day.")


class NoShowTooEarly(BookingError):
    message = _("A no-show can only be marked once the session has started.")


class NoShowCheckedIn(BookingError):
    message = _("This booking is checked in: undo the check-in first.")


class CheckInNotAdmitted(BookingError):
    """A registration or application without a confirmed place (waiting, cancelled,
    not accepted) at the door."""

    message = _("No confirmed place: this person is not expected at the door.")


class CheckInNoSessionToday(BookingError):
    message = _("None of the sessions of this place is today.")
