"""Local development: debug on, a throwaway secret, anything goes on localhost."""

from .base import *  # noqa: F403
from .base import env_int, env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-fabrique"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Off unless asked for: templates being edited show at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
