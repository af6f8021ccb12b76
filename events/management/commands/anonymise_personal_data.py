from django.conf import settings
from django.core.management.base import BaseCommand

from donations.services import donations_anonymise
from events.services import bookings_anonymise
from workshops.services import registrations_anonymise
from workshops.training_services import applications_anonymise


class Command(BaseCommand):
    help = (
        "Anonymise the personal data of bookings, workshop registrations and training "
        "applications whose session "
        "ended more than PERSONAL_DATA_RETENTION_DAYS ago (default 90), and of donations "
        "never paid that were started as long ago, keeping the counts. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.PERSONAL_DATA_RETENTION_DAYS,
            help="Retention period in days after the session ends.",
        )

    def handle(self, *args, days, **options):
        count = bookings_anonymise(retention_days=days)
        self.stdout.write(f"Bookings anonymised: {count} (sessions ended over {days} days ago)")
        count = registrations_anonymise(retention_days=days)
        self.stdout.write(f"Workshop registrations anonymised: {count}")
        count = applications_anonymise(retention_days=days)
        self.stdout.write(
            f"Training applications anonymised: {count} (modules ended over {days} days ago)"
        )
        count = donations_anonymise(retention_days=days)
        self.stdout.write(f"Unpaid donations anonymised: {count} (started over {days} days ago)")
