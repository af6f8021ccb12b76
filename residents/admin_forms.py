from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from .models import Discipline, ResidentIndexPage, ResidentPage


class InviteForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Email"))
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("Of the invitation and of the resident's administration."),
    )
    disciplines = forms.ModelMultipleChoiceField(
        label=_("Disciplines"),
        queryset=Discipline.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    page = forms.ModelChoiceField(
        label=_("Existing resident page"),
        queryset=ResidentPage.objects.filter(account__isnull=True).order_by("name"),
        required=False,
        help_text=_("Leave empty to create a new draft page in the residents' directory."),
    )
    publishes_directly = forms.BooleanField(
        label=_("Publishes without review"),
        required=False,
        help_text=_("Trusted residents publish their pages themselves, without staff review."),
    )

    def clean(self):
        data = super().clean()
        if not data.get("page"):
            locale = Locale.get_default()
            data["index_page"] = ResidentIndexPage.objects.filter(locale=locale).first()
            if data["index_page"] is None:
                raise forms.ValidationError(
                    _("There is no residents' directory page to put a new page under.")
                )
        return data


class EndResidencyForm(forms.Form):
    pages = forms.ChoiceField(
        label=_("Their pages"),
        choices=[
            ("keep", _("Keep them live, marked as a former resident")),
            ("unpublish", _("Unpublish them")),
        ],
        widget=forms.RadioSelect,
    )
