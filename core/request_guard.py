"""One guard, before every view, against bytes no page of the site can mean.

A NUL byte, text that is not valid UTF-8, or a value far longer than any address of
the site uses, in the URL's path, its query string or a header, is refused with a 4xx
and a short page in the visitor's language, before any view, form or query sees it.
Without it each view would need its own check: PostgreSQL refuses NUL in text
("cannot contain NUL"), so one forgotten view is a 500.

The limits leave room for everything legitimate: page slugs and manage tokens are far
shorter than a path segment's limit, and long texts (rich text from the admin, form
posts) travel in request bodies, which are not checked here (Django's form fields
refuse NUL themselves). Accented letters, valid UTF-8, pass.
"""

import logging
import re
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

# Characters of one path segment (between slashes) and of one query parameter's name or
# value, decoded: beyond them, 414 URI Too Long.
MAX_PATH_SEGMENT = 1024
MAX_QUERY_VALUE = 2048
# Characters of one header value: beyond it, 431 (gunicorn's own limit is 8190 bytes).
MAX_HEADER_VALUE = 8190

BAD_BYTES = 400
URI_TOO_LONG = 414
HEADER_TOO_LONG = 431

# Control characters (NUL first), or a percent escape still there once decoded.
UNREADABLE_IN_PATH = re.compile(r"[\x00-\x1f\x7f]|%[0-9A-Fa-f]{2}")


def _text(raw: bytes) -> str | None:
    """``raw`` as text if it is valid UTF-8 without NUL, else None."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text


def _wsgi_bytes(environ, key: str) -> bytes:
    # WSGI hands over the raw bytes of the query and headers as ISO-8859-1 text.
    return environ.get(key, "").encode("iso-8859-1", errors="replace")


def path_refusal(request) -> tuple[int, str] | None:
    # Django has already decoded the path, re-escaping the bytes that were not UTF-8
    # as %XX (and the raw PATH_INFO is overwritten): a %XX left in the decoded path is
    # such a byte, or an escaped "%", which no address of the site contains.
    path = request.path_info
    if UNREADABLE_IN_PATH.search(path):
        return BAD_BYTES, "path"
    if any(len(segment) > MAX_PATH_SEGMENT for segment in path.split("/")):
        return URI_TOO_LONG, "path"
    return None


def query_refusal(environ) -> tuple[int, str] | None:
    # The same splitting as Django's QueryDict, but strict where it replaces bad bytes.
    for pair in _wsgi_bytes(environ, "QUERY_STRING").split(b"&"):
        for part in pair.split(b"=", 1):
            text = _text(unquote_to_bytes(part.replace(b"+", b" ")))
            if text is None:
                return BAD_BYTES, "query"
            if len(text) > MAX_QUERY_VALUE:
                return URI_TOO_LONG, "query"
    return None


def header_refusal(environ) -> tuple[int, str] | None:
    for key, value in environ.items():
        if not (key.startswith("HTTP_") or key in ("CONTENT_TYPE", "CONTENT_LENGTH")):
            continue
        if not isinstance(value, str):
            continue
        text = _text(value.encode("iso-8859-1", errors="replace"))
        # Other control characters than tab have no business in a header either.
        if text is None or any((ord(c) < 32 and c != "\t") or c == "\x7f" for c in text):
            return BAD_BYTES, key
        if len(text) > MAX_HEADER_VALUE:
            return HEADER_TOO_LONG, key
    return None


def request_refusal(request) -> tuple[int, str] | None:
    """(status, where) for a request to refuse, None for one to serve."""
    return (
        path_refusal(request) or query_refusal(request.environ) or header_refusal(request.environ)
    )


def refusal_response(request, status: int) -> HttpResponse:
    # The language of the address (/en/...), else the site's: like LocaleMiddleware,
    # which has not run yet, minus the headers and cookies that may be the odd part.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        if status == BAD_BYTES:
            message = _(
                "This address or your browser's request contains characters the site "
                "cannot read (a null byte or text that is not valid UTF-8)."
            )
        else:
            message = _("This address or your browser's request is too long for the site to read.")
        html = render_to_string(
            "core/bad_request.html",
            {
                "language": language,
                "message": message,
                "home": "/" if language == settings.LANGUAGE_CODE else f"/{language}/",
            },
        )
    response = HttpResponse(html, status=status)
    response["Content-Language"] = language
    response["Cache-Control"] = "no-store"
    return response


class RequestGuardMiddleware:
    """Answer 400 (bad bytes), 414 (over-long path or query value) or 431 (over-long
    header) before anything else reads the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = request_refusal(request)
        if refusal is None:
            return self.get_response(request)
        status, where = refusal
        logger.warning("Request refused (%s in %s): %s", status, where, request.path_info[:200])
        return refusal_response(request, status)
