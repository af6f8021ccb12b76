"""Newsletter subscribers (double opt-in, consent dates kept) and the programme letters
staff send them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        SUBSCRIBED = "subscribed", _("Subscribed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    class Source(models.TextChoices):
        FORM = "form", _("Sign-up form")
        BOOKING = "booking", _("Booking form")

    email = models.EmailField(_("email"), max_length=254)
    # Lower-cased and stripped: one subscriber per address, whatever its case.
    email_key = models.CharField(max_length=254, unique=True, editable=False)
    language = models.CharField(_("language"), max_length=7, choices=settings.LANGUAGES)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    # Consent: when it was asked for, given (the link followed), and withdrawn.
    requested_at = models.DateTimeField(_("sign-up requested"))
    confirmed_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("unsubscribed"), null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        ordering = ["email_key"]
        permissions = [("export_subscriber", _("Can export newsletter subscribers"))]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email_key = normalise(self.email)
        super().save(*args, **kwargs)


def normalise(email: str) -> str:
    return email.strip().lower()


class ProgrammeLetter(models.Model):
    """A letter staff write once in both languages; the sessions of the coming days are
    added to it in each subscriber's language when it is sent."""

    subject_fr = models.CharField(_("subject (French)"), max_length=150)
    subject_en = models.CharField(_("subject (English)"), max_length=150)
    introduction_fr = models.TextField(_("introduction (French)"), max_length=3000)
    introduction_en = models.TextField(_("introduction (English)"), max_length=3000)
    days = models.PositiveSmallIntegerField(
        _("sessions of the next days"),
        default=30,
        help_text=_("The letter lists the sessions starting within this many days."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("programme letter")
        verbose_name_plural = _("programme letters")
        ordering = ["-created_at"]

    def __str__(self):
        return self.subject_fr

    def subject(self, language: str) -> str:
        return self.subject_en if language == "en" else self.subject_fr

    def introduction(self, language: str) -> str:
        return self.introduction_en if language == "en" else self.introduction_fr
