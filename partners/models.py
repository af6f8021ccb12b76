"""Partner organisations (schools, associations, social services) and the group
requests they send for a session: staff accept them (the places are held), decline
them, or offer another date; the contact follows it all through one manage link."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.reservations import Reservation


class PartnerOrganisation(models.Model):
    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        ASSOCIATION = "association", _("Association")
        SOCIAL_SERVICE = "social_service", _("Social service")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    other_contacts = models.TextField(
        _("other contacts"), blank=True, help_text=_("Other people to reach, one a line.")
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("partner organisation")
        verbose_name_plural = _("partner organisations")
        ordering = ["name"]

    def __str__(self):
        return self.name


class GroupRequest(Reservation):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for our answer")
        ACCEPTED = "accepted", pgettext_lazy("group request", "Accepted")
        DECLINED = "declined", pgettext_lazy("group request", "Declined")
        OFFERED = "offered", _("Another date offered")
        CANCELLED = "cancelled", pgettext_lazy("group request", "Cancelled")

    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="group_requests",
    )
    offered_session = models.ForeignKey(
        "events.Session",
        verbose_name=_("date offered"),
        on_delete=models.PROTECT,
        related_name="group_offers",
        null=True,
        blank=True,
    )
    organisation = models.ForeignKey(
        PartnerOrganisation,
        verbose_name=_("partner organisation"),
        on_delete=models.SET_NULL,
        related_name="group_requests",
        null=True,
        blank=True,
    )
    organisation_name = models.CharField(_("organisation"), max_length=200)
    contact_name = models.CharField(_("contact name"), max_length=200)
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone"), max_length=40)
    people = models.PositiveSmallIntegerField(_("people in the group"))
    adults = models.PositiveSmallIntegerField(_("accompanying adults"), default=0)
    access_needs = models.TextField(_("accessibility needs"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    staff_message = models.TextField(_("message to the contact"), blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("group request")
        verbose_name_plural = _("group requests")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.organisation_name} ({self.size})"

    @staticmethod
    def holding() -> models.Q:
        """The requests whose places are held on their session."""
        return models.Q(status=GroupRequest.Status.ACCEPTED)

    @property
    def size(self) -> int:
        return self.people + self.adults

    def get_absolute_url(self):
        return reverse("group_manage", kwargs={"token": self.manage_token})
