"""The admin's defences: its sign-in limit, as the person who hit it sees it and as
staff learn of it, and its Content-Security-Policy.

django-axes counts failed sign-ins per username and address (``AXES_*`` settings) and
refuses the next ones during the cool-off. ``AdminSignInHandler`` adds two things it
lacks: a limit per address across usernames (spraying residents' email addresses from
one place), and an alarm in the logs when failures across all addresses pass a
threshold (spraying from many places). A username alone is never locked: a third
party's guesses must not lock a resident out. ``admin_login_lockout`` is the answer
when refused: Wagtail's own sign-in page again, the reason in the page's language, as
HTTP 429.
"""

import logging

from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessAttempt
from csp.constants import SELF
from csp.utils import build_policy
from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import ngettext

from core.ratelimit import client_address

logger = logging.getLogger(__name__)

ALARM_CACHE_KEY = "admin-sign-in-alarm"


def _recent_failures(**filters) -> int:
    """Failures recorded by axes whose latest is within the cool-off (axes forgets the
    older ones), across usernames."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=since, **filters)
    return recent.aggregate(total=Sum("failures_since_start"))["total"] or 0


def address_is_locked(address: str) -> bool:
    return _recent_failures(ip_address=address) >= settings.ADMIN_SIGN_IN_ADDRESS_LIMIT


class AdminSignInHandler(AxesDatabaseHandler):
    """``AXES_HANDLER``: axes' own, with the per-address limit and the alarm."""

    def is_locked(self, request, credentials=None) -> bool:
        if super().is_locked(request, credentials):
            return True
        if address_is_locked(request.axes_ip_address):
            request.axes_address_locked = True
            return True
        return False

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs):
        super().user_login_failed(sender, credentials, request=request, **kwargs)
        if request is None:
            return
        if not request.axes_locked_out and address_is_locked(request.axes_ip_address):
            request.axes_locked_out = True
            request.axes_address_locked = True
            request.axes_credentials = credentials
        self._alarm_if_many_failures()

    def _alarm_if_many_failures(self) -> None:
        total = _recent_failures()
        threshold = settings.ADMIN_SIGN_IN_ALARM
        window = int(settings.AXES_COOLOFF_TIME.total_seconds())
        # Once per window (per cache): cache.add only sets a key that is not there.
        if total >= threshold and cache.add(ALARM_CACHE_KEY, total, timeout=window):
            addresses = (
                AccessAttempt.objects.filter(
                    attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME
                )
                .values("ip_address")
                .distinct()
                .count()
            )
            logger.error(
                "Admin sign-in alarm: %d failed sign-ins from %d addresses in the last "
                "%d minutes (threshold %d): usernames may be being sprayed",
                total,
                addresses,
                window // 60,
                threshold,
                extra={"failures": total, "addresses": addresses},
            )


def _minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_message() -> str:
    minutes = _minutes()
    return ngettext(
        "Too many failed sign-in attempts for this username from your network. "
        "Sign-in is blocked for %(minutes)d minute: try again later, or ask an "
        "administrator to reset your password.",
        "Too many failed sign-in attempts for this username from your network. "
        "Sign-in is blocked for %(minutes)d minutes: try again later, or ask an "
        "administrator to reset your password.",
        minutes,
    ) % {"minutes": minutes}


def address_lockout_message() -> str:
    minutes = _minutes()
    return ngettext(
        "Too many failed sign-in attempts from your network, whatever the username. "
        "Sign-in from it is blocked for %(minutes)d minute: try again later.",
        "Too many failed sign-in attempts from your network, whatever the username. "
        "Sign-in from it is blocked for %(minutes)d minutes: try again later.",
        minutes,
    ) % {"minutes": minutes}


def admin_login_lockout(request, response=None, credentials=None) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the sign-in form again, its only error the lockout."""
    username = (credentials or {}).get("username", "")
    by_address = getattr(request, "axes_address_locked", False)
    logger.warning(
        "Admin sign-in refused: too many failures %s from %s",
        "across usernames" if by_address else f"for {username!r}",
        client_address(request),
        extra={"username": username, "client_address": client_address(request)},
    )
    message = address_lockout_message() if by_address else lockout_message()
    context = getattr(response, "context_data", None) or {}
    form = context.get("form")
    if not isinstance(response, TemplateResponse) or form is None:
        return HttpResponse(message, status=429, content_type="text/plain; charset=utf-8")
    form.errors.clear()  # "wrong password" would be misleading: the password was not tried
    form.add_error(None, message)
    return TemplateResponse(request, response.template_name, context, status=429).render()


class AdminContentSecurityPolicyMiddleware:
    """The admin's Content-Security-Policy (``ADMIN_CONTENT_SECURITY_POLICY``), where
    django-csp's public one is left out. After django-csp in MIDDLEWARE.

    A page preview is the public page, rendered with the public policy: it keeps that
    one, but may be framed by the admin's preview panel, as its SAMEORIGIN says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = settings.ADMIN_CONTENT_SECURITY_POLICY
        if not request.path_info.startswith(tuple(policy["URL_PREFIXES"])):
            return response
        framed_by_admin = response.get("X-Frame-Options", "").upper() == "SAMEORIGIN"
        if "Content-Security-Policy" in response:
            if framed_by_admin:
                response["Content-Security-Policy"] = _with_frame_ancestors_self(
                    response["Content-Security-Policy"]
                )
            return response
        directives = dict(policy["DIRECTIVES"])
        if framed_by_admin:
            directives["frame-ancestors"] = [SELF]
        response["Content-Security-Policy"] = build_policy(config=directives)
        return response


def _with_frame_ancestors_self(header: str) -> str:
    parts = [part.strip() for part in header.split(";") if part.strip()]
    kept = [part for part in parts if part.split()[0] != "frame-ancestors"]
    return "; ".join([*kept, f"frame-ancestors {SELF}"])
