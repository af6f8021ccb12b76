"""Public registration views: the form on a workshop page and the manage page.

Views translate between HTTP and the services: the form checks the shape of input,
``workshops.services`` applies the rules, domain errors become messages on the form.
"""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Locale

from core.dates import natural_datetime
from core.ratelimit import form_post_limited
from events.manage import private, ticket_qr_svg
from events.selectors import pages_for_events

from . import services
from .exceptions import AgeOutOfBand, AlreadyRegistered, RegistrationError
from .forms import RegistrationForm, ResendRegistrationForm
from .registrations import Registration
from .selectors import (
    covered_sessions,
    registration_by_token,
    registration_offer,
    waitlist_position,
)

ANCHOR = "#registration"


def _label(session) -> str:
    when = natural_datetime(session.start)
    if session.places_left:
        return _("%(when)s — %(count)s places left") % {
            "when": when,
            "count": session.places_left,
        }
    return _("%(when)s — full, waiting list") % {"when": when}


def _form(page, data=None):
    offer = registration_offer(page=page)
    for session in offer.sessions:
        session.registration_label = _label(session)
    form = None
    if offer.is_open:
        form = RegistrationForm(
            data,
            sessions=offer.sessions,
            series=offer.series,
            age_min=offer.workshop.age_min,
            age_max=offer.workshop.age_max,
        )
    return offer, form


def registration_context(request, *, page, form=None) -> dict:
    """What the workshop template needs for its registration section."""
    if getattr(request, "is_preview", False):
        return {"registration_form": None}
    offer, new_form = _form(page)
    return {"registration_offer": offer, "registration_form": form or new_form}


def _rerender(request, page, form, *, status=400, **extra):
    context = page.get_context(request, registration_form=form)
    context.update(extra)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _closed(request, page):
    messages.error(request, _("Registrations for this workshop are closed."))
    return HttpResponseRedirect(page.url + ANCHOR)


def workshop_registration_post(request, *, page):
    """POST on a workshop page: register, or resend a confirmation; then redirect (PRG)."""
    if form_post_limited(request, scope="registration"):
        _offer, form = _form(page, request.POST)
        if form is None:
            return _closed(request, page)
        form.is_valid()
        form.add_error(
            None,
            _("Too many attempts from your connection. Please wait a few minutes and try again."),
        )
        return _rerender(request, page, form, status=429)
    if request.POST.get("action") == "resend":
        return _resend(request, page)
    offer, form = _form(page, request.POST)
    if form is None:
        return _closed(request, page)
    if not form.is_valid():
        return _rerender(request, page, form)
    data = form.cleaned_data
    try:
        registration = services.registration_create(
            workshop=offer.workshop,
            session=data.get("session"),
            child_first_name=data["child_first_name"],
            child_birth_date=data["child_birth_date"],
            guardian_first_name=data["guardian_first_name"],
            guardian_last_name=data["guardian_last_name"],
            email=data["email"],
            phone=data["phone"],
            notes=data["notes"],
            participation_consent=data["participation_consent"],
            image_consent=data["image_consent"],
            language=translation.get_language(),
        )
    except AlreadyRegistered:
        resend = ResendRegistrationForm(
            initial={"email": data["email"], "child_first_name": data["child_first_name"]}
        )
        form.add_error(
            "child_first_name",
            _("This child is already registered for this workshop with this email."),
        )
        return _rerender(request, page, form, status=409, resend_form=resend)
    except AgeOutOfBand as error:
        form.add_error("child_birth_date", error.message)
        return _rerender(request, page, form)
    except RegistrationError as error:
        form.add_error(None, str(error.message))
        return _rerender(request, page, form)
    return HttpResponseRedirect(registration.get_absolute_url())


def _resend(request, page):
    form = ResendRegistrationForm(request.POST)
    if form.is_valid() and services.registration_resend(
        workshop=page,
        email=form.cleaned_data["email"],
        child_first_name=form.cleaned_data["child_first_name"],
    ):
        messages.success(request, _("We have sent the confirmation again. Check your inbox."))
    else:
        messages.error(request, _("The confirmation could not be sent again."))
    return HttpResponseRedirect(page.url + ANCHOR)


def _registration_or_404(token: str) -> Registration:
    registration = registration_by_token(token=token)
    if registration is None:
        raise Http404
    return registration


def _event_page(registration: Registration):
    event_key = registration.session.event_key
    return pages_for_events(
        event_keys={event_key}, locale=Locale.get_active(), with_images=False
    ).get(event_key)


def _can_cancel(registration: Registration, sessions) -> bool:
    return registration.is_active and timezone.now() < max(s.start for s in sessions)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_manage(request, token: str):
    """See one registration and cancel it: no account, the token is the key."""
    registration = _registration_or_404(token)
    status = 200
    if request.method == "POST":
        if request.POST.get("action") != "cancel":
            status = 400
        else:
            # A page from before the confirmation step: confirm first, never one tap.
            return HttpResponseRedirect(reverse("registration_cancel", kwargs={"token": token}))
    session = registration.session
    sessions = covered_sessions(registration=registration)
    context = {
        "registration": registration,
        "sessions": sessions,
        "event_page": _event_page(registration),
        "venue": session.venue.localized if session.venue else None,
        "position": waitlist_position(registration=registration),
        "can_cancel": _can_cancel(registration, sessions),
        "Status": Registration.Status,
        "qr_svg": ticket_qr_svg(registration),
    }
    return private(render(request, "workshops/registration_manage.html", context, status=status))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def registration_cancel(request, token: str):
    """Two steps, without JavaScript: GET asks "are you sure?" and says which place is
    given back; POST cancels, and the manage page then says so."""
    registration = _registration_or_404(token)
    manage_url = reverse("registration_manage", kwargs={"token": token})
    sessions = covered_sessions(registration=registration)
    if not _can_cancel(registration, sessions):
        return HttpResponseRedirect(manage_url)
    if request.method == "POST":
        try:
            services.registration_cancel(registration=registration)
        except RegistrationError as error:
            messages.error(request, str(error.message))
        return HttpResponseRedirect(manage_url)
    context = {
        "registration": registration,
        "sessions": sessions,
        "event_page": _event_page(registration),
        "position": waitlist_position(registration=registration),
        "manage_url": manage_url,
        "Status": Registration.Status,
    }
    return private(render(request, "workshops/registration_cancel.html", context))
