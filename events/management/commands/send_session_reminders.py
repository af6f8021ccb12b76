from django.conf import settings
from django.core.management.base import BaseCommand

from events.reminders import stream_reminders_send


class Command(BaseCommand):
    help = (
        "Email the stream link of online and hybrid sessions to each confirmed booking, "
        "STREAM_REMINDER_MINUTES (default 60) before the start; each booking once. "
        "Run every few minutes (cron or worker)."
    )

    def handle(self, *args, **options):
        count = stream_reminders_send()
        minutes = settings.STREAM_REMINDER_MINUTES
        self.stdout.write(f"Stream reminders queued: {count} (sessions within {minutes} min)")
