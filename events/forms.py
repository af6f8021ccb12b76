from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import month_label
from core.forms import HoneypotMixin, LinkedErrorsMixin

from .choices import Audience, Kind


def _month_choices(today: date | None = None, count: int = 12):
    today = today or timezone.localdate()
    choices = [("", _("Any month"))]
    year, month = today.year, today.month
    for _i in range(count):
        choices.append((f"{year:04d}-{month:02d}", month_label(date(year, month, 1))))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return choices


class ProgrammeFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Kind.choices]
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        required=False,
        choices=[("", _("All audiences")), *Audience.choices],
    )
    month = forms.ChoiceField(label=_("Month"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = _month_choices()

    def cleaned_filters(self) -> dict:
        """Filters to apply; invalid values are ignored rather than failing the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        filters: dict = {}
        if data.get("kind"):
            filters["kind"] = data["kind"]
        if data.get("audience"):
            filters["audience"] = data["audience"]
        if data.get("month"):
            year, month = data["month"].split("-")
            filters["month"] = date(int(year), int(month), 1)
        return filters

    def query_without_page(self) -> str:
        """The filter part of the query string, for pagination links."""
        if not self.is_bound:
            return ""
        params = self.data.copy()
        params.pop("page", None)
        for key in list(params):
            if key not in self.fields or not params.get(key):
                params.pop(key)
        return params.urlencode()


class BookingForm(LinkedErrorsMixin, HoneypotMixin, forms.Form):
    """A request for free seats at one session of a screening.

    The rules (places, window, duplicates) are the services'; this form only checks the
    shape of what was sent. ``website`` is a honeypot: hidden from people, filled by bots.
    """

    session = forms.ChoiceField(label=_("Date"), widget=forms.RadioSelect)
    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Your confirmation and the link to manage your booking are sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    seats = forms.TypedChoiceField(label=_("Number of seats"), coerce=int)
    wheelchair = forms.BooleanField(label=_("I need a wheelchair place"), required=False)
    access_needs = forms.CharField(
        label=_("Other accessibility needs"),
        required=False,
        max_length=1000,
        help_text=_("Optional. For example: a seat near the exit, an induction loop."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    terms = forms.BooleanField(label=_("I accept the booking terms"))
    newsletter = forms.BooleanField(
        label=_("Send me the programme newsletter"),
        required=False,
        help_text=_("Optional, separate from your booking; you can unsubscribe at any time."),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, sessions, max_seats: int, wheelchair: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not wheelchair:
            # The screening has no wheelchair place: a request for one could never be met.
            del self.fields["wheelchair"]
        self.sessions = {str(session.uid): session for session in sessions}
        self.fields["session"].choices = [
            (str(session.uid), session.booking_label) for session in sessions
        ]
        if len(sessions) == 1:
            self.fields["session"].initial = str(sessions[0].uid)
        self.fields["seats"].choices = [(n, str(n)) for n in range(1, max_seats + 1)]
        self.fields["seats"].initial = 1

    def clean_session(self):
        return self.sessions[self.cleaned_data["session"]]


class ResendConfirmationForm(forms.Form):
    session = forms.UUIDField(widget=forms.HiddenInput)
    email = forms.EmailField(max_length=254, widget=forms.HiddenInput)


class ReduceSeatsForm(forms.Form):
    seats = forms.TypedChoiceField(label=_("Keep this many seats"), coerce=int)

    def __init__(self, *args, current: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["seats"].choices = [(n, str(n)) for n in range(1, current)]
