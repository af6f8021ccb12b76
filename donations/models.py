"""Donations: the page staff edit, the tax-receipt setting, and the records Stripe's
webhooks fill in.

A ``Donation`` is what a donor asked for on the form (one-off or monthly); each sum
actually collected is a ``Payment`` (the one-off payment, or one monthly invoice);
a ``Receipt`` is the tax receipt for a payment, or the yearly summary of a monthly
gift. Only ``donations.services`` changes them, and only from verified webhooks.
"""

import secrets
import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from core.page_forms import ChoosablePageForm
from core.page_methods import FormPageMethods

from . import rules


def validate_preset_amounts(value: str) -> None:
    try:
        rules.preset_amounts(value)
    except ValueError:
        raise ValidationError(
            _("Enter whole amounts in euros separated by spaces, for example: 10 25 50 100.")
        ) from None


class DonationPage(FormPageMethods, Page):
    base_form_class = ChoosablePageForm

    introduction = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    preset_amounts = models.CharField(
        _("preset amounts"),
        max_length=100,
        default="10 25 50 100",
        validators=[validate_preset_amounts],
        help_text=_(
            "Whole amounts in euros, separated by spaces. Donors can also enter their own."
        ),
    )
    monthly_enabled = models.BooleanField(_("offer monthly gifts"), default=True)
    thanks_message = RichTextField(
        _("thanks message"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown when a donor comes back from the payment page."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("preset_amounts"),
        FieldPanel("monthly_enabled"),
        FieldPanel("thanks_message"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("donation page")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from .views import donation_post

            return donation_post(request, page=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, form=None, **kwargs):
        from .views import donation_context

        context = super().get_context(request, *args, **kwargs)
        context.update(donation_context(request, page=self, form=form))
        return context

    @property
    def amounts(self) -> list[int]:
        return rules.preset_amounts(self.preset_amounts)


@register_setting(icon="doc-full")
class DonationSettings(BaseSiteSetting):
    """What a French tax receipt (reçu fiscal, Cerfa 11580) must say about the issuer.

    Receipts are issued only while ``receipts_enabled``: an organisation must be
    eligible (general interest, art. 200 and 238 bis of the tax code) to issue them."""

    receipts_enabled = models.BooleanField(
        _("issue tax receipts"),
        default=False,
        help_text=_("Only if the organisation is eligible to receive tax-deductible gifts."),
    )
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    address = models.TextField(_("address"), blank=True)
    purpose = models.TextField(
        _("purpose"), blank=True, help_text=_("The organisation's object, as in its statutes.")
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=300,
        default="article 200 du code général des impôts",
        help_text=_("The article(s) of the tax code the gift falls under."),
    )
    signatory = models.CharField(
        _("signatory"), max_length=200, blank=True, help_text=_("Name and role.")
    )

    panels = [
        FieldPanel("receipts_enabled"),
        MultiFieldPanel(
            [
                FieldPanel("legal_name"),
                FieldPanel("address"),
                FieldPanel("purpose"),
                FieldPanel("legal_basis"),
                FieldPanel("signatory"),
            ],
            heading=_("Tax receipts"),
        ),
    ]

    class Meta:
        verbose_name = _("donations")

    @property
    def can_issue_receipts(self) -> bool:
        return bool(self.receipts_enabled and self.legal_name and self.address)


def new_manage_token() -> str:
    return secrets.token_urlsafe(24)


class Donation(models.Model):
    class Frequency(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        MONTHLY = "monthly", _("Monthly")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Failed")
        REFUNDED = "refunded", _("Refunded")
        CANCELLED = "cancelled", _("Cancelled")
        # The donor left Stripe's payment page: its Checkout Session expired unpaid.
        EXPIRED = "expired", _("Abandoned (checkout expired)")

    # Nothing was collected: the donor's details are erased after the retention period.
    UNPAID = (Status.PENDING, Status.FAILED, Status.EXPIRED)

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    frequency = models.CharField(_("frequency"), max_length=10, choices=Frequency.choices)
    amount = models.PositiveIntegerField(_("amount (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="eur")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254)
    wants_receipt = models.BooleanField(_("wants a tax receipt"), default=False)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    language = models.CharField(_("language"), max_length=10, default="fr")
    manage_token = models.CharField(max_length=64, unique=True, default=new_manage_token)
    stripe_checkout_session_id = models.CharField(
        _("Stripe checkout session"), max_length=255, unique=True, null=True, blank=True
    )
    stripe_customer_id = models.CharField(_("Stripe customer"), max_length=255, blank=True)
    stripe_subscription_id = models.CharField(
        _("Stripe subscription"), max_length=255, blank=True, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data erased at"), null=True, blank=True)

    class Meta:
        verbose_name = _("donation")
        verbose_name_plural = _("donations")
        ordering = ["-created_at", "-pk"]
        permissions = [("view_donation_totals", "Can see donation totals per month")]

    def __str__(self):
        return f"{self.first_name} {self.last_name} — {rules.format_amount(self.amount)}"

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def amount_display(self) -> str:
        return rules.format_amount(self.amount)

    amount_display.fget.short_description = _("amount")

    @property
    def address_lines(self) -> list[str]:
        return [
            line
            for line in [self.street_address, f"{self.postal_code} {self.city}".strip()]
            if line
        ]


class Payment(models.Model):
    """One sum collected: the one-off payment, or one invoice of a monthly gift."""

    class Status(models.TextChoices):
        FAILED = "failed", _("Failed")
        PAID = "paid", _("Paid")
        REFUNDED = "refunded", _("Refunded")

    donation = models.ForeignKey(
        Donation, verbose_name=_("donation"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.PositiveIntegerField(_("amount (cents)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    stripe_payment_intent_id = models.CharField(max_length=255, unique=True, null=True)
    stripe_invoice_id = models.CharField(max_length=255, unique=True, null=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)
    refunded_at = models.DateTimeField(_("refunded at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("payment")
        ordering = ["paid_at", "pk"]

    def __str__(self):
        return f"{self.donation.name} — {rules.format_amount(self.amount)}"

    @property
    def amount_display(self) -> str:
        return rules.format_amount(self.amount)


class Receipt(models.Model):
    """A tax receipt: numbered without gaps per year, never deleted; a refund voids it.

    The issuer's and donor's details are copied in when it is issued, so the PDF says
    the same thing whenever it is produced again."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Single gift")
        ANNUAL = "annual", _("Yearly summary")

    number = models.CharField(_("number"), max_length=20, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField()
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    donation = models.ForeignKey(
        Donation, verbose_name=_("donation"), on_delete=models.PROTECT, related_name="receipts"
    )
    payment = models.OneToOneField(
        Payment, on_delete=models.PROTECT, null=True, blank=True, related_name="receipt"
    )
    amount = models.PositiveIntegerField(_("amount (cents)"))
    gift_date = models.DateField(_("date of the gift"))
    donor_name = models.CharField(max_length=200)
    donor_address = models.TextField()
    issuer = models.JSONField(default=dict)
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("tax receipt")
        verbose_name_plural = _("tax receipts")
        ordering = ["year", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["year", "sequence"], name="receipt_sequence"),
            models.UniqueConstraint(
                fields=["donation", "year"],
                condition=models.Q(kind="annual", voided_at__isnull=True),
                name="one_valid_annual_receipt_per_donation_and_year",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def amount_display(self) -> str:
        return rules.format_amount(self.amount)


class ReceiptCounter(models.Model):
    """The last receipt number of a year: locked while a receipt is issued, so numbers
    follow each other without gaps however many webhooks arrive at once."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.year}: {self.last}"


class StripeEvent(models.Model):
    """Each Stripe event handled, once: the unique id makes redeliveries no-ops."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Stripe event")

    def __str__(self):
        return f"{self.type} {self.event_id}"
