"""Donations' rules: start a gift (a Stripe Checkout Session), fulfil it from verified
webhooks exactly once, issue and void tax receipts, open the customer portal.

Nothing is paid until Stripe says so in a signed webhook: the donor's return to the
site fulfils nothing. Every webhook is handled in one transaction that first records
the event's id under a unique constraint, so a redelivery, even a concurrent one, is a
no-op; the donation's row is then locked, so two different events about one gift
apply one after the other. Statuses only move forward (a refund that arrives before
the payment it refunds wins), so events may come in any order.
"""

import logging
import uuid
from datetime import UTC, date, datetime, timedelta

import stripe
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Site

from core.mail import send_later
from core.organisation import organisation_for_site
from donations.selectors import donations_open

from . import stripe_api
from .exceptions import DonationsClosed, PaymentServiceUnavailable, UnknownDonation
from .models import (
    Donation,
    DonationSettings,
    Payment,
    Receipt,
    ReceiptCounter,
    StripeEvent,
    new_manage_token,
)

logger = logging.getLogger(__name__)


def donation_start(
    *,
    monthly: bool,
    amount: int,
    first_name: str,
    last_name: str,
    email: str,
    wants_receipt: bool,
    street_address: str = "",
    postal_code: str = "",
    city: str = "",
    language: str,
    success_url: str,
    cancel_url: str,
) -> str:
    """Create the Checkout Session for a gift of ``amount`` cents and record the gift as
    pending; the address of Stripe's payment page. Nothing is recorded when Stripe
    cannot be reached or refuses."""
    if not donations_open():
        raise DonationsClosed
    key = str(uuid.uuid4())
    organisation = organisation_for_site(Site.objects.get(is_default_site=True)).name
    try:
        session = stripe_api.checkout_session_create(
            key=key,
            monthly=monthly,
            amount=amount,
            product_name=(_("Monthly gift") if monthly else _("Gift")) + f" — {organisation}",
            email=email,
            language=language,
            success_url=success_url,
            cancel_url=cancel_url,
        )
    except stripe.StripeError as error:
        logger.warning("Stripe refused or could not be reached: %r", error)
        raise PaymentServiceUnavailable from error
    Donation.objects.create(
        key=key,
        frequency=Donation.Frequency.MONTHLY if monthly else Donation.Frequency.ONE_OFF,
        amount=amount,
        first_name=first_name,
        last_name=last_name,
        email=email,
        wants_receipt=wants_receipt,
        street_address=street_address if wants_receipt else "",
        postal_code=postal_code if wants_receipt else "",
        city=city if wants_receipt else "",
        language=language,
        stripe_checkout_session_id=session["id"],
    )
    return session["url"]


def portal_url(*, donation: Donation, return_url: str) -> str:
    """A fresh customer-portal session for a monthly donor (they expire quickly, so one
    is created each time the donor asks)."""
    if not donations_open() or not donation.stripe_customer_id:
        raise DonationsClosed
    try:
        return stripe_api.portal_session_create(
            customer=donation.stripe_customer_id,
            return_url=return_url,
            language=donation.language,
        )
    except stripe.StripeError as error:
        logger.warning("Stripe portal session failed: %r", error)
        raise PaymentServiceUnavailable from error


# Webhooks -------------------------------------------------------------------------


def stripe_event_handle(*, event: dict) -> bool:
    """Apply one verified Stripe event; ``False`` when it had already been applied."""
    handler = HANDLERS.get(event["type"])
    with transaction.atomic():
        try:
            with transaction.atomic():
                StripeEvent.objects.create(event_id=event["id"], type=event["type"])
        except IntegrityError:
            return False
        if handler is not None:
            handler(event["data"]["object"])
    return True


def _donation_for(obj: dict, *, metadata: dict | None = None, subscription: str = ""):
    """Our donation an object is about, locked; ``None`` for objects that are not ours
    (another integration on the same Stripe account)."""
    metadata = metadata if metadata is not None else obj.get("metadata") or {}
    key = metadata.get("donation") or obj.get("client_reference_id")
    donations = Donation.objects.select_for_update()
    if key:
        try:
            return donations.get(key=key)
        except (Donation.DoesNotExist, ValidationError, ValueError):
            raise UnknownDonation(key) from None
    if subscription:
        return donations.filter(stripe_subscription_id=subscription).first()
    return None


def _timestamp(value) -> datetime:
    return datetime.fromtimestamp(value, tz=UTC) if value else timezone.now()


def _mark_paid(donation: Donation, when: datetime) -> None:
    # Money Stripe says it collected wins over an expiry that arrived first.
    if donation.status in Donation.UNPAID:
        donation.status = Donation.Status.PAID
        donation.paid_at = donation.paid_at or when
        donation.save(update_fields=["status", "paid_at"])


def _checkout_session(session: dict) -> None:
    """checkout.session.completed and async_payment_succeeded: a one-off gift is paid
    when ``payment_status`` says so (bank debits complete later); a monthly gift's
    payments come as invoices."""
    donation = _donation_for(session)
    if donation is None:
        return
    changed = []
    if session.get("customer") and not donation.stripe_customer_id:
        donation.stripe_customer_id = session["customer"]
        changed.append("stripe_customer_id")
    if session.get("subscription") and not donation.stripe_subscription_id:
        donation.stripe_subscription_id = session["subscription"]
        changed.append("stripe_subscription_id")
    if changed:
        donation.save(update_fields=changed)
    if session.get("mode") == "payment" and session.get("payment_status") == "paid":
        payment, created = Payment.objects.get_or_create(
            stripe_payment_intent_id=session.get("payment_intent") or f"cs:{session['id']}",
            defaults={
                "donation": donation,
                "amount": session["amount_total"],
                "status": Payment.Status.PAID,
                "paid_at": timezone.now(),
            },
        )
        _payment_received(payment, created=created)


def _checkout_failed(session: dict) -> None:
    donation = _donation_for(session)
    if donation is not None and donation.status == Donation.Status.PENDING:
        donation.status = Donation.Status.FAILED
        donation.save(update_fields=["status"])


def _checkout_expired(session: dict) -> None:
    """checkout.session.expired: the donor never paid (Stripe expires an abandoned
    session after at most a day); the gift stops waiting as pending."""
    donation = _donation_for(session)
    if donation is not None and donation.status == Donation.Status.PENDING:
        donation.status = Donation.Status.EXPIRED
        donation.save(update_fields=["status"])


def _invoice_subscription(invoice: dict) -> tuple[str, dict]:
    """The subscription an invoice bills and its metadata (where API versions differ)."""
    details = (
        (invoice.get("parent") or {}).get("subscription_details")
        or invoice.get("subscription_details")
        or {}
    )
    subscription = details.get("subscription") or invoice.get("subscription") or ""
    if isinstance(subscription, dict):
        subscription = subscription["id"]
    return subscription, details.get("metadata") or {}


def _invoice_payment_intent(invoice: dict) -> str | None:
    """The payment intent that paid an invoice, so that its refund finds the payment:
    a field of its own in older API versions, under ``payments`` when expanded since."""
    intent = invoice.get("payment_intent")
    if not intent:
        payments = (invoice.get("payments") or {}).get("data") or []
        intent = next(
            (p["payment"].get("payment_intent") for p in payments if p.get("payment")), None
        )
    if isinstance(intent, dict):
        intent = intent.get("id")
    return intent or None


def _invoice_paid(invoice: dict) -> None:
    if not invoice.get("amount_paid"):
        return
    subscription, metadata = _invoice_subscription(invoice)
    if not subscription:
        return
    donation = _donation_for(invoice, metadata=metadata, subscription=subscription)
    if donation is None:
        return
    changed = []
    if not donation.stripe_subscription_id:
        donation.stripe_subscription_id = subscription
        changed.append("stripe_subscription_id")
    if invoice.get("customer") and not donation.stripe_customer_id:
        donation.stripe_customer_id = invoice["customer"]
        changed.append("stripe_customer_id")
    if changed:
        donation.save(update_fields=changed)
    paid_at = _timestamp((invoice.get("status_transitions") or {}).get("paid_at"))
    payment, created = Payment.objects.get_or_create(
        stripe_invoice_id=invoice["id"],
        defaults={
            "donation": donation,
            "amount": invoice["amount_paid"],
            "status": Payment.Status.PAID,
            "paid_at": paid_at,
            "stripe_payment_intent_id": _invoice_payment_intent(invoice),
        },
    )
    _payment_received(payment, created=created, when=paid_at)


def _payment_received(payment: Payment, *, created: bool, when: datetime | None = None):
    """A payment Stripe says is collected: paid once, a receipt for a one-off gift,
    thanks by email. A payment already paid or refunded stays as it is."""
    if not created:
        if payment.status != Payment.Status.FAILED:
            return
        payment.status = Payment.Status.PAID
        payment.paid_at = when or timezone.now()
        payment.save(update_fields=["status", "paid_at"])
    donation = payment.donation
    _mark_paid(donation, payment.paid_at)
    if donation.frequency == Donation.Frequency.ONE_OFF:
        _receipt_for_payment(payment)
    send_later("donations.emails.thanks_email", payment_id=payment.pk)


def _invoice_failed(invoice: dict) -> None:
    subscription, metadata = _invoice_subscription(invoice)
    if not subscription:
        return
    donation = _donation_for(invoice, metadata=metadata, subscription=subscription)
    if donation is None:
        return
    Payment.objects.get_or_create(
        stripe_invoice_id=invoice["id"],
        defaults={
            "donation": donation,
            "amount": invoice.get("amount_due") or 0,
            "status": Payment.Status.FAILED,
        },
    )
    if donation.status == Donation.Status.PENDING:
        donation.status = Donation.Status.FAILED
        donation.save(update_fields=["status"])


def _subscription_deleted(subscription: dict) -> None:
    donation = _donation_for(subscription, subscription=subscription["id"])
    if donation is None or donation.status in (
        Donation.Status.CANCELLED,
        Donation.Status.REFUNDED,
    ):
        return
    donation.status = Donation.Status.CANCELLED
    donation.ended_at = _timestamp(subscription.get("ended_at"))
    donation.save(update_fields=["status", "ended_at"])


def _charge_refunded(charge: dict) -> None:
    """A full refund: the payment is refunded and its receipt voided (a partial refund
    changes nothing here: staff issue a corrected receipt by hand)."""
    if charge.get("amount_refunded", 0) < charge.get("amount", 0):
        logger.warning("Partial refund of %s left as it is", charge.get("id"))
        return
    lookup = Q()
    if charge.get("payment_intent"):
        lookup |= Q(stripe_payment_intent_id=charge["payment_intent"])
    if charge.get("invoice"):
        lookup |= Q(stripe_invoice_id=charge["invoice"])
    payment = Payment.objects.select_for_update().filter(lookup).first() if lookup else None
    now = timezone.now()
    if payment is None:
        # The refund overtook the payment's own event: recorded as refunded, so the
        # payment event that follows changes nothing.
        donation = _donation_for(charge)
        if donation is None or not charge.get("payment_intent"):
            return
        payment = Payment.objects.create(
            donation=donation,
            amount=charge["amount"],
            status=Payment.Status.REFUNDED,
            stripe_payment_intent_id=charge["payment_intent"],
            refunded_at=now,
        )
    elif payment.status == Payment.Status.REFUNDED:
        return
    else:
        payment.status = Payment.Status.REFUNDED
        payment.refunded_at = now
        payment.save(update_fields=["status", "refunded_at"])
    donation = Donation.objects.select_for_update().get(pk=payment.donation_id)
    if donation.frequency == Donation.Frequency.ONE_OFF:
        Receipt.objects.filter(payment=payment, voided_at__isnull=True).update(voided_at=now)
        donation.status = Donation.Status.REFUNDED
        donation.save(update_fields=["status"])
    elif payment.paid_at:
        # The year's summary counted this payment: voided, so that running
        # issue_annual_receipts again issues a corrected one under a new number.
        donation.receipts.filter(
            kind=Receipt.Kind.ANNUAL,
            year=timezone.localdate(payment.paid_at).year,
            voided_at__isnull=True,
        ).update(voided_at=now)


HANDLERS = {
    "checkout.session.completed": _checkout_session,
    "checkout.session.async_payment_succeeded": _checkout_session,
    "checkout.session.async_payment_failed": _checkout_failed,
    "checkout.session.expired": _checkout_expired,
    "invoice.paid": _invoice_paid,
    "invoice.payment_failed": _invoice_failed,
    "customer.subscription.deleted": _subscription_deleted,
    "charge.refunded": _charge_refunded,
}


# Personal data ---------------------------------------------------------------------


def donations_anonymise(*, retention_days: int | None = None, now: datetime | None = None) -> int:
    """Erase who started a gift that was never paid (pending, failed or abandoned), once
    ``retention_days`` have passed since it was started; amount, frequency, status and
    dates stay, so the figures still add up. A donation with any payment collected is
    kept whole: its receipts must be reissuable. Returns how many were erased; running
    it again does nothing."""
    if retention_days is None:
        retention_days = settings.PERSONAL_DATA_RETENTION_DAYS
    now = now or timezone.now()
    due = Donation.objects.filter(
        anonymised_at__isnull=True,
        status__in=Donation.UNPAID,
        created_at__lt=now - timedelta(days=retention_days),
    ).exclude(payments__status__in=[Payment.Status.PAID, Payment.Status.REFUNDED])
    count = 0
    with transaction.atomic():
        for donation in due.select_for_update().only("pk"):
            _donation_anonymise(donation.pk, now=now)
            count += 1
    return count


def _donation_anonymise(pk: int, *, now: datetime) -> None:
    Donation.objects.filter(pk=pk).update(
        first_name="",
        last_name="",
        email=f"anonymised-{pk}@invalid.invalid",
        street_address="",
        postal_code="",
        city="",
        stripe_customer_id="",
        # The monthly donor's portal link stops working.
        manage_token=new_manage_token(),
        anonymised_at=now,
    )


def donations_of(email_key: str):
    return Donation.objects.filter(email__iexact=email_key, anonymised_at__isnull=True)


def donations_erase_refusal(email_key: str) -> str:
    """Why a person's erasure must wait: a gift of theirs still waiting for payment."""
    if donations_of(email_key).filter(status=Donation.Status.PENDING).exists():
        return str(
            _(
                "A donation from this person is still pending payment: erase once it is "
                "paid, failed or abandoned. Nothing was erased."
            )
        )
    return ""


def donations_erase_for(*, email_key: str, now: datetime | None = None) -> int:
    """A person's erasure request (GDPR article 17): gifts never paid are anonymised as
    ``donations_anonymise`` does; a gift with a payment collected is kept whole, as the
    law requires of its tax receipts. Returns how many were anonymised."""
    now = now or timezone.now()
    count = 0
    with transaction.atomic():
        unpaid = donations_of(email_key).exclude(
            payments__status__in=[Payment.Status.PAID, Payment.Status.REFUNDED]
        )
        for pk in unpaid.select_for_update().values_list("pk", flat=True):
            _donation_anonymise(pk, now=now)
            count += 1
    return count


# Tax receipts ---------------------------------------------------------------------


def receipt_settings() -> DonationSettings:
    return DonationSettings.for_site(Site.objects.get(is_default_site=True))


def _next_number(year: int) -> int:
    """The next receipt number of ``year``, taken under the counter's row lock: it
    commits with the receipt or not at all, so numbers have no gaps."""
    ReceiptCounter.objects.get_or_create(year=year)
    counter = ReceiptCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _receipt_issue(*, donation: Donation, kind, amount: int, gift_date: date, payment=None):
    organisation = receipt_settings()
    if not (organisation.can_issue_receipts and donation.wants_receipt):
        return None
    year = gift_date.year
    sequence = _next_number(year)
    return Receipt.objects.create(
        number=f"{year}-{sequence:06d}",
        year=year,
        sequence=sequence,
        kind=kind,
        donation=donation,
        payment=payment,
        amount=amount,
        gift_date=gift_date,
        donor_name=donation.name,
        donor_address="\n".join(donation.address_lines),
        issuer={
            "legal_name": organisation.legal_name,
            "address": organisation.address,
            "purpose": organisation.purpose,
            "legal_basis": organisation.legal_basis,
            "signatory": organisation.signatory,
        },
    )


def _receipt_for_payment(payment: Payment):
    return _receipt_issue(
        donation=payment.donation,
        kind=Receipt.Kind.SINGLE,
        amount=payment.amount,
        gift_date=timezone.localdate(payment.paid_at),
        payment=payment,
    )


def annual_receipts_issue(*, year: int) -> list[Receipt]:
    """One summary receipt per monthly donor for the gifts paid in ``year`` (refunded
    ones left out); running it again issues only the missing ones."""
    issued = []
    donations = Donation.objects.filter(
        frequency=Donation.Frequency.MONTHLY,
        wants_receipt=True,
        payments__status=Payment.Status.PAID,
        payments__paid_at__year=year,
    ).distinct()
    for donation_id in donations.values_list("pk", flat=True):
        with transaction.atomic():
            donation = Donation.objects.select_for_update().get(pk=donation_id)
            valid = donation.receipts.filter(voided_at__isnull=True)
            if valid.filter(kind=Receipt.Kind.ANNUAL, year=year).exists():
                continue
            paid = donation.payments.filter(status=Payment.Status.PAID, paid_at__year=year)
            total = paid.aggregate(total=Sum("amount"))["total"] or 0
            last = paid.order_by("-paid_at").values_list("paid_at", flat=True).first()
            receipt = _receipt_issue(
                donation=donation,
                kind=Receipt.Kind.ANNUAL,
                amount=total,
                gift_date=timezone.localdate(last),
            )
            if receipt is not None:
                send_later("donations.emails.annual_receipt_email", receipt_id=receipt.pk)
                issued.append(receipt)
    return issued
