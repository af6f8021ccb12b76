"""A per-client limit on form posts, counted in the cache (Redis in production).

Fixed windows: simple, and good enough to slow down a bot without a puzzle captcha.
"""

import time

from django.conf import settings
from django.core.cache import cache


def client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def rate_limited(request, *, scope: str, limit: int | None, window: int) -> bool:
    """Count this request; True when the client has gone over ``limit`` in the window."""
    if not limit:
        return False
    bucket = int(time.time() // window)
    key = f"ratelimit:{scope}:{client_address(request)}:{bucket}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    return count > limit


def form_post_limited(request, *, scope: str) -> bool:
    """Count a public form post (booking, registration, application, donation) against
    ``BOOKING_RATE_LIMIT``; True when this client has posted too often."""
    limit, window = settings.BOOKING_RATE_LIMIT
    return rate_limited(request, scope=scope, limit=limit, window=window)
