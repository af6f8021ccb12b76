"""Domain errors of donations: raised by services, turned into messages by views."""

from django.utils.translation import gettext_lazy as _


class DonationError(Exception):
    message = _("Your donation could not be started.")

    def __str__(self):
        return str(self.message)


class DonationsClosed(DonationError):
    message = _("Donations are not open at the moment.")


class PaymentServiceUnavailable(DonationError):
    message = _(
        "The payment service could not be reached, so nothing was charged. "
        "Please try again in a few minutes."
    )


class UnknownDonation(Exception):
    """A webhook about a donation of ours that is not recorded (yet): answered with an
    error so that Stripe delivers it again later."""


class MalformedEvent(ValueError):
    """A correctly signed webhook whose body is not a Stripe event we can record (not an
    object, or an id or type longer than Stripe's): refused with nothing recorded."""


class EventFromTheFuture(ValueError):
    """A signature dated further ahead than the tolerance: refused as a stale one is, so
    that a captured body signed ahead of time cannot be replayed later."""
