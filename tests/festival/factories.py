"""Factories for the online festival: a competition page and its films."""

from datetime import timedelta

import wagtail_factories
from django.core.files.base import ContentFile

from festival.models import CompetitionFilm, CompetitionPage
from tests.archive.factories import DocumentFactory, webvtt
from tests.conftest import NOW


class CompetitionPageFactory(wagtail_factories.PageFactory):
    title = "Compétition de courts métrages"
    slug = "competition"
    introduction = "Six courts métrages en ligne, un vote du public, une soirée de clôture."
    viewing_opens = NOW - timedelta(days=1)
    viewing_closes = NOW + timedelta(days=5)
    vote_closes = NOW + timedelta(days=6)
    jury_prizes = "<p>Grand prix du jury : <b>La Presse</b>.</p>"

    class Meta:
        model = CompetitionPage


def film(page, title: str, director: str, **kwargs) -> CompetitionFilm:
    """A film of ``page``: a WebM file served by the site with French captions, unless
    a ``video_url`` is given."""
    if "video_url" not in kwargs:
        kwargs.setdefault(
            "video_file",
            DocumentFactory(title=title, file=ContentFile(b"\x1aE\xdf\xa3 film", name="film.webm")),
        )
        kwargs.setdefault(
            "captions_fr",
            DocumentFactory(file=ContentFile(webvtt("Bonjour").encode(), name="fr.vtt")),
        )
    return CompetitionFilm.objects.create(
        page=page, title=title, director=director, synopsis=f"Synopsis de {title}.", **kwargs
    )
