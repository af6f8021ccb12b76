"""Reading settings from the environment, with a clear message for anything malformed.

A typo in a deployment's environment must stop the site when it starts, naming the
variable and what it expects, rather than surface later as a ValueError deep in Django
or pass silently as a default.
"""

from decimal import Decimal, InvalidOperation
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from environ import Env

# What django-environ reads as true, and what we read as false: anything else is a typo
# (django-environ alone would read "maybe" or "ture" as false without a word).
TRUE = set(Env.BOOLEAN_TRUE_STRINGS)
FALSE = {"0", "false", "no", "n", "off", ""}

# Seconds before a silent Redis counts as down for one cache call; Redis answers in
# well under a millisecond on the same machine or network, so half a second is plenty,
# and short enough that a page calling the cache a few times still answers quickly.
REDIS_TIMEOUT = 0.5
REDIS_SCHEMES = ("redis", "rediss", "unix")


def _read(name: str, cast, default):
    """The variable cast by django-environ, or ``default`` when unset or blank.

    Values go through ``Env.parse_value`` rather than ``Env.get_value``, which reads a
    value starting with "$" as the name of another variable: a password may start so.
    """
    value = Env.ENVIRON.get(name, "").strip()
    if not value:
        return default
    return Env.parse_value(value, cast)


def env_str(name: str, default: str = "") -> str:
    return _read(name, str, default)


def env_required(name: str, what: str) -> str:
    """The variable's value, or ImproperlyConfigured saying what it should hold."""
    value = env_str(name)
    if not value:
        raise ImproperlyConfigured(f"{name} is not set. Production settings need {what}.")
    return value


def env_list(name: str, default: str = "") -> list[str]:
    items = _read(name, list, Env.parse_value(default, list) if default else [])
    return [item.strip() for item in items if item.strip()]


def env_bool(name: str, default: bool = False) -> bool:
    value = Env.ENVIRON.get(name)
    if value is None:
        return default
    value = value.strip().lower()
    if value not in TRUE | FALSE:
        raise ImproperlyConfigured(
            f"{name} is malformed: {value!r} is not a yes/no value (use true or false)."
        )
    return Env.parse_value(value, bool)


def env_choice(name: str, choices: tuple[str, ...], default: str) -> str:
    value = env_str(name) or default
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    raise ImproperlyConfigured(
        f"{name} is malformed: {value!r} is not one of {', '.join(choices)}."
    )


def env_int(name: str, default: int, *, minimum: int | None = 0) -> int:
    try:
        number = _read(name, int, default)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} is malformed: {env_str(name)!r} is not a whole number."
        ) from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} is malformed: {number} is below {minimum}.")
    return number


def env_decimal(name: str, default: str) -> Decimal:
    value = env_str(name) or default
    try:
        number = Env.parse_value(value, Decimal)
    except InvalidOperation:
        raise ImproperlyConfigured(f"{name} is malformed: {value!r} is not a number.") from None
    if not number.is_finite():
        raise ImproperlyConfigured(f"{name} is malformed: {value!r} is not a number.")
    return number


def env_url(name: str, *, schemes: tuple[str, ...], example: str, default: str = "") -> str:
    """A URL whose scheme is one of ``schemes`` (and, but for unix sockets, a host)."""
    value = env_str(name) or default
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in schemes or (parts.scheme != "unix" and not parts.hostname):
        raise ImproperlyConfigured(
            f"{name} is malformed: expected a URL starting with "
            f"{' or '.join(s + '://' for s in schemes)}, like {example}."
        )
    return value


def redis_cache(url: str, *, key_prefix: str = "") -> dict:
    """Cache settings for the Redis at ``url`` that never break a page when Redis is down.

    django-redis with IGNORE_EXCEPTIONS turns a failed call into a miss (get returns the
    default, set/add/incr return None) instead of an exception, and each call gives up
    after ``REDIS_TIMEOUT``; the pages, the sessions (cached_db) and the rate limits are
    written to fall back on that, and /healthz reports the cache down.
    """
    return {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": key_prefix,
        "OPTIONS": {
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
            "SOCKET_TIMEOUT": REDIS_TIMEOUT,
        },
    }
