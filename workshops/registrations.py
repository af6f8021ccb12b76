"""Who comes to a youth workshop.

Kept apart from ``workshops.models`` (which imports this module), like
``events.bookings``; the rules live in ``workshops.services``.
"""

from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from events.reservations import PlaceReservation, normalise_email


def normalise_name(name: str) -> str:
    return " ".join((name or "").split()).casefold()


class Registration(PlaceReservation):
    """A guardian registers one child for a workshop: the whole series, or one session
    of a workshop whose sessions are attended separately.

    ``session`` is the session registered for; for a series it is the series' first
    session when the registration was made, and the registration covers every session
    of ``workshop``. Places count per series (see ``workshops.services``).
    """

    wagtail_reference_index_ignore = True  # personal data, never content

    workshop = models.ForeignKey(
        "workshops.WorkshopPage",
        verbose_name=_("workshop"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="registrations",
    )
    covers_series = models.BooleanField(_("whole series"), default=False)
    child_first_name = models.CharField(_("child's first name"), max_length=100)
    child_key = models.CharField(max_length=100, editable=False)
    child_birth_date = models.DateField(_("child's date of birth"), null=True)
    guardian_first_name = models.CharField(_("guardian's first name"), max_length=100)
    guardian_last_name = models.CharField(_("guardian's last name"), max_length=100)
    email = models.EmailField(_("guardian's email"), max_length=254)
    email_key = models.CharField(max_length=254, editable=False)
    phone = models.CharField(_("guardian's phone"), max_length=40)
    participation_consent_at = models.DateTimeField(_("consent to participation given at"))
    image_consent = models.BooleanField(_("consent to photos and video"), default=False)
    image_consent_at = models.DateTimeField(
        _("consent to photos and video recorded at"), null=True, blank=True
    )
    notes = models.TextField(_("anything staff should know"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("workshop registration")
        verbose_name_plural = _("workshop registrations")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["workshop", "status"], name="registration_workshop_status")]
        constraints = [
            # One active registration per child per guardian email per session (or series).
            models.UniqueConstraint(
                fields=["session", "email_key", "child_key"],
                condition=~models.Q(status="cancelled"),
                name="registration_one_active_per_child",
            ),
        ]

    def __str__(self):
        return f"{self.child_first_name} ({self.guardian_last_name}) — {self.workshop_id}"

    def save(self, *args, **kwargs):
        self.email_key = normalise_email(self.email)
        self.child_key = normalise_name(self.child_first_name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("registration_manage", kwargs={"token": self.manage_token})
