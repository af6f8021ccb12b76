"""Admin form for programme pages."""

from django.utils.translation import gettext_lazy as _

from core.page_forms import ChoosablePageForm

from .reservations import sessions_have_people


class ProgrammePageForm(ChoosablePageForm):
    """A session that has bookings or workshop registrations cannot be deleted from the
    editor (they would vanish unannounced, and the database refuses it): staff cancel
    it instead."""

    def clean(self):
        cleaned_data = super().clean()
        sessions = self.formsets.get("sessions")
        if sessions is not None and sessions.is_valid():
            deleted = [form.instance.pk for form in sessions.deleted_forms if form.instance.pk]
            if deleted and sessions_have_people(deleted):
                self.add_error(
                    None,
                    _(
                        "A session with bookings cannot be deleted: "
                        "set its status to Cancelled instead."
                    ),
                )
        return cleaned_data
