"""Settings shared by every environment; values that differ come from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import (
    REDIS_SCHEMES,
    env_bool,
    env_choice,
    env_decimal,
    env_int,
    env_list,
    env_str,
    env_url,
    redis_cache,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = env_str("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "home",
    "events",
    "workshops",
    "training",
    "residents",
    "premieres",
    "donations",
    "archive",
    "feedback",
    "newsletter",
    "partners",
    "festival",
    "impact",
    "demo",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
]

MIDDLEWARE = [
    # First, so every response and every log line of a request carries its id.
    "core.request_id.RequestIdMiddleware",
    # Before anything reads the request: NUL, invalid UTF-8 or over-long values are a 4xx.
    "core.request_guard.RequestGuardMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.security.AdminContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Around the view and its template: a GET's locales and private pages read once.
    "core.request_memo.RequestMemoMiddleware",
    # After sessions, CSRF, auth and messages: it needs what they know of the visitor.
    "core.page_cache.PageCacheMiddleware",
    # Last: turns a refused admin sign-in into core.security's answer.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "fabrique.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "fabrique.wsgi.application"

# SQLite by default; DATABASE_URL switches to PostgreSQL (production, concurrency tests).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=60,
        # A connection kept from before a database restart is checked, not failed on.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has no SELECT ... FOR UPDATE: writers take the database lock when their
    # transaction begins, so bookings serialise; others wait up to ``timeout`` seconds.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: French at /, English at /en/.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français"), ("en", "English")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True

# Stored in UTC, shown in Europe/Paris.
TIME_ZONE = "Europe/Paris"
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Wagtail
WAGTAIL_SITE_NAME = "Fabrique"
# The organisation's identity, read by every app through core.organisation.
ORGANISATION_SETTINGS_MODEL = "home.OrganisationSettings"
WAGTAILADMIN_BASE_URL = env_str("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The admin's password-reset email goes through the mail queue like every other.
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "core.admin_notifications.QueuedPasswordResetForm"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# mp4 and webm: the archive's videos; vtt: their captions.
WAGTAILDOCS_EXTENSIONS = [
    *["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx"],
    *["vtt", "mp4", "webm"],
]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# An image's pixels are decoded whole to make a rendition (4 bytes each): a tiny PNG of
# 11,000 x 11,000 would take a worker's memory. 40 million is a 48-megapixel photo's room.
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
# The largest side the admin's image preview draws (core.image_preview); the site's own
# renditions are the fixed sizes its templates name.
IMAGE_PREVIEW_MAX_SIDE = 2400
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Staff avatars: Wagtail would fetch them from gravatar.com, sending a hash of each
# staff email to a third party; the admin shows its own default avatar instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILEMBEDS_RESPONSIVE_HTML = True

# Email: printed to the console unless EMAIL_BACKEND says otherwise (production: SMTP).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Fabrique <bonjour@fabrique.example>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL")
# Seconds before a silent mail server counts as down (and the email is retried later).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)

# Redis when REDIS_URL is set (production: shared by every app server), else in-process.
REDIS_URL = env_url("REDIS_URL", schemes=REDIS_SCHEMES, example="redis://127.0.0.1:6379/0")
CACHES = {
    "default": redis_cache(REDIS_URL, key_prefix=env_str("CACHE_KEY_PREFIX"))
    if REDIS_URL
    # The feeds keep one serialised VEVENT per session (events.calendar): room for them.
    else {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
# A Redis outage is logged (and shown by /healthz) while pages keep being served.
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Donations stay closed, and Stripe is never called, until keys are configured.
STRIPE_SECRET_KEY = env_str("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = env_str("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = env_str("STRIPE_WEBHOOK_SECRET", "")
# Where the stripe library sends its requests (tests point it at a local stand-in), and
# how long a donor waits for Stripe before being told to try again.
STRIPE_API_BASE = env_str("STRIPE_API_BASE", "https://api.stripe.com")
STRIPE_TIMEOUT = 10
# Bounds of a donation, in euros (the form refuses anything outside them).
DONATION_MIN_AMOUNT = env_decimal("DONATION_MIN_AMOUNT", "1")
DONATION_MAX_AMOUNT = env_decimal("DONATION_MAX_AMOUNT", "10000")

# Programme listing
PROGRAMME_PAGE_SIZE = 12

LOGIN_URL = "wagtailadmin_login"

# Translated labels for languages (used by the switcher).
LANGUAGE_NAMES = {"fr": _("French"), "en": _("English")}

# The domain part of iCalendar UIDs: set once, never change (calendar apps key on it).
CALENDAR_UID_DOMAIN = env_str("CALENDAR_UID_DOMAIN", "fabrique.example")
# Sessions this old and newer stay in the feeds, so cancellations reach calendars.
CALENDAR_FEED_PAST_DAYS = 30
CALENDAR_CACHE_SECONDS = 600

# Page cache (core/page_cache.py): Wagtail pages for anonymous visitors, kept this many
# seconds at most (less until the programme's next change by the clock) and cleared when
# what they show changes; 0 turns it off. Only these query parameters (listing filters,
# pagination) may be cached; a page with any other is always rendered.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
# Parts of a page that only content changes (and the clock) change, kept this long in
# the cache under the page cache's content version ({% cache fragments.seconds ... %}):
# the menu, the footer, the listings. 0 turns them off.
PAGE_FRAGMENT_SECONDS = env_int("PAGE_FRAGMENT_SECONDS", 600)
PAGE_CACHE_QUERY_PARAMS = {
    *["page", "kind", "audience", "month"],  # programme
    *["discipline"],  # residents
    *["theme", "decade", "place"],  # archive
}
# Several app servers behind a caching proxy (Varnish, nginx with a purge module): set
# FRONTEND_CACHE_PURGE_URL to where it takes PURGE requests, and Wagtail purges a page's
# addresses there when it is published or unpublished (a task, run by the worker).
FRONTEND_CACHE_PURGE_URL = env_str("FRONTEND_CACHE_PURGE_URL", "")
WAGTAILFRONTENDCACHE = (
    {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_PURGE_URL,
        }
    }
    if FRONTEND_CACHE_PURGE_URL
    else {}
)

# Residents: days an invitation link (to choose a password) stays valid.
RESIDENT_INVITATION_DAYS = env_int("RESIDENT_INVITATION_DAYS", 7, minimum=1)

# Online and hybrid sessions: minutes before the start when the stream link is emailed
# to each confirmed booking (python manage.py send_session_reminders, every few minutes).
STREAM_REMINDER_MINUTES = env_int("STREAM_REMINDER_MINUTES", 60)
# Hours before a session when each person holding a place is reminded of it (booking,
# workshop registration, accepted trainee), once (python manage.py send_session_reminders).
DAY_REMINDER_HOURS = env_int("DAY_REMINDER_HOURS", 24, minimum=1)

# Audience feedback: days the link emailed the day after a session stays valid.
FEEDBACK_LINK_DAYS = env_int("FEEDBACK_LINK_DAYS", 14, minimum=1)
# Online festival: the emailed link (confirms the address, opens films and vote), and
# each film's viewing link, which expires soon after it is given.
FESTIVAL_ACCESS_LINK_DAYS = env_int("FESTIVAL_ACCESS_LINK_DAYS", 30, minimum=1)
FESTIVAL_WATCH_LINK_HOURS = env_int("FESTIVAL_WATCH_LINK_HOURS", 4, minimum=1)

# Newsletter: days a sign-up's confirmation link stays valid; subscribers read this many
# at a time when a programme letter is queued.
NEWSLETTER_CONFIRM_DAYS = env_int("NEWSLETTER_CONFIRM_DAYS", 7, minimum=1)
NEWSLETTER_BATCH_SIZE = 500

# The programme's JSON API (events.api): seconds an answer is kept, and requests per
# client per window (seconds) before a 429.
PROGRAMME_API_CACHE_SECONDS = 60
PROGRAMME_API_RATE_LIMIT = (60, 60)

# Partner groups: at most this many places (people and accompanying adults) held by
# groups on one session; the rest stays for public bookings.
PARTNER_GROUP_QUOTA = env_int("PARTNER_GROUP_QUOTA", 20, minimum=1)

# Bookings: no promotion from the waitlist this close to a session's start.
BOOKING_PROMOTION_CUTOFF_HOURS = 2

# Slow work (emails) runs after commit through django-tasks. The immediate backend runs
# a task at once in the same process (development); "django_tasks_db.DatabaseBackend"
# queues it in the database for `manage.py db_worker` (production).
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

# Seconds to wait before each new attempt at an email the mail server refused or never
# took (core.mail): about a day and a half of trying before staff are left to act.
EMAIL_RETRY_DELAYS = [60, 300, 900, 3600, 3600 * 3, 3600 * 6, 3600 * 12, 3600 * 12]
# A task RUNNING longer than this many seconds has lost its worker (killed, out of
# memory, a reboot): the worker takes it back and runs it again (core.task_queue). Keep it
# well above the longest SMTP exchange (a few steps of EMAIL_TIMEOUT each).
TASK_TIMEOUT = env_int("TASK_TIMEOUT", 300, minimum=1)
# After this many runs lost with their worker, a task fails and waits for staff.
TASK_MAX_RUNS = 3

# Personal data of bookings is anonymised this many days after their session ends
# (python manage.py anonymise_personal_data); the counts are kept.
PERSONAL_DATA_RETENTION_DAYS = env_int("PERSONAL_DATA_RETENTION_DAYS", 90, minimum=1)

# Booking form posts per client address: (limit, window in seconds); a limit of 0 is off.
BOOKING_RATE_LIMIT = (10, 600)
# Addresses (or networks) of our own reverse proxies: a request from one of them is
# counted against the visitor named in X-Forwarded-For (core.ratelimit.client_address).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# /healthz answers 503 when the oldest task waiting in the queue has waited longer than
# this many seconds: the worker (`manage.py db_worker`) is down or cannot keep up.
HEALTHZ_MAX_TASK_AGE = env_int("HEALTHZ_MAX_TASK_AGE", 900, minimum=1)

# Logs go to stdout, each line with the id of the request it was made in (core.request_id):
# readable lines in development, one JSON object a line in production (LOG_FORMAT=json).
LOG_FORMAT = env_choice("LOG_FORMAT", ("text", "json"), "text")
LOG_LEVEL = env_choice("LOG_LEVEL", ("DEBUG", "INFO", "WARNING", "ERROR"), "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "core.request_id.RequestIdFilter"},
        # Redis down: django-redis reports each cache call it gave up on; one a minute
        # per process is enough to know (core/log_filters.py).
        "once_a_minute": {"()": "core.log_filters.OncePerInterval", "seconds": 60},
    },
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        # python-json-logger: level, logger, message, request_id and any extra field;
        # "time" in ISO 8601 UTC.
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"levelname": "level", "name": "logger"},
            "timestamp": "time",
            "json_ensure_ascii": False,
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["request_id"],
            "formatter": LOG_FORMAT,
        }
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {"django_redis.cache": {"filters": ["once_a_minute"]}},
}

# Security headers and cookies (everywhere; production.py adds HSTS and Secure cookies).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# No script of ours reads the CSRF cookie (Wagtail's admin takes the token from the page).
CSRF_COOKIE_HTTPONLY = True

# Where the click-to-load video players come from (core/video.py builds their addresses).
VIDEO_EMBED_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
# Content-Security-Policy (django-csp) of the public pages: everything from this site, no
# inline script or style. JSON-LD blocks (<script type="application/ld+json">) are data,
# never run, and not subject to script-src. data: images: Bootstrap draws its form
# controls' arrows and ticks as data: SVG. Forms post here, and the donation and monthly
# donor portal forms are redirected to Stripe, which form-action checks too (Chromium).
# The admin has its own policy, below.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "frame-src": VIDEO_EMBED_ORIGINS,
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, "https://checkout.stripe.com", "https://billing.stripe.com"],
        "frame-ancestors": [NONE],
    },
}
# The admin's policy (core.security.AdminContentSecurityPolicyMiddleware): everything
# from this site too, but Wagtail 8's admin runs a few inline scripts (inline panels,
# date pickers, workflow dialogs: their content varies, so no hash fits, and Wagtail's
# templates carry no nonce) and sets inline styles, hence 'unsafe-inline' for both;
# scripts from anywhere else, eval, plugins and other sites framing it stay refused.
# blob: and data: images: upload previews and the image editor's focal point; the
# preview panel frames admin views of this site; embeds preview the video platforms.
# frame-ancestors follows X-Frame-Options, which it overrides in browsers: 'none' but
# for the views Wagtail lets its own pages frame (previews: SAMEORIGIN).
ADMIN_CONTENT_SECURITY_POLICY = {
    "URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF, "blob:"],
        "frame-src": [SELF, *VIDEO_EMBED_ORIGINS],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
# Permissions-Policy (django-permissions-policy): no device, sensor or payment API for
# anyone; fullscreen, autoplay and picture-in-picture for our video player and the
# embedded platforms' players.
PERMISSIONS_POLICY = {
    **{
        feature: []
        for feature in (
            "accelerometer",
            "browsing-topics",
            "camera",
            "display-capture",
            "geolocation",
            "gyroscope",
            "hid",
            "idle-detection",
            "magnetometer",
            "microphone",
            "midi",
            "payment",
            "serial",
            "usb",
            "xr-spatial-tracking",
        )
    },
    **{
        feature: ["self", *VIDEO_EMBED_ORIGINS]
        for feature in ("autoplay", "encrypted-media", "fullscreen", "picture-in-picture")
    },
}

# Admin sign-in limit (django-axes, failures recorded in the database): after
# AXES_FAILURE_LIMIT failures for one username from one address, that pair is refused
# for AXES_COOLOFF_TIME after the last one (core.security says so, HTTP 429); another
# username from the same address, or the same one elsewhere, still signs in. A success
# clears the count. Successful sign-ins are not recorded (no access log kept).
# Spraying usernames (core.security.AdminSignInHandler): ADMIN_SIGN_IN_ADDRESS_LIMIT
# failures from one address within the cool-off, whatever the usernames, refuse that
# address; ADMIN_SIGN_IN_ALARM failures across all addresses log an error, once per
# cool-off. A username alone is never locked (a third party could lock its owner out).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "core.ratelimit.client_address"
AXES_LOCKOUT_CALLABLE = "core.security.admin_login_lockout"
AXES_HANDLER = "core.security.AdminSignInHandler"
ADMIN_SIGN_IN_ADDRESS_LIMIT = env_int("ADMIN_SIGN_IN_ADDRESS_LIMIT", 20, minimum=1)
ADMIN_SIGN_IN_ALARM = env_int("ADMIN_SIGN_IN_ALARM", 100, minimum=1)
AXES_VERBOSE = False

# Uploads: Wagtail opens every image with Pillow (refusing what is not one) up to this
# size; documents are checked against their extension and per kind (core.uploads).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "core.uploads.CheckedDocumentForm"
DOCUMENT_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
DOCUMENT_MAX_VIDEO_UPLOAD_SIZE = 500 * 1024 * 1024
# Wagtail's own cap, the largest kind's (its uploader refuses bigger files before sending).
WAGTAILDOCS_MAX_UPLOAD_SIZE = DOCUMENT_MAX_VIDEO_UPLOAD_SIZE
# Every document downloads as an attachment (none opens inline as a page of this site),
# with nosniff and a CSP of its own (Wagtail's document view); residents' collections are
# private to their owner and staff (residents.services), checked by that same view.
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
# Behind nginx in production: the internal location that sends a document once the view
# has checked it (core.document_serving); empty, the application streams it.
DOCUMENTS_ACCEL_REDIRECT = ""
