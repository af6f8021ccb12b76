"""The request form of the room lent to filmmakers, posted to its page (like
``training.views``): the form checks the shape, ``premieres.services`` the rules; a
success redirects (PRG) to the page, which then thanks the requester."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.translation import gettext as _

from core.ratelimit import form_post_limited

from . import services
from .exceptions import DatesInPast
from .forms import RoomRequestForm

RECEIVED_TAG = "room-request-received"


def room_request_context(request, *, form=None) -> dict:
    received = False
    notices = []
    if not getattr(request, "is_preview", False):
        notices = list(messages.get_messages(request))
        received = any(RECEIVED_TAG in notice.tags for notice in notices)
    if form is None and not received:
        form = RoomRequestForm()
    return {"room_form": form, "room_notices": notices, "room_request_received": received}


def _rerender(request, page, form, *, status):
    context = page.get_context(request, room_form=form)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def room_request_post(request, *, page):
    form = RoomRequestForm(request.POST)
    if form_post_limited(request, scope="room-request"):
        form.is_valid()
        form.add_error(
            None,
            _("Too many attempts from your connection. Please wait a few minutes and try again."),
        )
        return _rerender(request, page, form, status=429)
    if not form.is_valid():
        return _rerender(request, page, form, status=400)
    data = {k: v for k, v in form.cleaned_data.items() if k != "website"}
    try:
        services.room_request_submit(language=translation.get_language(), **data)
    except DatesInPast as error:
        form.add_error("wished_from", str(error))
        return _rerender(request, page, form, status=400)
    messages.success(
        request,
        _("Thank you: your request is recorded. We will answer by email."),
        extra_tags=RECEIVED_TAG,
    )
    return HttpResponseRedirect(page.url + "#room-request")
