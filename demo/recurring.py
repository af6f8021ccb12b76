"""A season of recurring Wednesdays for the demo: the family matinee, every Wednesday
at 14:30 for twelve weeks but the Christmas holidays, entered as staff enter a season
in one step (``events.recurrence``); a few of its sessions booked, the first one full
with a waiting list, so that both month calendars have something to show.

Run again, the sessions are updated in place (``session_list``): their UIDs survive and
nothing is added twice.
"""

import random
from datetime import date, time, timedelta

from django.utils import timezone

from events.bookings import Booking
from events.models import ScreeningDirector, ScreeningPage, Session
from events.recurrence import Season

from . import images
from .sections import poster_alt
from .writers import counted_once, session_list, upsert_page, upsert_translation

FR, EN = 0, 1
WEEKS = 12
PLACES = 40
TITLE = ("Ciné-goûter du mercredi", "Wednesday family matinee")
SLUG = ("cine-gouter", "family-matinee")
# The first sessions' bookings, as a share of the places (above 1: a waiting list).
FILL = [1.15, 0.6, 0.25]


def matinee_season(today: date) -> Season:
    first = today + timedelta(days=(2 - today.weekday()) % 7 or 7)
    last = first + timedelta(weeks=WEEKS - 1)
    holidays = {
        first + timedelta(weeks=n)
        for n in range(WEEKS)
        if (first + timedelta(weeks=n)).strftime("%m-%d") >= "12-20"
        or (first + timedelta(weeks=n)).strftime("%m-%d") <= "01-03"
    }
    return Season(
        first_day=first,
        last_day=last,
        weekdays=frozenset({2}),
        at=time(14, 30),
        duration=timedelta(minutes=90),
        skip=frozenset(holidays),
    )


def build_wednesday_season(builder) -> None:
    index_fr, _index_en = builder.pages["programme"]
    venue = builder.venues[builder.plan.screenings[0].session.venue]
    season = matinee_season(timezone.localdate())
    poster = builder.images.get(
        key="poster-cine-gouter",
        title=f"Affiche — {TITLE[FR]}",
        alt=poster_alt(TITLE, FR),
        draw=images.poster,
    )
    texts = [
        {
            "title": TITLE[lang],
            "film_title": TITLE[lang],
            "image_alt_text": poster_alt(TITLE, lang),
            "summary": (
                "Un film court pour les enfants dès 6 ans, puis un goûter.",
                "A short film for children from 6, then an afternoon snack.",
            )[lang],
            "synopsis": (
                "<p>Chaque mercredi, un programme de courts métrages d’animation, "
                "et le goûter ensemble.</p>",
                "<p>Every Wednesday, a programme of animated shorts, and a snack together.</p>",
            )[lang],
            "country": ("France", "France")[lang],
            "age_guidance": ("dès 6 ans", "from 6")[lang],
        }
        for lang in (FR, EN)
    ]
    common = {"image": poster, "audience": "families", "runtime": 45, "version": "vf"}
    specs = [
        {"start": start, "end": start + season.duration, "venue": venue, "places": PLACES}
        for start in season.starts()
    ]
    fr = upsert_page(
        index_fr,
        ScreeningPage,
        slug=SLUG[FR],
        fields={**common, **texts[FR]},
        children={
            "directors": [ScreeningDirector(name="Collectif Fabrique")],
            "sessions": lambda page: session_list(page, specs),
        },
    )
    en = upsert_translation(
        fr,
        builder.en,
        slug=SLUG[EN],
        fields={**common, **texts[EN]},
        children={"directors": [ScreeningDirector(name="Collectif Fabrique")]},
    )
    builder.pages["season-matinee"] = (fr, en)
    sessions = Session.objects.filter(page=fr).order_by("start")
    made = 0
    for n, (session, share) in enumerate(zip(sessions, FILL, strict=False)):
        if not session.bookings.exists():
            made += _book(session, share, random.Random(f"{builder.plan.seed}:matinee:{n}"))
    builder.log(f"Season: {len(specs)} Wednesdays at 14:30 (fr + en), {made} bookings")


def _book(session: Session, share: float, rng: random.Random) -> int:
    """Families of two to four up to ``share`` of the places; the rest wait."""
    wanted, booked, made = round(session.places * share), 0, 0
    confirmed = session.booked_seats  # what is held already counts
    with counted_once(session) as save:
        while booked < wanted:
            seats = rng.choice([2, 2, 3, 4])
            full = confirmed + seats > session.places
            made += 1
            save(
                Booking(
                    session=session,
                    first_name=rng.choice(["Awa", "Jules", "Lina", "Noé", "Rose"]),
                    last_name=rng.choice(["Benali", "Dupuis", "Keita", "Moreau"]),
                    email=f"famille.{session.pk}.{made}@example.org",
                    seats=seats,
                    status=Booking.Status.WAITLISTED if full else Booking.Status.CONFIRMED,
                    language="en" if rng.random() < 0.2 else "fr",
                    terms_accepted_at=timezone.now(),
                    confirmed_at=None if full else timezone.now(),
                )
            )
            booked += seats
            if not full:
                confirmed += seats
    return made
