"""Registering with a verified email, the signed links, watching and voting."""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone

from core import concurrency
from core.mail import send_later

from .exceptions import (
    LinkExpired,
    LinkInvalid,
    NotVerified,
    UnknownFilm,
    ViewingClosed,
    VotingClosed,
)
from .models import CompetitionFilm, CompetitionPage, Viewer, Viewing, Vote

ACCESS_SALT = "festival.access"
WATCH_SALT = "festival.watch"


def viewer_register(*, competition: CompetitionPage, email: str, language: str) -> Viewer:
    """Register ``email`` for the competition (once per address) and email it the
    signed link that confirms the address and opens the films."""
    email = email.strip()
    try:
        with transaction.atomic():
            viewer = Viewer.objects.create(
                competition_key=competition.translation_key, email=email, language=language
            )
    except IntegrityError:
        viewer = Viewer.objects.get(
            competition_key=competition.translation_key, email__iexact=email
        )
        if viewer.language != language:
            viewer.language = language
            viewer.save(update_fields=["language"])
    send_later("festival.emails.access_email_for", viewer_id=viewer.pk)
    return viewer


def access_token(*, viewer: Viewer) -> str:
    return signing.dumps(viewer.pk, salt=ACCESS_SALT, compress=True)


def _loads(token: str, *, salt: str, max_age: timedelta):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.SignatureExpired as error:
        raise LinkExpired from error
    except signing.BadSignature as error:
        raise LinkInvalid from error


def viewer_for_access_token(*, token: str) -> Viewer:
    """The viewer an emailed link was made for; it expires after
    ``FESTIVAL_ACCESS_LINK_DAYS``."""
    viewer_id = _loads(
        token, salt=ACCESS_SALT, max_age=timedelta(days=settings.FESTIVAL_ACCESS_LINK_DAYS)
    )
    viewer = Viewer.objects.filter(pk=viewer_id, anonymised_at__isnull=True).first()
    if viewer is None:
        raise LinkInvalid
    return viewer


def viewer_verify(*, viewer: Viewer, now: datetime | None = None) -> Viewer:
    """The emailed link was opened: the address is confirmed (the first time only)."""
    if viewer.verified_at is None:
        now = now or timezone.now()
        Viewer.objects.filter(pk=viewer.pk, verified_at__isnull=True).update(verified_at=now)
        viewer.refresh_from_db(fields=["verified_at"])
    return viewer


def watch_token(*, viewer: Viewer, film: CompetitionFilm) -> str:
    return signing.dumps({"v": viewer.pk, "f": str(film.key)}, salt=WATCH_SALT, compress=True)


def watch_for_token(*, token: str) -> tuple[Viewer, uuid.UUID]:
    """The viewer and film key of a viewing link; it expires after
    ``FESTIVAL_WATCH_LINK_HOURS``."""
    data = _loads(
        token, salt=WATCH_SALT, max_age=timedelta(hours=settings.FESTIVAL_WATCH_LINK_HOURS)
    )
    try:
        viewer = Viewer.objects.filter(pk=data["v"], anonymised_at__isnull=True).first()
        film_key = uuid.UUID(data["f"])
    except (KeyError, TypeError, ValueError) as error:
        raise LinkInvalid from error
    if viewer is None:
        raise LinkInvalid
    return viewer, film_key


def _film(competition: CompetitionPage, film_key) -> CompetitionFilm:
    film = competition.films.filter(key=film_key).first()
    if film is None:
        raise UnknownFilm
    return film


def viewing_record(
    *, viewer: Viewer, competition: CompetitionPage, film_key, now: datetime | None = None
) -> CompetitionFilm:
    """A verified viewer opens a film during the viewing window: counted once per film."""
    now = now or timezone.now()
    if viewer.verified_at is None:
        raise NotVerified
    if not competition.viewing_open(now):
        raise ViewingClosed
    film = _film(competition, film_key)
    Viewing.objects.get_or_create(
        viewer=viewer, film_key=film.key, defaults={"first_watched_at": now}
    )
    return film


def vote_cast(
    *, viewer: Viewer, competition: CompetitionPage, film_key, now: datetime | None = None
) -> Vote:
    """Record or change the viewer's one vote, until the vote closes.

    One vote per viewer is the database's rule (a unique constraint): two requests of
    the same person at once both find no vote and both insert; the second insert fails
    on the constraint and becomes an update of the vote the first one wrote."""
    now = now or timezone.now()
    if viewer.verified_at is None:
        raise NotVerified
    if not competition.voting_open(now):
        raise VotingClosed
    film = _film(competition, film_key)
    with transaction.atomic():
        vote = Vote.objects.filter(viewer=viewer).first()
        concurrency.between_read_and_write("vote")
        if vote is None:
            vote = _vote_insert(viewer=viewer, film_key=film.key, now=now)
        else:
            Vote.objects.filter(pk=vote.pk).update(film_key=film.key, cast_at=now)
            vote.film_key, vote.cast_at = film.key, now
    return vote


def _vote_insert(*, viewer: Viewer, film_key, now: datetime) -> Vote:
    try:
        with transaction.atomic():
            return Vote.objects.create(viewer=viewer, film_key=film_key, cast_at=now)
    except IntegrityError:
        # Another request of the same person inserted first: change that vote instead.
        Vote.objects.filter(viewer=viewer).update(film_key=film_key, cast_at=now)
        return Vote.objects.get(viewer=viewer)


def viewers_anonymise(*, retention_days: int | None = None, now: datetime | None = None) -> int:
    """Erase the addresses of the people registered to competitions whose vote closed
    ``retention_days`` ago; what they watched and voted for stays, without a name.
    Returns how many were anonymised; running it again does nothing."""
    if retention_days is None:
        retention_days = settings.PERSONAL_DATA_RETENTION_DAYS
    now = now or timezone.now()
    closed = CompetitionPage.objects.filter(
        vote_closes__lt=now - timedelta(days=retention_days)
    ).values("translation_key")
    due = Viewer.objects.filter(anonymised_at__isnull=True, competition_key__in=closed)
    count = 0
    with transaction.atomic():
        for viewer_id in due.select_for_update().values_list("pk", flat=True):
            Viewer.objects.filter(pk=viewer_id).update(
                email=f"anonymised-{viewer_id}@invalid.invalid", anonymised_at=now
            )
            count += 1
    return count
