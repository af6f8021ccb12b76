from django.core.management.base import BaseCommand

from feedback.services import feedback_requests_send


class Command(BaseCommand):
    help = (
        "Email each person who came to a session that ended yesterday (the people "
        "checked in, or every confirmed booking when nobody was checked in) a link to "
        "a short feedback form; each booking once. Run daily, in the morning."
    )

    def handle(self, *args, **options):
        count = feedback_requests_send()
        self.stdout.write(f"Feedback requests queued: {count}")
