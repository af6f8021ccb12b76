"""Forms of the staff's session pages in the admin (``events.staff_views``)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class AttendeeEmailForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea)
    include_waitlisted = forms.BooleanField(
        label=_("Also email the people on the waiting list"), required=False
    )

    def clean_subject(self):
        # A subject is one header line: line breaks would be refused by the mail library.
        return " ".join(self.cleaned_data["subject"].split())


class SessionCancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Message to the people booked"),
        help_text=_("Optional: added to the cancellation email, for example the reason."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
