import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Feedback, HeardFrom

POSTCODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$")


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How was the session? (1: not good at all, 5: excellent)"),
        choices=Feedback.RATINGS,
        coerce=int,
        widget=forms.RadioSelect,
    )
    liked = forms.CharField(
        label=_("What did you like? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    heard_from = forms.ChoiceField(
        label=_("How did you hear of the session?"),
        choices=HeardFrom.choices,
        widget=forms.RadioSelect,
    )
    postcode = forms.CharField(
        label=_("Your postcode (optional)"),
        help_text=_("It tells us where our audience comes from."),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )

    def clean_postcode(self):
        postcode = self.cleaned_data["postcode"].strip()
        if postcode and not POSTCODE.match(postcode):
            raise ValidationError(_("Enter a postcode, for example 93400."))
        return postcode
