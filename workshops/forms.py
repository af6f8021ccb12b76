"""Public forms of the workshops app: they check the shape of what was sent; the rules
(places, age band, window, duplicates) are ``workshops.services``'."""

from datetime import date

from django import forms
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, LinkedErrorsMixin

phone_validator = RegexValidator(
    r"^\+?[0-9 .()\-]{6,30}$", _("Enter a phone number, for example 06 12 34 56 78.")
)


class RegistrationForm(LinkedErrorsMixin, HoneypotMixin, forms.Form):
    """A parent or guardian registers a child for a youth workshop."""

    GUARDIAN_FIELDS = ("guardian_first_name", "guardian_last_name", "email", "phone")
    CHILD_FIELDS = ("child_first_name", "child_birth_date", "notes")
    CONSENT_FIELDS = ("participation_consent", "image_consent")

    session = forms.ChoiceField(label=_("Date"), widget=forms.RadioSelect)
    guardian_first_name = forms.CharField(
        label=_("Your first name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    guardian_last_name = forms.CharField(
        label=_("Your last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        help_text=_("The confirmation and the link to manage the registration are sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Your phone number"),
        max_length=40,
        help_text=_("To reach you during the workshop."),
        validators=[phone_validator],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    child_first_name = forms.CharField(
        label=_("Child's first name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    child_birth_date = forms.DateField(
        label=_("Child's date of birth"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "off"}, format="%Y-%m-%d"),
    )
    notes = forms.CharField(
        label=_("Anything we should know"),
        required=False,
        max_length=2000,
        help_text=_("Optional. For example: an allergy, a need for support, who collects."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    participation_consent = forms.BooleanField(
        label=_("As the child's parent or guardian, I consent to their taking part"),
    )
    image_consent = forms.BooleanField(
        label=_("I agree to photos and video of my child being taken during the workshop"),
        required=False,
        help_text=_("Optional, separate from the registration: saying no changes nothing."),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    def __init__(self, *args, sessions, series: bool, age_min: int, age_max: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child_birth_date"].help_text = _(
            "For children aged %(min)s to %(max)s on the first day they attend."
        ) % {"min": age_min, "max": age_max}
        self.sessions = {str(session.uid): session for session in sessions}
        if series:
            del self.fields["session"]
        else:
            self.fields["session"].choices = [
                (str(session.uid), session.registration_label) for session in sessions
            ]
            if len(sessions) == 1:
                self.fields["session"].initial = str(sessions[0].uid)
        today = timezone.localdate()
        self.fields["child_birth_date"].widget.attrs.update(
            {"min": "1990-01-01", "max": today.isoformat()}
        )

    def clean_session(self):
        return self.sessions[self.cleaned_data["session"]]

    def clean_child_birth_date(self):
        born = self.cleaned_data["child_birth_date"]
        if born > timezone.localdate() or born < date(1990, 1, 1):
            raise forms.ValidationError(_("Enter the child's real date of birth."))
        return born

    def fieldset(self, names):
        return [self[name] for name in names]

    @property
    def guardian_fields(self):
        return self.fieldset(self.GUARDIAN_FIELDS)

    @property
    def child_fields(self):
        return self.fieldset(self.CHILD_FIELDS)

    @property
    def consent_fields(self):
        return self.fieldset(self.CONSENT_FIELDS)


class ResendRegistrationForm(forms.Form):
    email = forms.EmailField(max_length=254, widget=forms.HiddenInput)
    child_first_name = forms.CharField(max_length=100, widget=forms.HiddenInput)
