from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

from . import selectors
from .models import CapsulePage


class ArchiveFilterForm(forms.Form):
    """Theme, decade, place and kind; choices are those the archive actually holds."""

    theme = forms.ChoiceField(label=_("Theme"), required=False)
    decade = forms.ChoiceField(label=_("Decade of the footage"), required=False)
    place = forms.ChoiceField(label=_("Place"), required=False)
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *CapsulePage.Kind.choices],
    )

    def __init__(self, *args, locale: Locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [
            ("", _("All themes")),
            *selectors.theme_choices(locale=locale),
        ]
        self.fields["place"].choices = [
            ("", _("All places")),
            *selectors.place_choices(locale=locale),
        ]
        self.fields["decade"].choices = [
            ("", _("All decades")),
            *[
                (str(decade), _("%(decade)ss") % {"decade": decade})
                for decade in selectors.decade_choices(locale=locale)
            ],
        ]

    def cleaned_filters(self) -> dict:
        """Filters to apply; unknown values are ignored rather than failing the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        filters = {name: data[name] for name in ("theme", "place", "kind") if data.get(name)}
        if data.get("decade"):
            filters["decade"] = int(data["decade"])
        return filters

    def query_without_page(self) -> str:
        if not self.is_bound:
            return ""
        params = self.data.copy()
        params.pop("page", None)
        for key in list(params):
            if key not in self.fields or not params.get(key):
                params.pop(key)
        return params.urlencode()
