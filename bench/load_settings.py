"""Settings for ``bench/load.py``: production settings over plain HTTP on loopback, the
page cache on or off as ``BENCH_PAGE_CACHE`` says."""

import os

os.environ.setdefault("SECRET_KEY", "bench-only-not-secret-" + "x7Qp2LmZ9vR4tK8wN3sB6yD1fH5jG0cA")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("DEFAULT_FROM_EMAIL", "Fabrique <bench@fabrique.example>")

from fabrique.settings.production import *  # noqa: E402, F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
STATIC_ROOT = os.environ["BENCH_STATIC_ROOT"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
# The page cache's lifetime as in production, or off (0) for the run without it.
PAGE_CACHE_SECONDS = 600 if os.environ.get("BENCH_PAGE_CACHE") == "1" else 0
