from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, LinkedErrorsMixin

from .models import ProgrammeLetter


class SubscribeForm(LinkedErrorsMixin, HoneypotMixin, forms.Form):
    email = forms.EmailField(
        label=_("Your email, to receive the programme"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)


class LetterForm(forms.ModelForm):
    class Meta:
        model = ProgrammeLetter
        fields = ["subject_fr", "subject_en", "introduction_fr", "introduction_en", "days"]

    def clean_days(self):
        days = self.cleaned_data["days"]
        if not 1 <= days <= 90:
            raise forms.ValidationError(_("Choose between 1 and 90 days."))
        return days
