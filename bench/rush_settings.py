"""Settings for ``bench/booking_rush.py``: production settings over plain HTTP on
loopback, with the per-address rate limit off (every visitor comes from 127.0.0.1) and
one trivial form view added for comparison."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x7Qp2LmZ9vR4tK8wN3sB6yD1fH5jG0cA")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DEFAULT_FROM_EMAIL", "Fabrique <bench@fabrique.example>")

from fabrique.settings.production import *  # noqa: E402, F403

ROOT_URLCONF = "bench.rush_urls"
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
BOOKING_RATE_LIMIT = (0, 600)
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
# As in production: the booking only queues its email (one INSERT); no worker runs.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
LOGGING = {"version": 1, "disable_existing_loggers": False}
