"""The rest of what the demo's dashboard shows beside the screenings: a workshop session
held in the last weeks by each workshop with children registered, applications to the
training modules, and donations received since the start of the season.

Each part is made once (skipped when already there), so running the seed again changes
nothing; the people are drawn from the seed.
"""

import random
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from donations.models import Donation, Payment
from events.models import Session
from training.models import Application
from workshops.registrations import Registration

from .writers import session_list

CHILDREN = ["Adam", "Alice", "Chloé", "Idris", "Jade", "Léon", "Lina", "Malo", "Nael", "Rose"]
GUARDIANS = ["Bernard", "Diallo", "Haddad", "Lefèvre", "Nguyen", "Rossi", "Traoré"]
MOTIVATION = {
    "fr": "Je monte des courts métrages en autodidacte et voudrais apprendre le métier.",
    "en": "I edit short films on my own and would like to learn the trade properly.",
}
FR = 0  # index of French in the content's pairs
DONATION_MARK = "@dons.example.org"  # the demo's donors, so that they are made once
AMOUNTS = [1000, 1500, 2000, 2000, 2500, 3000, 5000, 5000, 10000]


def build_outcomes(builder) -> None:
    rng = random.Random(f"{builder.plan.seed}:outcomes")
    children = sum(_past_workshop(builder, item, rng) for item in builder.plan.workshops)
    applications = sum(_applications(builder, item, rng) for item in builder.plan.trainings)
    payments = _donations(rng, today=timezone.localdate())
    builder.log(
        f"Dashboard: {children} children in past workshops, {applications} training "
        f"applications, {payments} donation payments"
    )


def _past_workshop(builder, item, rng: random.Random) -> int:
    """One session at least a week ago, before the planned ones, nearly full."""
    page = builder.pages[f"workshop-{item.data['slug'][FR]}"][0]
    planned = [s for s in page.sessions.all() if s.start >= timezone.now()]
    if not planned:
        return 0
    first = min(planned, key=lambda s: s.start)
    start = first.start - timedelta(weeks=3)
    while start > timezone.now() - timedelta(days=7):  # a series may start well ahead
        start -= timedelta(weeks=1)
    fields = ("start", "end", "venue", "places", "note", "note_en")
    specs = [{f: getattr(s, f) for f in fields} for s in sorted(planned, key=lambda s: s.start)]
    specs.append(
        {
            **specs[0],
            "start": start,
            "end": start + (first.end - first.start),
            "note": "",
            "note_en": "",
        }
    )
    page.sessions = session_list(page, specs)
    page.save_revision().publish()
    past = Session.objects.get(page_id=page.pk, start=start)
    if past.registrations.exists():
        return 0
    low, high = item.data["age"]
    day = timezone.localtime(start).date()
    count = max(1, round(past.places * rng.uniform(0.7, 1.0)))
    for number in range(count):
        age = rng.randint(low, high)
        guardian = rng.choice(GUARDIANS)
        Registration.objects.create(
            workshop=page,
            session=past,
            covers_series=page.is_series,
            child_first_name=rng.choice(CHILDREN),
            child_birth_date=_birthday(day, age, rng),
            guardian_first_name="Sam",
            guardian_last_name=guardian,
            email=f"famille.{guardian.lower()}.{past.pk}.{number}@example.org",
            phone="06 12 34 56 78",
            participation_consent_at=start - timedelta(days=10),
            image_consent=rng.random() < 0.6,
            status=Registration.Status.CONFIRMED,
            language="en" if rng.random() < 0.15 else "fr",
            confirmed_at=start - timedelta(days=10),
        )
    return count


def _birthday(day: date, age: int, rng: random.Random) -> date:
    """A date of birth that makes the child ``age`` on ``day``."""
    return day.replace(year=day.year - age - 1) + timedelta(days=rng.randint(1, 364))


def _applications(builder, item, rng: random.Random) -> int:
    """More applications than places; the deadline is ahead, so none decided yet."""
    module = builder.pages[f"training-{item.data['slug'][FR]}"][0]
    if Application.objects.filter(module=module).exists():
        return 0
    count = module.places + rng.randint(2, 8)
    for number in range(count):
        language = "en" if rng.random() < 0.2 else "fr"
        status = rng.choice(
            [Application.Status.RECEIVED] * 6
            + [Application.Status.SHORTLISTED] * 3
            + [Application.Status.WITHDRAWN]
        )
        Application.objects.create(
            module=module,
            first_name=rng.choice(CHILDREN),
            last_name=rng.choice(GUARDIANS),
            email=f"candidature.{module.pk}.{number}@example.org",
            motivation=MOTIVATION[language],
            status=status,
            language=language,
        )
    return count


def _donations(rng: random.Random, *, today: date) -> int:
    """Gifts paid since the first of September: one-off gifts, and three monthly donors
    paying on the 5th. One payment refunded (not counted by the figures)."""
    if Donation.objects.filter(email__endswith=DONATION_MARK).exists():
        return 0
    season_start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
    days = (today - season_start).days
    payments = 0
    for number in range(max(4, days // 7)):
        amount = rng.choice(AMOUNTS)
        day = season_start + timedelta(days=rng.randint(0, max(days - 1, 0)))
        paid_at = timezone.make_aware(datetime.combine(day, time(rng.randint(8, 22))))
        donation = _donation(f"don{number}", Donation.Frequency.ONE_OFF, amount, paid_at)
        status = Payment.Status.REFUNDED if number == 1 else Payment.Status.PAID
        Payment.objects.create(donation=donation, amount=amount, status=status, paid_at=paid_at)
        payments += 1
    for number, amount in enumerate([1000, 1500, 3000]):
        first = timezone.make_aware(datetime(season_start.year, 9, 5, 10))
        donation = _donation(f"mensuel{number}", Donation.Frequency.MONTHLY, amount, first)
        month = season_start.replace(day=5)
        while month < today:
            paid_at = timezone.make_aware(datetime(month.year, month.month, 5, 10))
            Payment.objects.create(
                donation=donation, amount=amount, status=Payment.Status.PAID, paid_at=paid_at
            )
            payments += 1
            month = (month + timedelta(days=31)).replace(day=5)
    return payments


def _donation(name: str, frequency: str, amount: int, paid_at) -> Donation:
    return Donation.objects.create(
        frequency=frequency,
        amount=amount,
        status=Donation.Status.PAID,
        first_name=name.capitalize(),
        last_name="Démo",
        email=f"{name}{DONATION_MARK}",
        paid_at=paid_at,
    )
