"""What the competition shows: its page in a language, the ranking, the figures."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count
from wagtail.models import Locale

from .models import CompetitionFilm, CompetitionPage, Viewer, Viewing, Vote


def competition_for(*, viewer: Viewer, language: str) -> CompetitionPage | None:
    """The live competition page the viewer registered on, in ``language`` if it has
    been translated into it."""
    pages = CompetitionPage.objects.live().filter(translation_key=viewer.competition_key)
    locale = Locale.objects.filter(language_code=language).first()
    return (locale and pages.filter(locale=locale).first()) or pages.first()


def viewer_vote(*, viewer: Viewer) -> Vote | None:
    return Vote.objects.filter(viewer=viewer).first()


@dataclass(frozen=True)
class RankedFilm:
    film: CompetitionFilm
    votes: int
    rank: int


def audience_ranking(*, competition: CompetitionPage) -> list[RankedFilm]:
    """The films by number of votes, most first; films with as many votes share a rank."""
    counts = dict(
        Vote.objects.filter(viewer__competition_key=competition.translation_key)
        .values_list("film_key")
        .annotate(n=Count("pk"))
    )
    films = sorted(competition.films.all(), key=lambda f: (-counts.get(f.key, 0), f.sort_order))
    ranked, previous, rank = [], None, 0
    for position, film in enumerate(films, start=1):
        votes = counts.get(film.key, 0)
        if votes != previous:
            rank, previous = position, votes
        ranked.append(RankedFilm(film=film, votes=votes, rank=rank))
    return ranked


@dataclass(frozen=True)
class FilmFigures:
    title: str
    viewers: int
    votes: int


@dataclass(frozen=True)
class CompetitionFigures:
    title: str
    registered: int
    verified: int
    films: list[FilmFigures]


def competition_figures(*, start: datetime, end: datetime) -> list[CompetitionFigures]:
    """For the impact dashboard: per competition whose films opened between ``start``
    and ``end`` (its page in the default language), the people registered and those who
    confirmed their address, and per film its online viewers and votes."""
    default = Locale.get_default()
    pages = list(
        CompetitionPage.objects.filter(
            locale=default, viewing_opens__gte=start, viewing_opens__lt=end
        ).order_by("viewing_opens")
    )
    keys = [page.translation_key for page in pages]
    viewers = dict(
        Viewer.objects.filter(competition_key__in=keys)
        .values_list("competition_key")
        .annotate(n=Count("pk"))
    )
    verified = dict(
        Viewer.objects.filter(competition_key__in=keys, verified_at__isnull=False)
        .values_list("competition_key")
        .annotate(n=Count("pk"))
    )
    watched = {
        (row["viewer__competition_key"], row["film_key"]): row["n"]
        for row in Viewing.objects.filter(viewer__competition_key__in=keys)
        .values("viewer__competition_key", "film_key")
        .annotate(n=Count("pk"))
    }
    voted = {
        (row["viewer__competition_key"], row["film_key"]): row["n"]
        for row in Vote.objects.filter(viewer__competition_key__in=keys)
        .values("viewer__competition_key", "film_key")
        .annotate(n=Count("pk"))
    }
    films = {}
    for film in CompetitionFilm.objects.filter(page__in=pages).order_by("sort_order"):
        films.setdefault(film.page_id, []).append(film)
    return [
        CompetitionFigures(
            title=page.title,
            registered=viewers.get(page.translation_key, 0),
            verified=verified.get(page.translation_key, 0),
            films=[
                FilmFigures(
                    title=film.title,
                    viewers=watched.get((page.translation_key, film.key), 0),
                    votes=voted.get((page.translation_key, film.key), 0),
                )
                for film in films.get(page.pk, [])
            ],
        )
        for page in pages
    ]
