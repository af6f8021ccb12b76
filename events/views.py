"""Public booking views: the form on a screening page and the manage-my-booking page.

Views only translate between HTTP and the services: forms check the shape of input,
``events.services`` applies the rules, domain errors become messages on the form.
"""

import re

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe
from wagtail.models import Locale, Page, PageViewRestriction

from core import page_cache
from core.dates import natural_datetime
from core.ratelimit import form_post_limited

from . import booking_rules as rules
from . import services
from .bookings import Booking
from .exceptions import AlreadyBooked, BookingError
from .forms import BookingForm, ReduceSeatsForm, ResendConfirmationForm
from .manage import private, ticket_qr_svg
from .models import ScreeningPage, Session
from .selectors import (
    availability_by_session,
    booking_by_token,
    event_sessions,
    pages_for_events,
    places_left_from_counters,
    waitlist_position,
    waits_for_wheelchair_place,
)


def booking_settings_page(*, page, sessions: list[Session]):
    """The page whose booking settings the services apply: the one the sessions hang
    off (the original language), whichever translation is being visited."""
    owner_id = sessions[0].page_id if sessions else page.pk
    return page if owner_id == page.pk else type(page).objects.get(pk=owner_id)


def event_for_booking(page) -> tuple[list[Session], object]:
    """Every session of the page's event and the page holding its booking settings."""
    sessions = list(event_sessions(event_key=page.translation_key))
    return sessions, booking_settings_page(page=page, sessions=sessions)


def bookable_sessions(*, page, now=None, labelled=True, event=None) -> tuple[list[Session], object]:
    """The event's sessions open for booking now and the page holding the booking
    settings; ``labelled``: each session with ``places_left`` and a label for the form
    (a post only needs to know which sessions may be chosen). ``event``: what
    ``event_for_booking`` gives, when the caller already has it."""
    now = now or timezone.now()
    sessions, owner = event or event_for_booking(page)
    sessions = [
        session
        for session in sessions
        if session.status == Session.Status.SCHEDULED
        and rules.booking_window(
            now=now,
            session_start=session.start,
            opens_at=owner.bookings_open_at,
            closes_at=owner.bookings_close_at,
        )
        == rules.Window.OPEN
    ]
    if labelled:
        label_sessions(sessions, wheelchair_places=offered_wheelchair_places(owner))
    else:
        for session in sessions:
            session.booking_label = ""
    return sessions, owner


def offered_wheelchair_places(page) -> int | None:
    """The wheelchair places each session of the page offers; ``None`` when it offers
    none (the booking form then does not ask for one)."""
    return getattr(page, "wheelchair_places", None) or None


def label_sessions(sessions: list[Session], *, wheelchair_places: int | None = None) -> None:
    """Each session's label in the form. Where places are left, the figure is the page
    cache's marker (filled with the figure of the moment in every answer, so a booking
    does not make the page be built again) inside an element that ``places.js`` updates
    from ``/places/``, with the label's words around ``{n}`` for it."""
    left = availability_by_session(
        session_ids=[s.pk for s in sessions], wheelchair_places=wheelchair_places
    )
    for session in sessions:
        session.places_left, session.wheelchair_left = left.get(session.pk, (0, None))
        when = natural_datetime(session.start)
        if not session.places_left:
            session.booking_label = _("%(when)s — full, waiting list") % {"when": when}
            continue
        if session.wheelchair_left == 0:
            # Said before anyone asks: a wheelchair request for this date will wait.
            words = _("%(when)s — %(count)s places left, no wheelchair place left (waiting list)")
        else:
            words = _("%(when)s — %(count)s places left")
        session.booking_label = format_html(
            '<span data-places-session="{}" data-places-label="{}">{}</span>',
            session.pk,
            words % {"when": when, "count": "{n}"},
            words % {"when": when, "count": page_cache.places_marker(session.pk)},
        )


def _booking_form(page, data=None, *, labelled=True, event=None) -> BookingForm | None:
    sessions, owner = bookable_sessions(page=page, labelled=labelled, event=event)
    if not sessions:
        return None
    form = BookingForm(
        data,
        sessions=sessions,
        max_seats=owner.booking_max_seats,
        wheelchair=offered_wheelchair_places(owner) is not None,
    )
    form.settings_page = owner
    form.labelled = labelled
    return form


def booking_context(request, *, page, form=None) -> dict:
    """What the screening template needs for its booking section."""
    if getattr(request, "is_preview", False):
        return {"booking_form": None}
    return {"booking_form": form if form is not None else _booking_form(page)}


def _rerender(request, page, form, *, status=400, **extra):
    if form is not None and not form.labelled:
        # Shown again: now the dates need their places left.
        label_sessions(
            list(form.sessions.values()),
            wheelchair_places=offered_wheelchair_places(form.settings_page),
        )
        form.fields["session"].choices = [
            (uid, session.booking_label) for uid, session in form.sessions.items()
        ]
    context = page.get_context(request, booking_form=form)
    context.update(extra)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def screening_booking_post(request, *, page, event=None):
    """POST on a screening page: book, or resend a confirmation; then redirect (PRG).
    ``event``: the event's sessions and settings page, when the caller has them."""
    if form_post_limited(request, scope="booking"):
        form = _booking_form(page, request.POST)
        if form is None:
            messages.error(request, _("Bookings for this screening are closed."))
            return HttpResponseRedirect(page.url)
        form.is_valid()
        form.add_error(
            None,
            _("Too many attempts from your connection. Please wait a few minutes and try again."),
        )
        return _rerender(request, page, form, status=429)
    if request.POST.get("action") == "resend":
        return _resend(request, page)
    form = _booking_form(page, request.POST, labelled=False, event=event)
    if form is None:
        messages.error(request, _("Bookings for this screening are closed."))
        return HttpResponseRedirect(page.url)
    if not form.is_valid():
        return _rerender(request, page, form)
    data = form.cleaned_data
    try:
        booking = services.booking_create(
            session=data["session"],
            page=form.settings_page,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            seats=data["seats"],
            wheelchair=data.get("wheelchair", False),
            access_needs=data["access_needs"],
            terms_accepted=data["terms"],
            newsletter=data["newsletter"],
            language=translation.get_language(),
        )
    except AlreadyBooked:
        resend = ResendConfirmationForm(
            initial={"session": data["session"].uid, "email": data["email"]}
        )
        form.add_error("email", _("You are already booked for this date with this email."))
        return _rerender(request, page, form, status=409, resend_form=resend)
    except BookingError as error:
        form.add_error(None, str(error.message))
        return _rerender(request, page, form)
    return HttpResponseRedirect(booking.get_absolute_url())


def _page_to_book(page_id: int):
    """The live screening page (with its locale), the view restrictions of the page and
    its ancestors (one query; Wagtail's own takes two), and its event
    (``event_for_booking``); None: no such page."""
    page = ScreeningPage.objects.live().select_related("locale").filter(pk=page_id).first()
    if page is None:
        return None
    steps = range(Page.steplen, len(page.path) + 1, Page.steplen)
    restrictions = list(
        PageViewRestriction.objects.filter(page__path__in=[page.path[:end] for end in steps])
    )
    return page, restrictions, event_for_booking(page)


def page_to_book(page_id: int):
    """``_page_to_book``, kept in the cache while pages are (``PAGE_CACHE_SECONDS``),
    under the page cache's content version: every publish, unpublish or move of a page
    and every edit of a session, a view restriction or a locale changes it, so an entry
    is never older than a cached page showing the form. One query (the version) instead
    of three. What must be exact is decided in the booking's transaction anyway: the
    claim re-checks the session's status and start on its row."""
    if settings.PAGE_CACHE_SECONDS <= 0:
        return _page_to_book(page_id)
    content = page_cache.CONTENT_VERSION
    version = page_cache.versions_read([content])[content]
    key = f"booking:page-to-book:{page_id}:{version}"
    found = cache.get(key)
    if found is None:
        found = _page_to_book(page_id)
        if found is not None:
            cache.set(key, found, settings.PAGE_CACHE_SECONDS)
    return found


@require_http_methods(["GET", "HEAD", "POST"])
def screening_book(request, page_id: int):
    """The booking form's own URL: the screening page found by id (``page_to_book``),
    instead of Wagtail's walk down the page tree (the rush path). Errors are answered
    with the page itself, in its language, and the form as it was filled in. Opened as
    a link, it leads to the form."""
    found = page_to_book(page_id)
    if found is None:
        raise Http404
    page, restrictions, event = found
    if request.method != "POST":
        return HttpResponseRedirect(page.url + "#booking")
    for restriction in restrictions:
        if not restriction.accept_request(request):
            # The page asks for the password or the sign-in; then the form again.
            return HttpResponseRedirect(page.url)
    with translation.override(page.locale.language_code):
        return screening_booking_post(request, page=page, event=event)


PLACES_IDS = re.compile(r"\d{1,12}(,\d{1,12}){0,49}")
PLACES_SECONDS = 2


@require_safe
def places_left(request, ids: str):
    """``/places/<id>,<id>/``: the places left of some screening sessions, as JSON, for
    ``places.js`` to update a page kept in the page cache. Tiny and cached on its own
    (a couple of seconds here, a few more in browsers and proxies): a rush asks for it
    often and it never makes a page be built."""
    if not PLACES_IDS.fullmatch(ids):
        raise Http404
    key = f"places-left:{ids}"
    left = cache.get(key)
    if left is None:
        found = places_left_from_counters(int(pk) for pk in ids.split(","))
        left = {str(pk): count for pk, count in sorted(found.items())}
        cache.set(key, left, PLACES_SECONDS)
    response = JsonResponse({"places": left})
    patch_cache_control(response, public=True, max_age=5)
    return response


def _resend(request, page):
    form = ResendConfirmationForm(request.POST)
    if form.is_valid():
        session = Session.objects.filter(
            uid=form.cleaned_data["session"], event_key=page.translation_key
        ).first()
        if session is not None:
            services.booking_resend_confirmation(session=session, email=form.cleaned_data["email"])
            messages.success(request, _("We have sent the confirmation again. Check your inbox."))
            return HttpResponseRedirect(page.url + "#booking")
    messages.error(request, _("The confirmation could not be sent again."))
    return HttpResponseRedirect(page.url + "#booking")


def _localized_page(session: Session):
    locale = Locale.get_active()
    page = pages_for_events(event_keys={session.event_key}, locale=locale).get(session.event_key)
    return page or session.page.specific


def _booking_or_404(token: str) -> Booking:
    booking = booking_by_token(token=token)
    if booking is None:
        raise Http404
    return booking


def _can_change(booking: Booking) -> bool:
    return booking.is_active and timezone.now() < booking.session.start


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def booking_manage(request, token: str):
    """See one booking, give back seats, cancel: no account, the token is the key."""
    booking = _booking_or_404(token)
    reduce_form = None
    if booking.is_active and booking.seats > 1:
        reduce_form = ReduceSeatsForm(
            request.POST if request.POST.get("action") == "reduce" else None,
            current=booking.seats,
        )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "cancel":
            # A page from before the confirmation step: confirm first, never one tap.
            return HttpResponseRedirect(reverse("booking_cancel", kwargs={"token": token}))
        try:
            if action == "reduce" and reduce_form is not None and reduce_form.is_valid():
                services.booking_reduce_seats(
                    booking=booking, seats=reduce_form.cleaned_data["seats"]
                )
                messages.success(request, _("Thank you: the seats you gave back are free again."))
                return HttpResponseRedirect(request.path)
        except BookingError as error:
            messages.error(request, str(error.message))
            return HttpResponseRedirect(request.path)
        status = 400
    else:
        status = 200
    session = booking.session
    venue = session.venue.localized if session.venue else None
    context = {
        "booking": booking,
        "session": session,
        "event_page": _localized_page(session),
        "venue": venue,
        "position": waitlist_position(booking=booking),
        "waits_for_wheelchair": waits_for_wheelchair_place(booking=booking),
        "reduce_form": reduce_form,
        "can_change": _can_change(booking),
        "Status": Booking.Status,
        # The ticket: only a confirmed seat gets through the door.
        "qr_svg": ticket_qr_svg(booking),
        # The stream link is private: only for a confirmed seat at a session still on.
        "stream_url": (
            session.stream_url
            if booking.status == Booking.Status.CONFIRMED
            and session.is_streamed
            and not session.is_cancelled
            else ""
        ),
    }
    return private(render(request, "events/booking_manage.html", context, status=status))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def booking_cancel(request, token: str):
    """Cancelling takes two steps, without JavaScript: GET asks "are you sure?" and
    says what will be given back; POST cancels, and the manage page then says so."""
    booking = _booking_or_404(token)
    manage_url = reverse("booking_manage", kwargs={"token": token})
    if not _can_change(booking):
        return HttpResponseRedirect(manage_url)
    if request.method == "POST":
        try:
            services.booking_cancel(booking=booking)
        except BookingError as error:
            messages.error(request, str(error.message))
        return HttpResponseRedirect(manage_url)
    context = {
        "booking": booking,
        "session": booking.session,
        "event_page": _localized_page(booking.session),
        "position": waitlist_position(booking=booking),
        "manage_url": manage_url,
        "Status": Booking.Status,
    }
    return private(render(request, "events/booking_cancel.html", context))
