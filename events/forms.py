from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.dates import month_label

from .choices import Audience, Kind


def _month_choices(today: date | None = None, count: int = 12):
    today = today or timezone.localdate()
    choices = [("", _("Any month"))]
    year, month = today.year, today.month
    for _i in range(count):
        choices.append((f"{year:04d}-{month:02d}", month_label(date(year, month, 1))))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return choices


class ProgrammeFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All kinds")), *Kind.choices]
    )
    audience = forms.ChoiceField(
        label=_("Audience"),
        required=False,
        choices=[("", _("All audiences")), *Audience.choices],
    )
    month = forms.ChoiceField(label=_("Month"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["month"].choices = _month_choices()

    def cleaned_filters(self) -> dict:
        """Filters to apply; invalid values are ignored rather than failing the page."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        filters: dict = {}
        if data.get("kind"):
            filters["kind"] = data["kind"]
        if data.get("audience"):
            filters["audience"] = data["audience"]
        if data.get("month"):
            year, month = data["month"].split("-")
            filters["month"] = date(int(year), int(month), 1)
        return filters

    def query_without_page(self) -> str:
        """The filter part of the query string, for pagination links."""
        if not self.is_bound:
            return ""
        params = self.data.copy()
        params.pop("page", None)
        for key in list(params):
            if key not in self.fields or not params.get(key):
                params.pop(key)
        return params.urlencode()
