"""The donation form: checks the shape of what was sent and turns the amount into
cents; starting the gift is ``donations.services``'."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.forms import HoneypotMixin, LinkedErrorsMixin

from . import rules

OTHER = "other"


class DonationForm(LinkedErrorsMixin, HoneypotMixin, forms.Form):
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=[("one_off", _("Once")), ("monthly", _("Every month"))],
        initial="one_off",
        widget=forms.RadioSelect,
    )
    amount = forms.ChoiceField(label=_("Amount"), widget=forms.RadioSelect)
    other_amount = forms.CharField(
        label=_("Other amount (euros)"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )
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
        help_text=_("Your thanks and, if you ask for it, your tax receipt are sent here."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    wants_receipt = forms.BooleanField(label=_("I would like a tax receipt"), required=False)
    street_address = forms.CharField(
        label=_("Street address"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    city = forms.CharField(
        label=_("City"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    website = forms.CharField(label=_("Leave this field empty"), required=False)

    ADDRESS_FIELDS = ("street_address", "postal_code", "city")

    def __init__(self, *args, amounts: list[int], monthly: bool, receipts: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].choices = [(str(a), f"{a}\u00a0€") for a in amounts] + [
            (OTHER, _("Another amount"))
        ]
        self.fields["other_amount"].help_text = _("From %(minimum)s to %(maximum)s euros.") % {
            "minimum": rules.format_euros(settings.DONATION_MIN_AMOUNT),
            "maximum": rules.format_euros(settings.DONATION_MAX_AMOUNT),
        }
        if not monthly:
            del self.fields["frequency"]
        if not receipts:
            for name in ("wants_receipt", *self.ADDRESS_FIELDS):
                del self.fields[name]

    def clean(self):
        data = super().clean()
        choice = data.get("amount")
        if choice:
            field = "other_amount" if choice == OTHER else "amount"
            text = data.get("other_amount", "") if choice == OTHER else choice
            try:
                data["cents"] = rules.parse_amount(
                    text,
                    minimum=settings.DONATION_MIN_AMOUNT,
                    maximum=settings.DONATION_MAX_AMOUNT,
                )
            except rules.AmountError as error:
                self.add_error(field, error.message)
        if data.get("wants_receipt"):
            for name in self.ADDRESS_FIELDS:
                if not data.get(name, "").strip():
                    self.add_error(name, _("Needed on your tax receipt."))
        data["monthly"] = data.get("frequency") == "monthly"
        return data
