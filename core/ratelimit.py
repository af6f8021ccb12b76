"""A per-client limit on form posts, counted in the cache (Redis in production).

Fixed windows: simple, and good enough to slow down a bot without a puzzle captcha.
"""

import ipaddress
import time
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache


@lru_cache
def _networks(spec: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(item, strict=False) for item in spec)


def _is_proxy(address: str, networks: tuple) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request) -> str:
    """The visitor's address, for the form and sign-in limits.

    Behind nginx every request comes from nginx's address: when ``REMOTE_ADDR`` is one of
    ``TRUSTED_PROXIES``, the visitor is the nearest address in X-Forwarded-For that is not
    one of ours, read from the right. Entries further left were written by the client
    itself and could name anyone.
    """
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    address = request.META.get("REMOTE_ADDR", "")
    if networks and _is_proxy(address, networks):
        hops = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        for hop in reversed([hop.strip() for hop in hops if hop.strip()]):
            address = hop
            if not _is_proxy(hop, networks):
                break
    return address or "unknown"


def rate_limited(request, *, scope: str, limit: int | None, window: int) -> bool:
    """Count this request; True when the client has gone over ``limit`` in the window.

    Fails open: when the cache is down (Redis configured to ignore errors answers None)
    nothing is counted and the post goes through; a booking matters more than a limit.
    """
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
    return count is not None and count > limit


def form_post_limited(request, *, scope: str) -> bool:
    """Count a public form post (booking, registration, application, donation) against
    ``BOOKING_RATE_LIMIT``; True when this client has posted too often."""
    limit, window = settings.BOOKING_RATE_LIMIT
    return rate_limited(request, scope=scope, limit=limit, window=window)
