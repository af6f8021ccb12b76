"""A past season for the demo: a screening on each of the last ten Wednesdays (the
films shown again), each with bookings, check-ins at the door, a waiting list and
audience feedback, so that the attendance dashboard and the feedback reports have
something believable to show.

The past sessions are added beside the page's upcoming one (kept in place, so calendar
UIDs survive); people are drawn from the seed and created once per session. About a
third of the seats go to regulars, who come back from one week to the next (the
dashboard's returning people).
"""

import random
from datetime import timedelta

from django.utils import timezone

from events.bookings import Booking
from events.models import Session
from feedback.models import Feedback, HeardFrom

from .writers import counted_once, session_list

PAST_SCREENINGS = 10
REGULARS = 40  # people who come back; the others come once
FIRST_NAMES = ["Camille", "Inès", "Karim", "Lou", "Mamadou", "Nora", "Paul", "Sofia", "Yanis"]
LAST_NAMES = ["Bernard", "Diallo", "Durand", "Haddad", "Martin", "Nguyen", "Petit", "Roux"]
LIKED = {
    "fr": [
        "Le débat après le film, très vivant.",
        "Découvrir un film que je n’aurais jamais vu ailleurs.",
        "L’accueil, et la séance gratuite.",
        "",
    ],
    "en": ["The discussion after the film.", "A film I would never have seen elsewhere.", ""],
}
RATINGS = [5, 5, 5, 4, 4, 4, 4, 3, 3, 2]


def build_past_season(builder) -> None:
    screenings = [
        builder.pages[key][0] for key in sorted(builder.pages) if key.startswith("screening-")
    ]
    first_upcoming = min(item.session.start for item in builder.plan.screenings)
    # Week 1 is the Wednesday before the first upcoming one; the films come round again.
    past_starts: dict[int, list] = {}
    for weeks in range(1, PAST_SCREENINGS + 1):
        page = screenings[(weeks - 1) % len(screenings)]
        past_starts.setdefault(page.pk, []).append((weeks, first_upcoming - timedelta(weeks=weeks)))
    bookings = answers = 0
    for page in screenings:
        upcoming = [s for s in page.sessions.all() if s.start >= first_upcoming][:1]
        if not upcoming or page.pk not in past_starts:
            continue
        current = upcoming[0]
        fields = ("start", "end", "venue", "places", "note", "note_en")
        specs = [{f: getattr(current, f) for f in fields}]
        for _weeks, start in past_starts[page.pk]:
            specs.append(
                {
                    "start": start,
                    "end": start + (current.end - current.start),
                    "venue": current.venue,
                    "places": current.places,
                    "note": "",
                }
            )
        page.sessions = session_list(page, specs)
        page.save_revision().publish()
        for weeks, start in past_starts[page.pk]:
            past = Session.objects.get(page_id=page.pk, start=start)
            if not past.bookings.exists():
                with counted_once(past) as save:
                    rng = random.Random(f"{builder.plan.seed}:{weeks}")
                    made, answered = _audience(past, rng, save)
                bookings += made
                answers += answered
    builder.log(
        f"Past season: {sum(len(starts) for starts in past_starts.values())} screenings, "
        f"{bookings} bookings, {answers} feedback answers"
    )


def _audience(session, rng: random.Random, save) -> tuple[int, int]:
    """Bookings up to 70–100 % of the places, most checked in, a waiting list when full."""
    target = int(session.places * rng.uniform(0.7, 1.0))
    booked = made = answered = 0
    number = 0
    regulars: set[int] = set()
    while booked < target + rng.randint(0, 8):
        number += 1
        seats = rng.choice([1, 1, 2, 2, 2, 3, 4])
        full = booked + seats > session.places
        language = "en" if rng.random() < 0.2 else "fr"
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        email = f"{first.lower()}.{last.lower()}.{session.pk}.{number}@example.org"
        regular = rng.randrange(REGULARS)
        if rng.random() < 0.35 and regular not in regulars:
            regulars.add(regular)  # a regular books once per session
            first, last = _regular_name(regular)
            email = f"{first.lower()}.{last.lower()}.{regular}@example.org"
        came = not full and rng.random() < 0.82
        # Drawn in the order the demo always drew them: same seed, same audience.
        accepted = session.start - timedelta(days=rng.randint(1, 14))
        arrived = session.start - timedelta(minutes=rng.randint(0, 20)) if came else None
        booking = save(
            Booking(
                session=session,
                first_name=first,
                last_name=last,
                email=email,
                seats=seats,
                status=Booking.Status.WAITLISTED if full else Booking.Status.CONFIRMED,
                language=language,
                terms_accepted_at=accepted,
                confirmed_at=None if full else session.start - timedelta(days=1),
                checked_in_at=arrived,
                no_show=not full and not came and rng.random() < 0.5,
            )
        )
        made += 1
        if full:
            if number > target + 10:
                break
            continue
        booked += seats
        if came and rng.random() < 0.45:
            Feedback.objects.create(
                booking=booking,
                rating=rng.choice(RATINGS),
                liked=rng.choice(LIKED[language]),
                heard_from=rng.choice(HeardFrom.values),
                postcode=rng.choice(["93400", "93400", "93200", "75018", "75017", "92110", ""]),
            )
            answered += 1
    # The request emails were "sent" the morning after.
    from feedback.models import FeedbackRequest

    morning = timezone.localtime(session.start).replace(hour=9, minute=0) + timedelta(days=1)
    for booking in session.bookings.filter(checked_in_at__isnull=False):
        FeedbackRequest.objects.get_or_create(booking=booking, defaults={"sent_at": morning})
    return made, answered


def _regular_name(index: int) -> tuple[str, str]:
    """The same name for the same regular, whatever the session."""
    return FIRST_NAMES[index % len(FIRST_NAMES)], LAST_NAMES[index // len(FIRST_NAMES) % 8]
