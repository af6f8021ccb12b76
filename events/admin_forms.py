"""Admin form for programme pages."""

from django.utils.translation import gettext_lazy as _

from home.page_forms import ChoosablePageForm

from .bookings import Booking


def _has_people(session_ids) -> bool:
    from workshops.registrations import Registration

    return (
        Booking.objects.filter(session_id__in=session_ids).exists()
        or Registration.objects.filter(session_id__in=session_ids).exists()
    )


class ProgrammePageForm(ChoosablePageForm):
    """A session that has bookings or workshop registrations cannot be deleted from the
    editor (they would vanish unannounced, and the database refuses it): staff cancel
    it instead."""

    def clean(self):
        cleaned_data = super().clean()
        sessions = self.formsets.get("sessions")
        if sessions is not None and sessions.is_valid():
            deleted = [form.instance.pk for form in sessions.deleted_forms if form.instance.pk]
            if deleted and _has_people(deleted):
                self.add_error(
                    None,
                    _(
                        "A session with bookings cannot be deleted: "
                        "set its status to Cancelled instead."
                    ),
                )
        return cleaned_data
