"""Public donation views: the form on a DonationPage, Stripe's webhook endpoint, and
the monthly donor's way to Stripe's customer portal.

Views only translate between HTTP and ``donations.services``; the webhook is the only
way a gift becomes paid.
"""

import json
import logging
import time

import stripe
from django.conf import settings
from django.db import DataError
from django.http import (
    Http404,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.ratelimit import form_post_limited
from donations.selectors import donations_open

from . import rules, services
from .exceptions import DonationError, EventFromTheFuture, UnknownDonation
from .forms import DonationForm
from .models import Donation

logger = logging.getLogger(__name__)

RETURN_STATUSES = ("thanks", "cancelled")
# Seconds a webhook's signature may be off our clock, either way (Stripe's default).
WEBHOOK_TOLERANCE = stripe.Webhook.DEFAULT_TOLERANCE


def _form(page, data=None) -> DonationForm:
    return DonationForm(
        data,
        amounts=page.amounts,
        monthly=page.monthly_enabled,
        receipts=services.receipt_settings().can_issue_receipts,
    )


def donation_context(request, *, page, form=None) -> dict:
    """What the donation page's template needs: the form while donations are open, and
    the donor's return from Stripe (thanks or cancelled), which fulfils nothing."""
    is_open = donations_open()
    returned = request.GET.get("status")
    return {
        "donations_open": is_open,
        "returned": returned if returned in RETURN_STATUSES else "",
        "donation_form": (form or _form(page)) if is_open else None,
        "min_amount": settings.DONATION_MIN_AMOUNT,
        "max_amount": settings.DONATION_MAX_AMOUNT,
    }


def _rerender(request, page, form, *, status):
    context = page.get_context(request, form=form)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def donation_post(request, *, page):
    """POST on a donation page: start a Checkout Session and send the donor to it."""
    if not donations_open():
        return _rerender(request, page, None, status=409)
    form = _form(page, request.POST)
    if form_post_limited(request, scope="donation"):
        form.is_valid()
        form.add_error(
            None,
            _("Too many attempts from your connection. Please wait a few minutes and try again."),
        )
        return _rerender(request, page, form, status=429)
    if not form.is_valid():
        return _rerender(request, page, form, status=400)
    data = form.cleaned_data
    base = page.get_full_url(request)
    try:
        checkout_url = services.donation_start(
            monthly=data["monthly"],
            amount=data["cents"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            wants_receipt=data.get("wants_receipt", False),
            street_address=data.get("street_address", ""),
            postal_code=data.get("postal_code", ""),
            city=data.get("city", ""),
            language=translation.get_language(),
            success_url=f"{base}?status=thanks",
            cancel_url=f"{base}?status=cancelled",
        )
    except DonationError as error:
        form.add_error(None, str(error.message))
        return _rerender(request, page, form, status=503)
    return HttpResponseRedirect(checkout_url, status=303)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events, verified against the raw body with the endpoint's secret and
    Stripe's default five-minute tolerance (either way: a signature dated ahead is
    refused as a stale one is); anything unsigned or malformed changes nothing."""
    if not donations_open():
        raise Http404
    try:
        payload = request.body.decode("utf-8")
        header = request.headers.get("Stripe-Signature", "")
        stripe.WebhookSignature.verify_header(
            payload, header, settings.STRIPE_WEBHOOK_SECRET, WEBHOOK_TOLERANCE
        )
        if rules.signature_timestamp(header) > time.time() + WEBHOOK_TOLERANCE:
            raise EventFromTheFuture(header)
        event = rules.stripe_event_checked(json.loads(payload))
        handled = services.stripe_event_handle(event=event)
    except (ValueError, stripe.SignatureVerificationError) as error:
        # MalformedEvent and EventFromTheFuture are ValueErrors too.
        logger.warning("Stripe webhook refused: %s", error)
        return HttpResponseBadRequest("Invalid payload or signature.")
    except (KeyError, TypeError, AttributeError, DataError) as error:
        # Signed, but a field deeper in is missing, of another type or too long: the
        # event's transaction is rolled back, so it is not recorded either.
        logger.warning("Stripe webhook without the expected fields: %r", error)
        return HttpResponseBadRequest("Unexpected event.")
    except UnknownDonation:
        return HttpResponse("Unknown donation, try again later.", status=409)
    return JsonResponse({"received": True, "duplicate": not handled})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def donation_portal(request, token):
    """A monthly donor's link from their emails: a button that opens a fresh customer
    portal session (created on the POST, so link previews create none)."""
    donation = (
        Donation.objects.filter(manage_token=token, frequency=Donation.Frequency.MONTHLY)
        .exclude(stripe_customer_id="")
        .first()
    )
    if donation is None:
        raise Http404
    error = ""
    if request.method == "POST":
        try:
            url = services.portal_url(donation=donation, return_url=request.build_absolute_uri())
        except DonationError as exc:
            error = str(exc.message)
        else:
            return HttpResponseRedirect(url, status=303)
    response = TemplateResponse(
        request,
        "donations/portal.html",
        {"donation": donation, "error": error, "donations_open": donations_open()},
        status=503 if error else 200,
    )
    response["Referrer-Policy"] = "same-origin"
    return response
