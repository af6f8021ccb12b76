"""Donation emails, in the donor's language: thanks for each payment (with the tax
receipt attached when there is one), and the yearly summary receipt of a monthly gift.
Every email to a monthly donor carries the link to stop or change their gift.

Built when they leave (``core.mail.send_later``), so a receipt voided meanwhile is not
attached."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from core.organisation import organisation_for_site

from . import receipts
from .models import Donation, Payment, Receipt


def _context(donation: Donation) -> dict:
    site = Site.objects.get(is_default_site=True)
    context = {
        "donation": donation,
        "organisation": organisation_for_site(site),
        "portal_url": "",
    }
    if donation.frequency == Donation.Frequency.MONTHLY and donation.stripe_customer_id:
        with translation.override(donation.language):
            path = reverse("donation_portal", args=[donation.manage_token])
        context["portal_url"] = site.root_url + path
    return context


def _message(donation: Donation, template: str, context: dict) -> EmailMessage:
    with translation.override(donation.language):
        subject = render_to_string(f"donations/email/{template}_subject.txt", context)
        body = render_to_string(f"donations/email/{template}.txt", context)
    return EmailMessage(
        " ".join(subject.split()), body, settings.DEFAULT_FROM_EMAIL, [donation.email]
    )


def thanks_email(*, payment_id: int) -> EmailMessage | None:
    payment = Payment.objects.select_related("donation").filter(pk=payment_id).first()
    if payment is None or payment.status != Payment.Status.PAID:
        return None
    donation = payment.donation
    receipt = Receipt.objects.filter(payment=payment, voided_at__isnull=True).first()
    context = {**_context(donation), "payment": payment, "receipt": receipt}
    message = _message(donation, "thanks", context)
    if receipt is not None:
        message.attach(receipts.filename(receipt), receipts.receipt_pdf(receipt), "application/pdf")
    return message


def annual_receipt_email(*, receipt_id: int) -> EmailMessage | None:
    receipt = (
        Receipt.objects.select_related("donation").filter(pk=receipt_id, voided_at=None).first()
    )
    if receipt is None:
        return None
    context = {**_context(receipt.donation), "receipt": receipt}
    message = _message(receipt.donation, "annual_receipt", context)
    message.attach(receipts.filename(receipt), receipts.receipt_pdf(receipt), "application/pdf")
    return message
