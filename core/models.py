"""Core's own records: what the page cache checks its pages against."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PageCacheVersion(models.Model):
    """The version of something cached pages show (the site's content, one event's
    places), kept in the database rather than in the cache: a change committed while
    the cache was unreachable still makes the pages stale once it is back
    (core/page_cache.py)."""

    name = models.CharField(max_length=100, primary_key=True)
    # Random rather than counted: a restored or re-seeded database never meets a cached
    # page under a version it happens to reach again.
    token = models.UUIDField(default=uuid.uuid4)

    def __str__(self):
        return self.name


class PersonalDataRequest(models.Model):
    """One request about a person's data (GDPR articles 15 and 17): who asked, when,
    for what, and how many records each app found or erased."""

    class Action(models.TextChoices):
        EXPORT = "export", _("Download")
        ERASE = "erase", _("Erasure")
        REFUSED = "refused", _("Erasure refused")

    email = models.CharField(_("email"), max_length=254)
    action = models.CharField(_("request"), max_length=20, choices=Action.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("when"), auto_now_add=True)
    counts = models.JSONField(_("records"), default=dict)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        permissions = [("manage_personal_data", _("Can answer personal data requests"))]

    def __str__(self):
        return f"{self.get_action_display()} {self.email}"
