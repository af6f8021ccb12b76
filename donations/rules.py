"""Pure rules about amounts (parsing what a donor typed, bounds, display, words) and
about the shape of Stripe's webhook events."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext_lazy as _
from num2words import num2words

from .exceptions import MalformedEvent


class AmountError(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def preset_amounts(text: str) -> list[int]:
    """ "10 25 50" → [10, 25, 50]; ValueError on anything but positive whole numbers."""
    amounts = [int(part) for part in text.replace(",", " ").split()]
    if not amounts or any(amount <= 0 for amount in amounts):
        raise ValueError(text)
    return amounts


def parse_amount(text: str, *, minimum: Decimal, maximum: Decimal) -> int:
    """The amount in cents of what a donor typed ("25", "12,50", "12.5 €").

    Raises AmountError with a message for the donor: not a number, more than two
    decimals, or outside [minimum, maximum] euros."""
    cleaned = (text or "").strip().replace("€", "").replace("\u00a0", "").replace(" ", "")
    cleaned = cleaned.replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise AmountError(_("Enter an amount in euros, for example 25 or 12.50.")) from None
    if not value.is_finite():
        raise AmountError(_("Enter an amount in euros, for example 25 or 12.50."))
    if value.as_tuple().exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise AmountError(_("Enter an amount with at most two decimals (cents)."))
    if value < minimum or value > maximum:
        raise AmountError(
            _("Enter an amount between %(minimum)s and %(maximum)s euros.")
            % {"minimum": format_euros(minimum), "maximum": format_euros(maximum)}
        )
    return int(value * 100)


def format_euros(value: Decimal) -> str:
    return f"{value:,.0f}".replace(",", "\u202f") if value == int(value) else f"{value:.2f}"


def format_amount(cents: int) -> str:
    """1250 → "12,50 €", 2500 → "25 €", 1000000 → "10 000 €" (French typography)."""
    euros, rest = divmod(cents, 100)
    whole = f"{euros:,}".replace(",", "\u202f")
    return f"{whole},{rest:02d}\u00a0€" if rest else f"{whole}\u00a0€"


def amount_in_words(cents: int) -> str:
    """The amount in French words, as a tax receipt states it: 1250 → "douze euros et
    cinquante centimes"."""
    euros, rest = divmod(cents, 100)
    words = f"{num2words(euros, lang='fr')} euro{'s' if euros > 1 else ''}"
    if rest:
        words += f" et {num2words(rest, lang='fr')} centime{'s' if rest > 1 else ''}"
    return words


# Stripe's webhook events -----------------------------------------------------------

# The lengths of ``StripeEvent``'s columns: an event that does not fit is not Stripe's.
EVENT_ID_MAX = 255
EVENT_TYPE_MAX = 100


def stripe_event_checked(event) -> dict:
    """The event if it has the shape every handler relies on (an object with a string
    id and type that fit their columns, and ``data.object`` an object); MalformedEvent
    otherwise."""
    if not isinstance(event, dict):
        raise MalformedEvent("not a JSON object")
    event_id, kind, data = event.get("id"), event.get("type"), event.get("data")
    if not isinstance(event_id, str) or not 0 < len(event_id) <= EVENT_ID_MAX:
        raise MalformedEvent("bad event id")
    if not isinstance(kind, str) or not 0 < len(kind) <= EVENT_TYPE_MAX:
        raise MalformedEvent("bad event type")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise MalformedEvent("no data object")
    return event


def signature_timestamp(header: str) -> int:
    """The ``t=`` of a Stripe-Signature header (already verified); ValueError if none."""
    for item in header.split(","):
        name, _sep, value = item.strip().partition("=")
        if name == "t":
            return int(value)
    raise ValueError("no timestamp in the signature")
