"""A request id on every log line made while serving a request, and on its response.

The id comes from the X-Request-ID header when the proxy in front (or the client) sent a
sane one, so one id follows a request from the proxy's log to ours; otherwise a new one.
It lives in a context variable, which a logging filter copies onto each record.

Why not django-log-request-id: it takes the incoming header as it is (any length, any
characters, straight into the logs), and the few lines here do all we need.
"""

import logging
import re
import uuid
from contextvars import ContextVar

from django.core.signals import request_finished
from django.dispatch import receiver

HEADER = "X-Request-ID"
NO_REQUEST = "-"
# Letters, digits and the punctuation of UUIDs, base64 and trace ids; no spaces, quotes
# or line breaks that could forge or break a log line.
SANE_ID = re.compile(r"[A-Za-z0-9._:+/=-]{1,128}")

current_request_id: ContextVar[str] = ContextVar("request_id", default=NO_REQUEST)


def request_id_for(request) -> str:
    """The incoming X-Request-ID if it is a sane token, else a fresh random id."""
    incoming = request.headers.get(HEADER, "")
    return incoming if SANE_ID.fullmatch(incoming) else uuid.uuid4().hex


class RequestIdMiddleware:
    """Give the request its id (``request.request_id``) and echo it on the response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.request_id = request_id_for(request)
        # Not reset on the way out: Django logs 4xx/5xx responses after the middleware
        # returns; request_finished (below) clears it once the response is sent.
        current_request_id.set(request.request_id)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


@receiver(request_finished)
def forget_request_id(**kwargs):
    current_request_id.set(NO_REQUEST)


class RequestIdFilter(logging.Filter):
    """Add ``request_id`` to every record ("-" outside a request)."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True
