"""The forms of premieres and room requests: they check the shape, the services the
rules (dates in the past)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, LinkedErrorsMixin

from .models import PremiereProposal, RoomRequest
from .services import Decision

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NEEDS = ["needs_dcp", "needs_file", "needs_subtitles", "technical_notes"]


class WishedDatesMixin:
    def clean(self):
        data = super().clean()
        start, end = data.get("wished_from"), data.get("wished_until")
        if start and end and end < start:
            self.add_error("wished_until", _("The last date comes after the first."))
        return data


class RoomRequestForm(LinkedErrorsMixin, HoneypotMixin, WishedDatesMixin, forms.ModelForm):
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    class Meta:
        model = RoomRequest
        fields = [
            "film_title",
            "director",
            "email",
            "wished_from",
            "wished_until",
            "runtime",
            "expected_audience",
            *NEEDS,
        ]
        widgets = {"wished_from": DATE, "wished_until": DATE}


class PremiereProposalForm(WishedDatesMixin, forms.ModelForm):
    class Meta:
        model = PremiereProposal
        fields = ["wished_from", "wished_until", "runtime", "version", *NEEDS]
        widgets = {"wished_from": DATE, "wished_until": DATE}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        widget=forms.RadioSelect,
        choices=[
            (Decision.ACCEPT, _("Accept on this date (a draft screening is made)")),
            (Decision.OTHER_DATE, _("Propose this other date")),
            (Decision.DECLINE, _("Decline")),
        ],
    )
    start = forms.DateTimeField(
        label=_("Date and time"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    message = forms.CharField(
        label=_("Message to the filmmaker"), required=False, widget=forms.Textarea
    )
