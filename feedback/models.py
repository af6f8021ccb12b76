"""What the audience says after a session: one answer per booking.

Anonymous in every listing: the answers are shown per session without names; the link
to the booking is kept so that one booking answers once, and for staff who need it.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HeardFrom(models.TextChoices):
    WORD_OF_MOUTH = "word_of_mouth", _("Word of mouth")
    SOCIAL_MEDIA = "social_media", _("Social media")
    NEWSLETTER = "newsletter", _("Newsletter")
    WEBSITE = "website", _("This website")
    POSTER = "poster", _("Poster or flyer")
    PARTNER = "partner", _("A partner organisation or school")
    OTHER = "other", _("Other")


class Feedback(models.Model):
    wagtail_reference_index_ignore = True

    RATINGS = [(n, str(n)) for n in range(1, 6)]

    booking = models.OneToOneField(
        "events.Booking",
        verbose_name=_("booking"),
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        choices=RATINGS,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    liked = models.TextField(_("what you liked"), blank=True, max_length=2000)
    heard_from = models.CharField(
        _("how you heard of the session"), max_length=20, choices=HeardFrom.choices
    )
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.rating}/5 — {self.booking_id}"


class FeedbackRequest(models.Model):
    """The email asking a booking for feedback was queued: it is sent once."""

    wagtail_reference_index_ignore = True

    booking = models.OneToOneField(
        "events.Booking", on_delete=models.CASCADE, related_name="feedback_request"
    )
    sent_at = models.DateTimeField()

    def __str__(self):
        return f"{self.booking_id} — {timezone.localtime(self.sent_at):%Y-%m-%d}"
