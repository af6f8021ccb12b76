"""Every response carries a request id, and every log line made while serving the request
carries the same one, formatted as one JSON object a line as production logs."""

import io
import json
import logging

import pytest
from django.conf import settings
from django.utils.module_loading import import_string

from core.request_id import RequestIdFilter
from fabrique.settings.env import redis_cache


@pytest.fixture
def log_lines():
    """Root log records as production writes them (the JSON formatter of LOGGING, the
    request id filter), read back as parsed objects."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    options = dict(settings.LOGGING["formatters"]["json"])
    handler.setFormatter(import_string(options.pop("()"))(**options))
    root = logging.getLogger()
    root.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.removeHandler(handler)


def test_a_response_carries_a_fresh_request_id(client, db):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]

    assert len(first) == 32 and int(first, 16) >= 0
    assert first != second


@pytest.mark.parametrize(
    "incoming",
    ["0f8fad5b-d9cb-469f-a165-70867728950e", "Root=1-67891233-abcdef012345678912345678"],
)
def test_a_sane_request_id_from_the_proxy_is_kept(client, db, incoming):
    response = client.get("/healthz", headers={"X-Request-ID": incoming})

    assert response["X-Request-ID"] == incoming


@pytest.mark.parametrize(
    "incoming",
    ["", "two words", 'a"b', "a" * 129, "x\\ny", "<script>"],
)
def test_an_odd_request_id_is_replaced_by_a_fresh_one(client, db, incoming):
    response = client.get("/healthz", headers={"X-Request-ID": incoming})

    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_log_lines_of_a_request_carry_the_id_of_its_response(client, db, settings, log_lines):
    """Logged inside the view (the cache's ignored error) and after it (Django's line for
    a 503): both carry the id the response header shows."""
    settings.CACHES = {"default": redis_cache("redis://127.0.0.1:1/0")}

    response = client.get("/healthz")

    request_id = response["X-Request-ID"]
    lines = log_lines()
    by_logger = {line["logger"]: line for line in lines}
    assert by_logger["django_redis.cache"]["message"] == "Exception ignored"
    assert by_logger["django.request"]["message"] == "Service Unavailable: /healthz"
    assert by_logger["django.request"]["level"] == "ERROR"
    assert {line["request_id"] for line in lines} == {request_id}


def test_log_lines_outside_a_request_say_so(client, db, log_lines):
    client.get("/nowhere/", headers={"X-Request-ID": "req-1234"})
    logging.getLogger("fabrique.test").warning("after the request")

    lines = log_lines()
    assert lines[0]["message"] == "Not Found: /nowhere/" and lines[0]["request_id"] == "req-1234"
    assert lines[-1]["message"] == "after the request" and lines[-1]["request_id"] == "-"


def test_a_json_log_line_has_time_level_logger_message_and_extras(log_lines):
    logging.getLogger("events.services").warning(
        "Booking refused for %s", "ana@example.org", extra={"seats": 3}
    )

    (line,) = log_lines()
    assert line["level"] == "WARNING"
    assert line["logger"] == "events.services"
    assert line["message"] == "Booking refused for ana@example.org"
    assert line["request_id"] == "-"
    assert line["seats"] == 3
    assert line["time"].endswith("+00:00")
