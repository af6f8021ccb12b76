"""Production: everything from the environment, and a clear refusal to start for anything
missing or malformed (README, "Environment variables")."""

import ipaddress
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    DATABASES,
    SECRET_KEY,
    STRIPE_PUBLISHABLE_KEY,
    STRIPE_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET,
)
from .env import (
    env_bool,
    env_choice,
    env_list,
    env_required,
    env_str,
    env_url,
)

DEBUG = False

# The same bar as Django's deploy check (security.W009), stated before anything runs.
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings need a long random SECRET_KEY "
        "in the environment."
    )
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak: it needs at least 50 characters, 5 of them different, for "
        "example from: python -c 'import secrets; print(secrets.token_urlsafe(50))'."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is not set (comma-separated host names).")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
for origin in CSRF_TRUSTED_ORIGINS:
    if urlsplit(origin).scheme not in {"http", "https"} or not urlsplit(origin).netloc:
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS is malformed: {origin!r} needs its scheme, "
            "like https://fabrique.example."
        )

# nginx on the same machine by default; add the load balancer's addresses in front of it.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
for proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"TRUSTED_PROXIES is malformed: {proxy!r} is not an address or network "
            "(like 127.0.0.1 or 10.0.0.0/24)."
        ) from None

# The database: PostgreSQL (several app servers share it; the booking locks rely on it).
env_required("DATABASE_URL", "the database, like postgres://user:password@host:5432/fabrique")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # One machine, one writer at a time: only for trying the production settings out.
    if not env_bool("ALLOW_SQLITE"):
        raise ImproperlyConfigured(
            "DATABASE_URL points at SQLite: production runs on PostgreSQL "
            "(postgres://...). Set ALLOW_SQLITE=true to try the production settings on "
            "one machine with SQLite anyway."
        )
elif DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "DATABASE_URL is malformed: production runs on PostgreSQL, expected a URL starting "
        "with postgres://."
    )

# Redis: the cache, the sessions' cache and the rate-limit counters, shared by every app
# server (a cache inside each process would count and invalidate per process).
env_required("REDIS_URL", "Redis for the cache, like redis://127.0.0.1:6379/0")
# Sessions are written to the database and read through the cache: a Redis outage
# logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# HTTPS is terminated by the proxy in front, which says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Links in emails to staff lead to the admin at this address (default: the first host).
WAGTAILADMIN_BASE_URL = env_url(
    "WAGTAILADMIN_BASE_URL",
    schemes=("https", "http"),
    example="https://fabrique.example",
    default=f"https://{ALLOWED_HOSTS[0].lstrip('.')}",
)
if "*" in WAGTAILADMIN_BASE_URL:
    raise ImproperlyConfigured(
        "WAGTAILADMIN_BASE_URL is not set, and the first of ALLOWED_HOSTS is a wildcard: "
        "set it to the site's address, like https://fabrique.example."
    )

# Email: SMTP, from a queue in the database sent by `manage.py db_worker`.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = env_required(
    "DEFAULT_FROM_EMAIL", 'the sender of the emails, like "Fabrique <bonjour@fabrique.fr>"'
)
SERVER_EMAIL = env_str("SERVER_EMAIL") or DEFAULT_FROM_EMAIL
if EMAIL_USE_TLS and EMAIL_USE_SSL:  # noqa: F405
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS and EMAIL_USE_SSL are both on: choose one (TLS: STARTTLS, usually "
        "port 587; SSL: implicit TLS, usually port 465)."
    )
if bool(EMAIL_HOST_USER) != bool(EMAIL_HOST_PASSWORD):  # noqa: F405
    raise ImproperlyConfigured(
        "EMAIL_HOST_USER and EMAIL_HOST_PASSWORD go together: set both, or neither."
    )

TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

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
if STRIPE_PUBLISHABLE_KEY and not STRIPE_PUBLISHABLE_KEY.startswith("pk_"):
    raise ImproperlyConfigured(
        "STRIPE_PUBLISHABLE_KEY is malformed: it must start with pk_live_ or pk_test_."
    )

# Media (uploaded images and documents): a local folder (MEDIA_ROOT, shared between app
# servers by a network file system) or an S3-compatible bucket through django-storages.
MEDIA_STORAGE = env_choice("MEDIA_STORAGE", ("local", "s3"), "local")
if MEDIA_STORAGE == "s3":
    AWS_STORAGE_BUCKET_NAME = env_required(
        "AWS_STORAGE_BUCKET_NAME", "the bucket's name with MEDIA_STORAGE=s3"
    )
    # Empty: Amazon S3 itself; else the provider's endpoint (MinIO, Scaleway, OVH, ...).
    AWS_S3_ENDPOINT_URL = env_url(
        "AWS_S3_ENDPOINT_URL", schemes=("https", "http"), example="https://s3.fr-par.scw.cloud"
    )
    AWS_S3_REGION_NAME = env_str("AWS_S3_REGION_NAME") or None
    # Empty: the machine's own credentials (an instance role, ~/.aws).
    AWS_S3_ACCESS_KEY_ID = env_str("AWS_ACCESS_KEY_ID") or None
    AWS_S3_SECRET_ACCESS_KEY = env_str("AWS_SECRET_ACCESS_KEY") or None
    if bool(AWS_S3_ACCESS_KEY_ID) != bool(AWS_S3_SECRET_ACCESS_KEY):
        raise ImproperlyConfigured(
            "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together: set both, or neither "
            "(to use the machine's own credentials)."
        )
    # The host media URLs use: the site's own host with the proxy passing /media/ to the
    # bucket keeps pages free of requests to another host (and within the CSP).
    AWS_S3_CUSTOM_DOMAIN = env_str("AWS_S3_CUSTOM_DOMAIN") or None
    if AWS_S3_CUSTOM_DOMAIN and "://" in AWS_S3_CUSTOM_DOMAIN:
        raise ImproperlyConfigured(
            "AWS_S3_CUSTOM_DOMAIN is malformed: a host name (and path) without scheme, "
            "like fabrique.example."
        )
    AWS_LOCATION = env_str("AWS_LOCATION", "media").strip("/")
    # Public, stable URLs (cached pages keep them): the bucket's policy makes the objects
    # readable, no signed URLs that expire, no per-object ACL.
    AWS_QUERYSTRING_AUTH = False
    AWS_DEFAULT_ACL = None
    AWS_S3_FILE_OVERWRITE = False
    media_storage = {"BACKEND": "storages.backends.s3.S3Storage"}
else:
    media_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

# Documents (the archive's videos and captions among them) go through Wagtail's document
# view, which checks their collection's privacy (residents' collections are private) and
# sends them as attachments. Never linked at their media URL: nginx refuses
# /media/documents/. Behind nginx, DOCUMENTS_ACCEL_REDIRECT names its internal location
# and nginx sends the file after the check, with byte ranges (seeking in a video, iPhones
# need them); unset, gunicorn streams it (docs/deploy.md, "Documents").
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DOCUMENTS_ACCEL_REDIRECT = env_str("DOCUMENTS_ACCEL_REDIRECT")
if DOCUMENTS_ACCEL_REDIRECT:
    if not DOCUMENTS_ACCEL_REDIRECT.startswith("/") or MEDIA_STORAGE != "local":
        raise ImproperlyConfigured(
            "DOCUMENTS_ACCEL_REDIRECT is an nginx location's path, like /protected-media/, "
            "and works with MEDIA_STORAGE=local only."
        )
    SENDFILE_BACKEND = "core.document_serving"

STORAGES = {
    "default": media_storage,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# One JSON object a line on stdout, for the log collector.
LOG_FORMAT = env_choice("LOG_FORMAT", ("text", "json"), "json")
LOGGING["handlers"]["stdout"]["formatter"] = LOG_FORMAT  # noqa: F405
