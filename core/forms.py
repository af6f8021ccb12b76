"""What every public form of the site shares: errors tied to their fields, and the
honeypot that holds off bots without a puzzle."""

from django import forms
from django.utils.translation import gettext_lazy as _


class LinkedErrorsMixin:
    """Link each field's error (and help text) to it with aria-describedby (WCAG 3.3.1),
    including errors a view adds after validation; templates give the error the id
    ``<field id>_error``, as crispy-forms does."""

    def add_error(self, field, error):
        super().add_error(field, error)
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                ids = [f"{bound.auto_id}_error"]
                if bound.help_text:
                    ids.append(f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class HoneypotMixin:
    """The form's ``website`` field is hidden from people, skipped by the keyboard and
    left empty; bots fill it in."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""
