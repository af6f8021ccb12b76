"""The admin sign-in limit, as the person who hit it sees it.

django-axes counts failed sign-ins per username and address (``AXES_*`` settings) and
refuses the next ones during the cool-off; this is the answer it gives then: Wagtail's
own sign-in page again, with the reason in the page's language, as HTTP 429.
"""

import logging

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from core.ratelimit import client_address

logger = logging.getLogger(__name__)


def lockout_message() -> str:
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return ngettext(
        "Too many failed sign-in attempts for this username from your network. "
        "Sign-in is blocked for %(minutes)d minute: try again later, or ask an "
        "administrator to reset your password.",
        "Too many failed sign-in attempts for this username from your network. "
        "Sign-in is blocked for %(minutes)d minutes: try again later, or ask an "
        "administrator to reset your password.",
        minutes,
    ) % {"minutes": minutes}


def admin_login_lockout(request, response=None, credentials=None) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the sign-in form again, its only error the lockout."""
    username = (credentials or {}).get("username", "")
    logger.warning(
        "Admin sign-in refused: too many failures for %r from %s",
        username,
        client_address(request),
        extra={"username": username, "client_address": client_address(request)},
    )
    message = lockout_message()
    context = getattr(response, "context_data", None) or {}
    form = context.get("form")
    if not isinstance(response, TemplateResponse) or form is None:
        return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    form.errors.clear()  # "wrong password" would be misleading: the password was not tried
    form.add_error(None, message)
    return TemplateResponse(request, response.template_name, context, status=429).render()
