"""Feedback figures per session, from the answers themselves."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Avg, Count

from events.models import Session

from .models import Feedback, HeardFrom


def sessions_with_feedback():
    """Sessions that received answers, newest first, with their count and mean rating."""
    return (
        Session.objects.annotate(
            answers=Count("bookings__feedback"), average=Avg("bookings__feedback__rating")
        )
        .filter(answers__gt=0)
        .select_related("page")
        .order_by("-start")
    )


@dataclass(frozen=True)
class SessionFeedback:
    answers: int
    average: float | None
    ratings: list[tuple[int, int]]  # (rating, count) for 5 down to 1
    heard_from: list[tuple[str, int]]  # (label, count), most frequent first
    postcodes: list[tuple[str, int]]
    liked: list[str]


def session_feedback(*, session: Session) -> SessionFeedback:
    """Every figure of one session's feedback; the free text without names."""
    answers = list(
        Feedback.objects.filter(booking__session=session)
        .order_by("created_at", "pk")
        .values("rating", "heard_from", "postcode", "liked")
    )
    ratings = Counter(answer["rating"] for answer in answers)
    heard = Counter(answer["heard_from"] for answer in answers)
    labels = dict(HeardFrom.choices)
    postcodes = Counter(answer["postcode"] for answer in answers if answer["postcode"])
    return SessionFeedback(
        answers=len(answers),
        average=(sum(a["rating"] for a in answers) / len(answers)) if answers else None,
        ratings=[(rating, ratings[rating]) for rating in range(5, 0, -1)],
        heard_from=[(labels.get(key, key), count) for key, count in heard.most_common()],
        postcodes=postcodes.most_common(),
        liked=[answer["liked"] for answer in answers if answer["liked"]],
    )


@dataclass(frozen=True)
class SeasonFeedback:
    season: int  # September of ``season`` to August of the next year
    answers: int
    average: float
    heard_from: list[tuple[str, int]]


def seasons_feedback() -> list[SeasonFeedback]:
    """Answers per season (September to August) of the sessions, newest first."""
    from django.utils import timezone

    labels = dict(HeardFrom.choices)
    seasons: dict[int, list[tuple[int, str]]] = {}
    rows = Feedback.objects.values_list("booking__session__start", "rating", "heard_from")
    for start, rating, heard_from in rows:
        day = timezone.localtime(start).date()
        season = day.year if day.month >= 9 else day.year - 1
        seasons.setdefault(season, []).append((rating, heard_from))
    return [
        SeasonFeedback(
            season=season,
            answers=len(answers),
            average=sum(rating for rating, _h in answers) / len(answers),
            heard_from=[
                (labels.get(key, key), count)
                for key, count in Counter(h for _r, h in answers).most_common()
            ],
        )
        for season, answers in sorted(seasons.items(), reverse=True)
    ]
