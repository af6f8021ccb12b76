"""Newsletter subscribers for the demo: confirmed ones in both languages, one waiting
for confirmation, one who left; and a programme letter ready to preview and send."""

from datetime import timedelta

from django.utils import timezone

from newsletter.models import ProgrammeLetter, Subscriber

SUBSCRIBERS = [
    ("lea.martin@example.org", "fr", Subscriber.Status.SUBSCRIBED, Subscriber.Source.FORM),
    ("karim.benali@example.org", "fr", Subscriber.Status.SUBSCRIBED, Subscriber.Source.BOOKING),
    ("sophie.dubois@example.org", "fr", Subscriber.Status.SUBSCRIBED, Subscriber.Source.FORM),
    ("jane.doe@example.org", "en", Subscriber.Status.SUBSCRIBED, Subscriber.Source.FORM),
    ("tom.wright@example.org", "en", Subscriber.Status.PENDING, Subscriber.Source.FORM),
    ("paul.leroy@example.org", "fr", Subscriber.Status.UNSUBSCRIBED, Subscriber.Source.BOOKING),
]

LETTER = {
    "subject_fr": "Le programme des prochaines semaines",
    "subject_en": "What is on in the coming weeks",
    "introduction_fr": (
        "Bonjour,\n\nVoici les séances, ateliers et formations à venir à la fabrique."
    ),
    "introduction_en": (
        "Hello,\n\nHere are the screenings, workshops and training to come at the fabrique."
    ),
    "days": 30,
}


def build_newsletter() -> None:
    """Idempotent: the same addresses and one unsent letter, however often it runs."""
    day = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    for index, (email, language, status, source) in enumerate(SUBSCRIBERS):
        requested = day - timedelta(days=60 - index * 7)
        Subscriber.objects.update_or_create(
            email_key=email,
            defaults={
                "email": email,
                "language": language,
                "status": status,
                "source": source,
                "requested_at": requested,
                "confirmed_at": None
                if status == Subscriber.Status.PENDING
                else requested + timedelta(hours=1),
                "unsubscribed_at": requested + timedelta(days=20)
                if status == Subscriber.Status.UNSUBSCRIBED
                else None,
            },
        )
    if not ProgrammeLetter.objects.filter(subject_fr=LETTER["subject_fr"]).exists():
        ProgrammeLetter.objects.create(**LETTER)
