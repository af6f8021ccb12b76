"""Admin: donations listed, filtered and exported for users with ``view_donation``
(by default superusers only: donors are personal data); totals per month for users
with ``view_donation_totals``. Read-only: only Stripe's webhooks change a donation.

Admin URL names: ``donations:index`` (listing; ``?export=csv`` or ``?export=xlsx``),
``donations:inspect``, ``donation_totals:index``.
"""

from datetime import datetime

from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.models import IndexView
from wagtail.admin.views.mixins import SpreadsheetExportMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from events.booking_export import neutralise_formula, paris_naive
from events.wagtail_hooks import ReadOnlyPermissionPolicy

from . import staff_views
from .models import Donation

register_permission_policy(Donation, ReadOnlyPermissionPolicy(Donation))


class DonationIndexView(IndexView):
    custom_value_preprocess = {
        datetime: {
            SpreadsheetExportMixin.FORMAT_XLSX: paris_naive,
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: f"{paris_naive(value):%Y-%m-%d %H:%M}",
        },
        str: {SpreadsheetExportMixin.FORMAT_CSV: neutralise_formula},
    }

    def to_row_dict(self, item):
        row = super().to_row_dict(item)
        row["amount"] = item.amount / 100
        row["frequency"] = str(item.get_frequency_display())
        row["status"] = str(item.get_status_display())
        row["wants_receipt"] = str(_("yes") if item.wants_receipt else _("no"))
        row["paid_at"] = item.paid_at or ""
        return row

    def get_filename(self):
        return f"donations-{timezone.localdate():%Y-%m-%d}"


class DonationViewSet(ModelViewSet):
    model = Donation
    icon = "doc-full"
    menu_label = _("Donations")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = DonationIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "last_name",
        "first_name",
        "amount_display",
        "frequency",
        "status",
        "created_at",
    ]
    list_filter = ["status", "frequency", "wants_receipt"]
    search_fields = ["first_name", "last_name", "email"]
    search_backend_name = None
    list_export = [
        "created_at",
        "paid_at",
        "first_name",
        "last_name",
        "email",
        "amount",
        "frequency",
        "status",
        "wants_receipt",
        "street_address",
        "postal_code",
        "city",
        "stripe_customer_id",
        "stripe_subscription_id",
    ]
    export_headings = {"amount": _("Amount (EUR)")}
    inspect_view_fields_exclude = ["manage_token", "key"]
    form_fields = ["status"]  # required by the viewset; the policy forbids editing


@hooks.register("register_admin_viewset")
def register_donation_viewset():
    return DonationViewSet("donations")


@hooks.register("register_admin_urls")
def register_totals_urls():
    return [
        path(
            "donation-totals/",
            include((staff_views.urlpatterns, "donation_totals"), namespace="donation_totals"),
        )
    ]


class TotalsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(staff_views.SEE_TOTALS)


@hooks.register("register_admin_menu_item")
def register_totals_menu_item():
    return TotalsMenuItem(
        _("Donation totals"), reverse("donation_totals:index"), icon_name="table", order=265
    )
