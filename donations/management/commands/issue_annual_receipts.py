"""python manage.py issue_annual_receipts [--year 2026]: one summary tax receipt per
monthly donor for the gifts paid in the year (last year by default), emailed to them.
Safe to run again: a donor's receipt for a year is issued once."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from donations.services import annual_receipts_issue


class Command(BaseCommand):
    help = "Issue and email the yearly summary tax receipts of monthly donors."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Calendar year (default: last year).")

    def handle(self, *args, year=None, **options):
        year = year or timezone.localdate().year - 1
        receipts = annual_receipts_issue(year=year)
        self.stdout.write(f"{len(receipts)} yearly receipt(s) issued for {year}.")
