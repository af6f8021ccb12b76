"""What the demo contains, decided from a seed and today's date, without the database.

Every random choice is made here, in a fixed order, from one ``random.Random(seed)``,
so the same seed gives the same site whatever the database already holds.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils.text import slugify

from . import content

PARIS = ZoneInfo("Europe/Paris")
SCREENINGS = 8
SCREENING_TIME = time(20, 0)
WEDNESDAY = 2


@dataclass(frozen=True)
class SessionPlan:
    start: datetime
    end: datetime
    venue: str
    places: int
    note: tuple[str, str] = ("", "")


@dataclass
class ResidentPlan:
    data: dict
    slug: str
    featured: bool
    link: tuple[str, str]
    public_email: str
    seeking: dict[str, bool]
    seeking_details: tuple[str, str]


@dataclass
class ScreeningPlan:
    data: dict
    director: str
    resident_slug: str | None
    session: SessionPlan
    sdh_subtitles: bool
    audio_description: bool
    wheelchair_places: int


@dataclass
class CoursePlan:
    data: dict
    sessions: list[SessionPlan]
    deadline: datetime | None = None


@dataclass
class DemoPlan:
    seed: int
    residents: list[ResidentPlan] = field(default_factory=list)
    screenings: list[ScreeningPlan] = field(default_factory=list)
    workshops: list[CoursePlan] = field(default_factory=list)
    trainings: list[CoursePlan] = field(default_factory=list)


def at_paris(day: date, at: time) -> datetime:
    """An aware datetime for a wall-clock time in Paris (daylight saving included)."""
    return datetime.combine(day, at, tzinfo=PARIS)


def next_wednesdays(now: datetime, count: int) -> list[datetime]:
    """The next ``count`` Wednesdays at 20:00 Paris time that are still to come."""
    local = now.astimezone(PARIS)
    day = local.date() + timedelta(days=(WEDNESDAY - local.weekday()) % 7)
    if at_paris(day, SCREENING_TIME) <= now:
        day += timedelta(days=7)
    return [at_paris(day + timedelta(weeks=i), SCREENING_TIME) for i in range(count)]


def weekly(now: datetime, schedule: dict) -> list[datetime]:
    """Weekly starts on ``schedule['weekday']``, the first some weeks from now."""
    today = now.astimezone(PARIS).date()
    ahead = (schedule["weekday"] - today.weekday()) % 7 or 7
    first = today + timedelta(days=ahead, weeks=schedule["weeks_ahead"] - 1)
    at = time(schedule["hour"], 0)
    return [at_paris(first + timedelta(weeks=i), at) for i in range(schedule["count"])]


_SEEKING_TEXT = {
    "partners": ("un coproducteur ou un diffuseur", "a co-producer or a broadcaster"),
    "crew": ("une ou un assistant de réalisation", "an assistant director"),
    "funding": ("des financements pour finir le film", "funding to finish the film"),
}


def _seeking_details(flags: dict[str, bool]) -> tuple[str, str]:
    wanted = [_SEEKING_TEXT[name] for name, on in flags.items() if on]
    if not wanted:
        return ("", "")
    fr = "Nous cherchons " + ", ".join(w[0] for w in wanted) + "."
    en = "We are looking for " + ", ".join(w[1] for w in wanted) + "."
    return (fr, en)


def make_plan(*, seed: int, now: datetime) -> DemoPlan:
    rng = random.Random(seed)
    plan = DemoPlan(seed=seed)

    featured = set(rng.sample(range(len(content.RESIDENTS)), 6))
    for i, data in enumerate(content.RESIDENTS):
        slug = slugify(data["name"])
        flags = {name: rng.random() < 0.45 for name in ("partners", "crew", "funding")}
        if not any(flags.values()):
            flags[rng.choice(sorted(flags))] = True
        label = rng.choice(["Site", "Vimeo", "Instagram"])
        urls = {
            "Site": f"https://{slug}.example",
            "Vimeo": f"https://vimeo.com/{slug}",
            "Instagram": f"https://instagram.com/{slug.replace('-', '.')}",
        }
        plan.residents.append(
            ResidentPlan(
                data=data,
                slug=slug,
                featured=i in featured,
                link=(label, urls[label]),
                public_email=f"{slug}@fabrique.example" if rng.random() < 0.6 else "",
                seeking=flags,
                seeking_details=_seeking_details(flags),
            )
        )

    films = rng.sample(content.FILMS, SCREENINGS)
    directors = [r.slug for r in plan.residents if r.data["directs"]]
    rng.shuffle(directors)
    linked = 0
    for film, start in zip(films, next_wednesdays(now, SCREENINGS), strict=True):
        resident_slug = None
        director = film["director"]
        if film.get("resident_ok", True) and directors and (linked < 2 or rng.random() < 0.4):
            resident_slug = directors.pop()
            director = next(r.data["name"] for r in plan.residents if r.slug == resident_slug)
            linked += 1
        end = start + timedelta(minutes=film["runtime"] + (30 if film["note"][0] else 15))
        plan.screenings.append(
            ScreeningPlan(
                data=film,
                director=director,
                resident_slug=resident_slug,
                session=SessionPlan(
                    start=start,
                    end=end,
                    venue="salle",
                    places=rng.choice([60, 80, 80, 100]),
                    note=film["note"],
                ),
                sdh_subtitles=rng.random() < 0.5,
                audio_description=rng.random() < 0.25,
                wheelchair_places=4,
            )
        )

    for data in content.WORKSHOPS:
        starts = weekly(now, data["schedule"])
        minutes = data["schedule"]["minutes"]
        plan.workshops.append(
            CoursePlan(
                data=data,
                sessions=[
                    SessionPlan(
                        start=start,
                        end=start + timedelta(minutes=minutes),
                        venue=data["venue"],
                        places=data["places"],
                        note=_part(i, len(starts)),
                    )
                    for i, start in enumerate(starts)
                ],
            )
        )

    for data in content.TRAININGS:
        starts = weekly(now, data["schedule"])
        minutes = data["schedule"]["minutes"]
        deadline_day = starts[0].date() - timedelta(days=data["deadline_days_before"])
        plan.trainings.append(
            CoursePlan(
                data=data,
                sessions=[
                    SessionPlan(
                        start=start,
                        end=start + timedelta(minutes=minutes),
                        venue="studio",
                        places=data["places"],
                        note=_part(i, len(starts)),
                    )
                    for i, start in enumerate(starts)
                ],
                deadline=at_paris(deadline_day, time(23, 59)),
            )
        )
    return plan


def _part(index: int, count: int) -> tuple[str, str]:
    if count == 1:
        return ("", "")
    return (f"Séance {index + 1} sur {count}", f"Session {index + 1} of {count}")
