"""The application section of a training module page: shown on GET, posted to the page.

Like ``events.views``: the form checks the shape, ``training.services``
applies the rules, domain errors become messages; a success redirects (PRG) to the
page, which then thanks the applicant instead of showing the form again.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.ratelimit import form_post_limited

from . import services as services
from .exceptions import AlreadyApplied, ApplicationError, ApplicationsClosed
from .forms import ApplicationForm

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
