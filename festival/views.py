"""The competition's own URLs: registering, the emailed link (confirming the address,
the films and the vote) and the signed viewing links."""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from core.document_serving import sendfile
from core.ratelimit import form_post_limited

from . import selectors, services
from .exceptions import (
    FestivalError,
    LinkExpired,
    LinkInvalid,
    NotVerified,
    UnknownFilm,
    ViewingClosed,
    VotingClosed,
)
from .forms import RegistrationForm, VoteForm
from .models import CompetitionPage

STATUS = {
    LinkInvalid: 404,
    LinkExpired: 410,
    UnknownFilm: 404,
    NotVerified: 403,
    ViewingClosed: 403,
    VotingClosed: 403,
}


def _private(response):
    # The token is in the URL: never let it leak to another site through Referer.
    response["Referrer-Policy"] = "same-origin"
    return response


def _refused(request, error: FestivalError, *, page=None):
    return _private(
        render(
            request,
            "festival/refused.html",
            {"error": error, "competition": page},
            status=STATUS.get(type(error), 400),
        )
    )


@require_http_methods(["GET", "HEAD", "POST"])
def competition_register(request, page_id: int):
    """The registration form of a competition page: the confirmation link is emailed.
    Opened as a link, it leads to the form."""
    page = CompetitionPage.objects.live().filter(pk=page_id).first()
    if page is None:
        raise Http404
    if request.method != "POST":
        return HttpResponseRedirect(page.url + "#register")
    form = RegistrationForm(request.POST)
    status = 400
    if not page.registration_open():
        form.is_valid()
        form.add_error(None, _("The competition is over: registrations are closed."))
        status = 403
    elif form_post_limited(request, scope="festival"):
        form.is_valid()
        form.add_error(
            None,
            _("Too many attempts from your connection. Please wait a few minutes and try again."),
        )
        status = 429
    elif form.is_valid():
        services.viewer_register(
            competition=page,
            email=form.cleaned_data["email"],
            language=translation.get_language(),
        )
        return render(request, "festival/registered.html", {"page": page})
    response = TemplateResponse(
        request,
        page.get_template(request),
        {**page.get_context(request), "form": form},
        status=status,
    )
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def competition_access(request, token: str):
    """The page the emailed link opens: the address is confirmed, then the films with
    their viewing links and the vote, in the language of the link."""
    try:
        viewer = services.viewer_for_access_token(token=token)
    except (LinkInvalid, LinkExpired) as error:
        return _refused(request, error)
    page = selectors.competition_for(viewer=viewer, language=translation.get_language())
    if page is None:
        return _refused(request, LinkInvalid())
    services.viewer_verify(viewer=viewer)
    films = list(page.films.all())
    form = VoteForm(request.POST or None, films=films)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.vote_cast(
                    viewer=viewer, competition=page, film_key=form.cleaned_data["film"]
                )
            except FestivalError as error:
                return _refused(request, error, page=page)
            messages.success(
                request, _("Your vote is recorded. You can change it until the vote closes.")
            )
            return _private(HttpResponseRedirect(request.path))
        status = 400
    vote = selectors.viewer_vote(viewer=viewer)
    if vote is not None and not form.is_bound:
        form = VoteForm(initial={"film": str(vote.film_key)}, films=films)
    context = {
        "page": page,
        "viewer": viewer,
        "form": form,
        "vote": vote,
        "voted_film": next((f for f in films if vote and f.key == vote.film_key), None),
        "films": [(film, services.watch_token(viewer=viewer, film=film)) for film in films],
        "viewing_open": page.viewing_open(),
        "voting_open": page.voting_open(),
        "ranking": selectors.audience_ranking(competition=page)
        if page.results_published()
        else None,
    }
    return _private(render(request, "festival/access.html", context, status=status))


def _watched(request, token: str, *, record: bool):
    viewer, film_key = services.watch_for_token(token=token)
    page = selectors.competition_for(viewer=viewer, language=translation.get_language())
    if page is None:
        raise LinkInvalid
    if record:
        film = services.viewing_record(viewer=viewer, competition=page, film_key=film_key)
    else:
        if viewer.verified_at is None:
            raise NotVerified
        if not page.viewing_open():
            raise ViewingClosed
        film = page.films.filter(key=film_key).first()
        if film is None:
            raise UnknownFilm
    return viewer, page, film


@never_cache
@require_safe
def film_watch(request, token: str):
    """A film through its signed viewing link: the player, and the vote a click away."""
    try:
        viewer, page, film = _watched(request, token, record=True)
    except FestivalError as error:
        return _refused(request, error)
    context = {
        "page": page,
        "film": film,
        "token": token,
        "access_token": services.access_token(viewer=viewer),
    }
    return _private(render(request, "festival/watch.html", context))


@never_cache
@require_safe
def film_video(request, token: str):
    """The film's file itself, served only through a valid viewing link."""
    try:
        _viewer, _page, film = _watched(request, token, record=False)
    except FestivalError as error:
        return _refused(request, error)
    if film.video_file is None:
        raise Http404
    document = film.video_file
    if settings.DOCUMENTS_ACCEL_REDIRECT:
        # Behind nginx, as every document: nginx sends the file, with byte ranges for
        # seeking, and no application thread is held for the length of a film.
        response = sendfile(request, document.file.path)
        response["Content-Type"] = _video_type(document)
    else:
        response = FileResponse(document.file.open("rb"), content_type=_video_type(document))
    return _private(response)


def _video_type(document) -> str:
    return {"webm": "video/webm", "mp4": "video/mp4"}.get(
        document.file_extension, "application/octet-stream"
    )
