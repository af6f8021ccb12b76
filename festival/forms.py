from django import forms
from django.utils.translation import gettext_lazy as _


class RegistrationForm(forms.Form):
    email = forms.EmailField(
        label=_("Your email address"),
        max_length=254,
        help_text=_("We send you a link to confirm it; the films open from that link."),
    )


class VoteForm(forms.Form):
    film = forms.ChoiceField(label=_("Your audience vote"), widget=forms.RadioSelect)

    def __init__(self, *args, films, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["film"].choices = [
            (str(film.key), f"{film.title} — {film.director}") for film in films
        ]
        self.fields["film"].error_messages["invalid_choice"] = _(
            "This film is not in the competition."
        )
        self.fields["film"].error_messages["required"] = _("Choose the film you vote for.")
