from django import forms
from django.utils.translation import gettext_lazy as _

from core.dates import natural_datetime
from core.forms import HoneypotMixin, LinkedErrorsMixin


class GroupRequestForm(LinkedErrorsMixin, HoneypotMixin, forms.Form):
    """A partner's request for a group at one session; the quota and the places are
    the services' to check."""

    session = forms.TypedChoiceField(label=_("Date"), coerce=int, widget=forms.RadioSelect)
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200)
    contact_name = forms.CharField(
        label=_("Contact name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        max_length=254,
        help_text=_("Our answer and the link to follow your request are sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=40, widget=forms.TextInput(attrs={"autocomplete": "tel"})
    )
    people = forms.IntegerField(label=_("Number of people in the group"), min_value=1)
    adults = forms.IntegerField(label=_("Number of accompanying adults"), min_value=0, initial=0)
    access_needs = forms.CharField(
        label=_("Accessibility needs"),
        required=False,
        max_length=1000,
        help_text=_("Optional. For example: two wheelchair users, an induction loop."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.sessions = {session.pk: session for session in sessions}
        self.fields["session"].choices = [
            (session.pk, natural_datetime(session.start)) for session in sessions
        ]
        if len(sessions) == 1:
            self.fields["session"].initial = sessions[0].pk

    def clean_session(self):
        return self.sessions[self.cleaned_data["session"]]


class StaffAnswerForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the contact"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OfferForm(StaffAnswerForm):
    session = forms.ModelChoiceField(label=_("Other session"), queryset=None)

    def __init__(self, *args, sessions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = sessions
        self.fields["session"].label_from_instance = lambda s: (
            f"{s.page.title} — {natural_datetime(s.start)}"
        )
