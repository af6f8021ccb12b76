"""The online festival of the demo: a competition open for votes, five films in French
and English, and some audience who registered, watched and voted.

Its dates follow the day of the seed (films online since three days ago, the vote
closing in about three weeks), so the demo always shows a competition open for votes.
The films play the archive's demo loop, with captions in both languages.
"""

from datetime import datetime, time, timedelta

from django.utils import timezone

from events.models import ScreeningPage, Session
from festival.models import CompetitionFilm, CompetitionPage, Viewer, Viewing, Vote

from .archive import VIDEO, demo_document, webvtt
from .content.festival import AUDIENCE, COMPETITION, FILMS
from .writers import upsert_page, upsert_translation

FR, EN = 0, 1


def at(day, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def build_festival(builder) -> None:
    home_fr, _home_en = builder.pages["home"]
    today = timezone.localdate()
    dates = {
        "viewing_opens": at(today - timedelta(days=3), 10),
        "viewing_closes": at(today + timedelta(days=18), 23),
        "vote_closes": at(today + timedelta(days=19), 20),
    }
    video = demo_document(
        title="Archives — vidéo de démonstration",
        name="archive-demo.webm",
        data=VIDEO.read_bytes(),
    )
    data = COMPETITION

    night = closing_night(builder, after=dates["vote_closes"] - timedelta(days=1))

    def fields(lang: int) -> dict:
        return {
            **dates,
            "closing_night": night,
            "title": data["title"][lang],
            "search_description": data["seo"][lang],
            "introduction": data["introduction"][lang],
            "jury_prizes": data["jury_prizes"][lang],
            "show_in_menus": True,
        }

    def films(lang: int, keys: list | None = None):
        def rows(page) -> list[CompetitionFilm]:
            existing = list(page.films.all()) if page.pk else []
            result = []
            for index, item in enumerate(FILMS):
                film = existing[index] if index < len(existing) else CompetitionFilm()
                film.sort_order = index
                film.title = item["title"][lang]
                film.director = item["director"]
                film.duration = item["duration"]
                film.synopsis = item["synopsis"][lang]
                film.video_file = video
                film.captions_fr, film.captions_en = captions[index]
                if keys:
                    film.key = keys[index]
                result.append(film)
            return result

        return rows

    captions = [
        tuple(
            demo_document(
                title=f"Sous-titres {code} — {item['title'][FR]}",
                name=f"competition-{index}-{code}.vtt",
                data=webvtt([item["synopsis"][lang]]).encode(),
            )
            for lang, code in ((FR, "fr"), (EN, "en"))
        )
        for index, item in enumerate(FILMS)
    ]
    fr = upsert_page(
        home_fr,
        CompetitionPage,
        slug=data["slug"][FR],
        fields=fields(FR),
        children={"films": films(FR)},
    )
    keys = [film.key for film in fr.films.all()]
    en = upsert_translation(
        fr,
        builder.en,
        slug=data["slug"][EN],
        fields=fields(EN),
        children={"films": films(EN, keys)},
    )
    builder.pages["competition"] = (fr, en)
    build_audience(fr, keys, opened=dates["viewing_opens"])
    builder.log(f"Festival: a competition open for votes, {len(FILMS)} films (fr + en)")


def closing_night(builder, *, after: datetime) -> ScreeningPage | None:
    """The first screening of the demo's programme on or after the vote's last day: its
    session in the room is the closing night."""
    keys = Session.objects.filter(start__gte=after).order_by("start").values_list("event_key")
    for (key,) in keys:
        page = ScreeningPage.objects.live().filter(locale=builder.fr, translation_key=key).first()
        if page is not None:
            return page
    return None


def build_audience(page: CompetitionPage, keys: list, *, opened: datetime) -> None:
    """Some people registered, confirmed, watched one film and voted for another."""
    for number, (watched, voted) in enumerate(AUDIENCE):
        viewer, _created = Viewer.objects.update_or_create(
            competition_key=page.translation_key,
            email=f"spectateur{number}@example.org",
            defaults={"language": "en" if number % 3 == 2 else "fr", "verified_at": opened},
        )
        Viewing.objects.get_or_create(
            viewer=viewer, film_key=keys[watched], defaults={"first_watched_at": opened}
        )
        Vote.objects.update_or_create(
            viewer=viewer, defaults={"film_key": keys[voted], "cast_at": opened}
        )
