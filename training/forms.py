"""The application form of a training module page.

Checks the shape of what was sent; the rules (deadline, one application per email) are
``training.services``'. ``website`` is a honeypot like the booking form's.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, LinkedErrorsMixin

MOTIVATION_MAX_LENGTH = 3000
MAX_LINKS = 10

_url = URLValidator(schemes=["http", "https"])


class ApplicationForm(LinkedErrorsMixin, HoneypotMixin, forms.Form):
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
        help_text=_("We send the acknowledgement and our answer here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=40,
        help_text=_("Optional."),
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    motivation = forms.CharField(
        label=_("Why this module?"),
        max_length=MOTIVATION_MAX_LENGTH,
        help_text=_(
            "What draws you to it, what you have already tried, what you hope to do next. "
            "Up to 3,000 characters."
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    links = forms.CharField(
        label=_("Links to your work"),
        required=False,
        max_length=2000,
        help_text=_("Optional. One web address per line (http:// or https://)."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    availability = forms.CharField(
        label=_("Availability"),
        required=False,
        max_length=1000,
        help_text=_("Optional. Dates you could not make, for example."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def clean_links(self):
        lines = [line.strip() for line in self.cleaned_data["links"].splitlines()]
        links = [line for line in lines if line]
        if len(links) > MAX_LINKS:
            raise ValidationError(_("Give at most %(count)s links."), params={"count": MAX_LINKS})
        wrong = []
        for link in links:
            try:
                _url(link)
            except ValidationError:
                wrong.append(link)
        if wrong:
            raise ValidationError(
                _("Not a web address starting with http:// or https://: %(links)s"),
                params={"links": ", ".join(wrong)},
            )
        return "\n".join(links)
