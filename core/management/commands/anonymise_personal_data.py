from django.conf import settings
from django.core.management.base import BaseCommand

from core.personal_data import anonymisers


class Command(BaseCommand):
    help = (
        "Anonymise the personal data whose retention period is over (bookings, workshop "
        "registrations, training applications... each app registers its own), keeping "
        "the counts. The period is PERSONAL_DATA_RETENTION_DAYS (default 90) after the "
        "session ends. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PERSONAL_DATA_RETENTION_DAYS,
            help="Retention period in days after the session ends.",
        )

    def handle(self, *args, days, **options):
        for anonymiser in anonymisers():
            count = anonymiser.run(retention_days=days)
            self.stdout.write(f"{anonymiser.label}: {count} (retention {days} days)")
