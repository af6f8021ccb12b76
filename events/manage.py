"""What the manage page of every kind of reservation (``events.reservations``) shares:
the privacy of a page whose URL holds the key, and the ticket shown on it."""

from . import door
from .reservations import kind_for


def private(response):
    """The token is in the URL: never let it leak to another site through Referer. Not
    "no-referrer": browsers then post the page's own form with "Origin: null", which
    Django's CSRF check refuses, and nobody could cancel."""
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex"
    return response


def ticket_qr_svg(reservation) -> str:
    """The QR code of the ticket, for ``templates/includes/reservation_ticket.html``:
    only a reservation admitted at the door (confirmed, accepted) gets one."""
    if kind_for(reservation).refusal(reservation) is not None:
        return ""
    return door.qr_svg(reservation)
