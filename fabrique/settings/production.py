"""Production: everything from the environment; refuse to start without a secret key."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY, STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET, env_bool, env_list

if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings need a long random SECRET_KEY "
        "in the environment."
    )

# Donations stay off without keys; a key that is there but malformed (pasted in the
# wrong variable, the publishable key instead of the secret one) must not start.
if STRIPE_SECRET_KEY and not STRIPE_SECRET_KEY.startswith(("sk_test_", "sk_live_", "rk_")):
    raise ImproperlyConfigured(
        "STRIPE_SECRET_KEY is malformed: it must start with sk_live_, sk_test_ or rk_ "
        "(a secret or restricted key, not the publishable pk_ key)."
    )
if STRIPE_SECRET_KEY and not STRIPE_WEBHOOK_SECRET.startswith("whsec_"):
    raise ImproperlyConfigured(
        "STRIPE_WEBHOOK_SECRET is missing or malformed: with STRIPE_SECRET_KEY set it must "
        "be the endpoint's signing secret, starting with whsec_."
    )
if STRIPE_WEBHOOK_SECRET and not STRIPE_SECRET_KEY:
    raise ImproperlyConfigured("STRIPE_WEBHOOK_SECRET is set but STRIPE_SECRET_KEY is not.")

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set (comma-separated host names).")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Emails leave through SMTP from a queue in the database, sent by `manage.py db_worker`.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
