"""Core's own records: what the page cache checks its pages against."""

import uuid

from django.db import models


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
