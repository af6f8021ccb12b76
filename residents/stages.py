"""How a project moves between its stages: one step at a time, forward or back (a film
is not finished before it is shot; a reshoot takes it back to shooting)."""

from django import forms
from django.utils.translation import gettext as _

from core.page_forms import ChoosablePageForm


def stage_order(stage_class) -> list[str]:
    return [value for value, _label in stage_class.choices]


def stage_change_allowed(order: list[str], old: str, new: str) -> bool:
    """A new project starts at any stage (``old`` empty); a project moves to the stage
    next to its own, either way, or stays."""
    if not old or old == new:
        return True
    return abs(order.index(new) - order.index(old)) == 1


class ProjectPageForm(ChoosablePageForm):
    """The project editor refuses a stage that skips one."""

    def clean_stage(self):
        new = self.cleaned_data["stage"]
        old = self.instance.stage if self.instance.pk else ""
        stage_class = type(self.instance).Stage
        order = stage_order(stage_class)
        if old in order and not stage_change_allowed(order, old, new):
            raise forms.ValidationError(
                _(
                    "A project moves one stage at a time, forward or back: from “%(old)s” "
                    "it cannot go straight to “%(new)s”."
                )
                % {"old": stage_class(old).label, "new": stage_class(new).label}
            )
        return new
