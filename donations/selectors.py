"""Read-side questions about donations: monthly totals for staff, the donation page."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from core.page_lookups import public

from .models import DonationPage, Payment


def donations_open() -> bool:
    """Donations are offered only once Stripe is configured; otherwise never call Stripe."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET)


@dataclass
class MonthTotal:
    month: date
    total: int  # cents
    count: int


def _months_back(today: date, count: int) -> list[date]:
    months, year, month = [], today.year, today.month
    for _i in range(count):
        months.append(date(year, month, 1))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months[::-1]


def monthly_totals(*, months: int = 12, today: date | None = None) -> list[MonthTotal]:
    """Money received and kept (paid, not refunded) per month of payment, Paris time,
    over the last ``months`` months including the current one; months without gifts
    count zero. One query."""
    today = today or timezone.localdate()
    keys = _months_back(today, months)
    rows = (
        Payment.objects.filter(status=Payment.Status.PAID, paid_at__date__gte=keys[0])
        .annotate(month=TruncMonth("paid_at"))
        .values("month")
        .annotate(total=Sum("amount"), count=Count("pk"))
    )
    found = {}
    for row in rows:
        month = row["month"]
        month = month.date() if hasattr(month, "date") else month
        found[month.replace(day=1)] = (row["total"], row["count"])
    return [MonthTotal(key, *found.get(key, (0, 0))) for key in keys]


def donation_page_for(*, locale):
    """The live, public donation page of a language, if staff made one."""
    return public(DonationPage.objects.live()).filter(locale=locale).first()
