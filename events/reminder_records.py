"""What the day-before reminders (``events.reminders``) remember: one row per
reservation and session reminded, of any kind of reservation. The unique constraint is
the claim: a second run, even a concurrent one, finds the row and queues nothing."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class DayReminder(models.Model):
    wagtail_reference_index_ignore = True

    session = models.ForeignKey(
        "events.Session", on_delete=models.CASCADE, related_name="day_reminders"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("day-before reminder")
        verbose_name_plural = _("day-before reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "session"], name="day_reminder_once"
            )
        ]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} @ {self.session_id}"
