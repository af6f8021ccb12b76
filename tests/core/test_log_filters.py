"""With Redis down, the log says so once a minute, not once per cache call."""

import logging
import sys

import pytest
from django.core.cache import cache

from core.log_filters import OncePerInterval
from fabrique.settings.env import redis_cache
from tests.fabrique.test_redis import DEAD_REDIS


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def record(message="Exception ignored"):
    try:
        raise ConnectionError("Error 111 connecting to 127.0.0.1:1. Connection refused.")
    except ConnectionError:
        exc_info = sys.exc_info()
    return logging.LogRecord(
        "django_redis.cache", logging.ERROR, __file__, 1, message, (), exc_info
    )


def test_one_record_a_minute_passes_and_the_next_counts_the_ones_held_back():
    clock = Clock()
    once = OncePerInterval(seconds=60, clock=clock)

    first = record()
    assert once.filter(first)
    assert first.exc_info is not None  # the first keeps its traceback
    held_back = [once.filter(record()) for _ in range(250)]
    clock.now += 59
    held_back.append(once.filter(record()))
    assert not any(held_back)

    clock.now += 1
    later = record()
    assert once.filter(later)
    assert later.getMessage() == "Exception ignored (and 251 more like it in the last 60 s)"
    assert later.exc_info is None

    clock.now += 60
    quiet_again = record()
    assert once.filter(quiet_again)
    assert quiet_again.getMessage() == "Exception ignored"


@pytest.fixture
def fresh_filter():
    """The filter the settings put on django-redis's logger (reset for each test by
    tests/conftest.py, as a new process has it)."""
    (once,) = [
        f for f in logging.getLogger("django_redis.cache").filters if isinstance(f, OncePerInterval)
    ]
    return once


def test_with_redis_down_a_burst_of_cache_calls_logs_one_error(settings, caplog, fresh_filter):
    settings.CACHES = {"default": redis_cache(DEAD_REDIS)}

    with caplog.at_level(logging.ERROR, logger="django_redis.cache"):
        for n in range(40):
            assert cache.get(f"key-{n}") is None  # Redis down: a miss, never an error

    errors = [r for r in caplog.records if r.name == "django_redis.cache"]
    assert len(errors) == 1
    assert errors[0].exc_info is not None
    assert fresh_filter._dropped == 39
