"""Booking records and the page settings that govern them.

Kept apart from ``events.models`` (which imports this module) so the page models stay
thin; the rules live in ``events.services`` and ``events.booking_rules``.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel

# Old migrations name the token makers here.
from .reservations import (  # noqa: F401
    PlaceReservation,
    new_checkin_code,
    new_manage_token,
    normalise_email,
)


class BookingSettings(models.Model):
    """Per-page booking settings (screenings now; workshops can reuse them)."""

    booking_max_seats = models.PositiveSmallIntegerField(
        _("maximum seats per booking"),
        default=4,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    bookings_open_at = models.DateTimeField(
        _("bookings open"), null=True, blank=True, help_text=_("Empty: as soon as published.")
    )
    bookings_close_at = models.DateTimeField(
        _("bookings close"),
        null=True,
        blank=True,
        help_text=_("Empty: at the start of each session."),
    )

    booking_panel = MultiFieldPanel(
        [
            FieldPanel("booking_max_seats"),
            FieldRowPanel([FieldPanel("bookings_open_at"), FieldPanel("bookings_close_at")]),
        ],
        heading=_("Bookings"),
    )

    class Meta:
        abstract = True


class Booking(PlaceReservation):
    """Free seats at one session for one person (identified by their email)."""

    # Personal data, never content: no entry in Wagtail's reference index (and no task
    # queued to update it on every booking).
    wagtail_reference_index_ignore = True

    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # As entered, for replies; ``email_key`` is what duplicates are compared on.
    email = models.EmailField(_("email"), max_length=254)
    email_key = models.CharField(max_length=254, editable=False)
    seats = models.PositiveSmallIntegerField(_("seats"))
    wheelchair = models.BooleanField(_("wheelchair place"), default=False)
    access_needs = models.TextField(_("other accessibility needs"), blank=True, max_length=1000)
    terms_accepted_at = models.DateTimeField(_("booking terms accepted"))
    newsletter = models.BooleanField(_("newsletter opt-in"), default=False)
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True, db_index=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    no_show = models.BooleanField(_("no-show"), default=False)
    # Online and hybrid sessions: when the stream link was sent (sent once).
    reminded_at = models.DateTimeField(_("stream reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["created_at", "pk"]
        # The door: granted to the box office; the check-in views require it.
        permissions = [("check_in_booking", _("Can check in bookings at the door"))]
        indexes = [models.Index(fields=["session", "status"], name="booking_session_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "email_key"],
                condition=~models.Q(status="cancelled"),
                name="booking_one_active_per_email",
            ),
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="booking_seats_min_1"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.seats}) — {self.session_id}"

    def save(self, *args, **kwargs):
        self.email_key = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("booking_manage", kwargs={"token": self.manage_token})

    @property
    def reference(self) -> str:
        """What a person reads out at the door or quotes in an email: the number."""
        return f"{self.pk:05d}"
