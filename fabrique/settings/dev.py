"""Local development: debug on, a throwaway secret, anything goes on localhost."""

import os

from .base import *  # noqa: F403
from .base import env_int, env_list

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-not-secret-fabrique"  # noqa: F405
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Off unless asked for: templates being edited show at once.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0)
# Off too: an edited template would otherwise show its old fragments for minutes.
PAGE_FRAGMENT_SECONDS = env_int("PAGE_FRAGMENT_SECONDS", 0)


# The demo without Stripe keys: `make run` starts the offline stand-in
# (demo/stripe_standin.py) and names it here, so donations work end to end in test
# mode. Only in development and only without real keys: production never reads this.
STRIPE_STANDIN_URL = os.environ.get("STRIPE_STANDIN_URL", "")
if DEBUG and STRIPE_STANDIN_URL and not (STRIPE_SECRET_KEY or STRIPE_WEBHOOK_SECRET):  # noqa: F405
    STRIPE_SECRET_KEY = "sk_test_standin"
    STRIPE_WEBHOOK_SECRET = "whsec_standin"
    STRIPE_API_BASE = STRIPE_STANDIN_URL
