"""The form staff fill in to create a season of sessions (``events.season_views``)."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.models import Locale, Page

from .models import Session, Venue
from .recurrence import Season, season_refusal
from .registry import kind_page_models

# Django's own names of the days (lower case in French, as in a sentence).
WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def programme_pages():
    """The pages sessions hang off: programme events in the site's first language."""
    return (
        Page.objects.type(*kind_page_models().values())
        .filter(locale=Locale.get_default())
        .order_by("title")
    )


class SkipDatesField(forms.CharField):
    """Dates, one a line (or separated by commas), written 24/12/2026 or 2026-12-24
    whatever the language of the admin (an English admin would read 12/24/2026)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        text = super().to_python(value)
        parse = forms.DateField(input_formats=["%d/%m/%Y", "%Y-%m-%d"]).to_python
        dates = set()
        for part in text.replace(",", "\n").split():
            try:
                dates.add(parse(part))
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(value)s” is not a date: write it as 24/12/2026."),
                    code="invalid_date",
                    params={"value": part},
                ) from None
        return frozenset(dates)


class SeasonForm(forms.Form):
    page = forms.ModelChoiceField(label=_("Event"), queryset=Page.objects.none())
    weekdays = forms.TypedMultipleChoiceField(
        label=pgettext_lazy("season", "Every"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    first_day = forms.DateField(
        label=pgettext_lazy("season", "From"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    last_day = forms.DateField(
        label=pgettext_lazy("season", "To"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    at = forms.TimeField(
        label=pgettext_lazy("season", "Starts at"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    duration = forms.IntegerField(label=_("Length (minutes)"), min_value=1, initial=120)
    skip = SkipDatesField(
        label=_("Except on"),
        required=False,
        help_text=_("Dates without a session, one a line, for example 23/12/2026."),
    )
    places = forms.IntegerField(label=_("Places"), min_value=0, initial=80)
    venue = forms.ModelChoiceField(
        label=pgettext_lazy("season", "Venue"), queryset=Venue.objects.none(), required=False
    )
    attendance_mode = forms.ChoiceField(
        label=pgettext_lazy("season", "Attendance"),
        choices=Session.Mode.choices,
        initial=Session.Mode.IN_PERSON,
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["page"].queryset = programme_pages()
        self.fields["venue"].queryset = Venue.objects.filter(locale=Locale.get_default())

    def clean_page(self):
        page = self.cleaned_data["page"]
        if not page.permissions_for_user(self.user).can_edit():
            raise forms.ValidationError(_("You may not edit this event's sessions."))
        return page

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        self.season = Season(
            first_day=data["first_day"],
            last_day=data["last_day"],
            weekdays=frozenset(data["weekdays"]),
            at=data["at"],
            duration=timedelta(minutes=data["duration"]),
            skip=data["skip"],
        )
        refusal = season_refusal(self.season, now=timezone.now())
        if refusal:
            raise forms.ValidationError(refusal)
        return data
