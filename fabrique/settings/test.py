"""Test runs: fast hashing, in-memory mail, no debug."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Whatever the environment says: tests that need the database queue configure it.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# A folder per pytest-xdist worker: tests that run side by side never share a file.
MEDIA_ROOT = BASE_DIR / ".test-media" / os.environ.get("PYTEST_XDIST_WORKER", "main")  # noqa: F405
STRIPE_SECRET_KEY = ""
STRIPE_WEBHOOK_SECRET = ""
# Off by default: the counter lives in the cache shared by every test of a run; the
# rate-limit tests turn it on.
BOOKING_RATE_LIMIT = (0, 600)
# Off by default: Client.login() authenticates without a request, which django-axes
# refuses; the admin sign-in limit tests turn it on.
AXES_ENABLED = False
PAGE_CACHE_SECONDS = 0  # tests that need the page cache turn it on
PAGE_FRAGMENT_SECONDS = 0  # the same for template fragments
# In-process whatever REDIS_URL says: tests clear the cache, which on Redis would empty
# a database other runs share; the Redis tests point at it themselves (tests/fabrique).
# Room for the feeds' stored VEVENTs (one per session), as in base.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
