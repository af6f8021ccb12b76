"""The application section of a training module page (shown on GET, posted to the
page) and the applicant's manage page.

Like ``events.views``: the form checks the shape, ``training.services``
applies the rules, domain errors become messages; a success redirects (PRG) to the
page, which then thanks the applicant instead of showing the form again.
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

from core.ratelimit import form_post_limited
from events.manage import private, ticket_qr_svg
from events.reservations import by_token
from events.selectors import event_sessions, pages_for_events

from . import services as services
from .exceptions import AlreadyApplied, ApplicationError, ApplicationsClosed
from .forms import ApplicationForm
from .models import Application

RECEIVED_TAG = "application-received"


def application_context(request, *, page, form=None) -> dict:
    """What the training module template needs for its application section."""
    module = services.module_for_page(page)
    closed = timezone.now() >= module.application_deadline
    received = False
    if not getattr(request, "is_preview", False):
        # Read (and so consume) the messages here: a thank-you replaces the form.
        notices = list(messages.get_messages(request))
        received = any(RECEIVED_TAG in notice.tags for notice in notices)
    else:
        notices = []
    if form is None and not closed and not received:
        form = ApplicationForm()
    return {
        "application_form": None if closed else form,
        "application_notices": notices,
        "application_received": received,
        "applications_closed": closed,
        "application_deadline": module.application_deadline,
    }


def _rerender(request, page, form, *, status):
    context = page.get_context(request, application_form=form)
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _back_to_section(page) -> HttpResponseRedirect:
    return HttpResponseRedirect(page.url + "#application")


def application_post(request, *, page):
    """POST on a training module page: record the application, then redirect (PRG)."""
    module = services.module_for_page(page)
    form = ApplicationForm(request.POST)
    if form_post_limited(request, scope="application"):
        form.is_valid()
        form.add_error(
            None,
            _("Too many attempts from your connection. Please wait a few minutes and try again."),
        )
        return _rerender(request, page, form, status=429)
    if timezone.now() >= module.application_deadline:
        # The section now says applications are closed, and since when.
        return _back_to_section(page)
    if not form.is_valid():
        return _rerender(request, page, form, status=400)
    data = form.cleaned_data
    try:
        services.application_submit(
            module=module,
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            phone=data["phone"],
            motivation=data["motivation"],
            links=data["links"],
            availability=data["availability"],
            language=translation.get_language(),
        )
    except AlreadyApplied as error:
        form.add_error("email", str(error))
        return _rerender(request, page, form, status=409)
    except ApplicationsClosed:
        return _back_to_section(page)
    except ApplicationError as error:
        form.add_error(None, str(error))
        return _rerender(request, page, form, status=400)
    messages.success(
        request,
        _(
            "Thank you, your application is received. We have sent an acknowledgement "
            "to %(email)s and will email you our answer after the deadline."
        )
        % {"email": data["email"]},
        extra_tags=RECEIVED_TAG,
    )
    return _back_to_section(page)


# The manage page: the same as a booking's (``events/reservation_manage.html``).


def _application_or_404(token: str) -> Application:
    application = by_token(Application.objects.select_related("module"), token)
    if application is None:
        raise Http404
    return application


def _manage_context(application: Application) -> dict:
    event_key = application.module.translation_key
    sessions = list(event_sessions(event_key=event_key))
    first = sessions[0] if sessions else None
    return {
        "application": application,
        "sessions": sessions,
        "event_page": pages_for_events(
            event_keys={event_key}, locale=Locale.get_active(), with_images=False
        ).get(event_key),
        "venue": first.venue.localized if first and first.venue else None,
        "can_withdraw": services.withdrawal_open(application=application),
        "Status": Application.Status,
    }


@never_cache
@require_http_methods(["GET", "HEAD"])
def application_manage(request, token: str):
    """See one application (and, once accepted, the ticket for the door); withdraw it.
    No account: the token is the key."""
    application = _application_or_404(token)
    context = _manage_context(application)
    context["qr_svg"] = ticket_qr_svg(application)
    return private(render(request, "training/application_manage.html", context))


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def application_withdraw(request, token: str):
    """Two steps, without JavaScript: GET asks "are you sure?"; POST withdraws, and the
    manage page then says so."""
    application = _application_or_404(token)
    manage_url = reverse("application_manage", kwargs={"token": token})
    if not services.withdrawal_open(application=application):
        return HttpResponseRedirect(manage_url)
    if request.method == "POST":
        try:
            services.application_withdraw(application=application)
            messages.success(request, _("Your application is withdrawn."))
        except ApplicationError as error:
            messages.error(request, str(error.message))
        return HttpResponseRedirect(manage_url)
    context = _manage_context(application)
    context["manage_url"] = manage_url
    return private(render(request, "training/application_withdraw.html", context))
