from django.conf import settings
from django.core.management.base import BaseCommand

from events.reminders import day_reminders_send, stream_reminders_send


class Command(BaseCommand):
    help = (
        "Remind each person holding a place (bookings, workshop registrations, accepted "
        "trainees) DAY_REMINDER_HOURS (default 24) before the session, and email the "
        "stream link of online and hybrid sessions to each confirmed booking "
        "STREAM_REMINDER_MINUTES (default 60) before the start; each once. "
        "Run every few minutes (cron or timer)."
    )

    def handle(self, *args, **options):
        day = day_reminders_send()
        hours = settings.DAY_REMINDER_HOURS
        self.stdout.write(f"Day-before reminders queued: {day} (sessions within {hours} h)")
        count = stream_reminders_send()
        minutes = settings.STREAM_REMINDER_MINUTES
        self.stdout.write(f"Stream reminders queued: {count} (sessions within {minutes} min)")
