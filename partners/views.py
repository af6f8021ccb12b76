"""Public pages of group requests: the request form (linked from a screening or a
workshop page) and the contact's manage page, whose token is the only key."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from core.ratelimit import form_post_limited
from events.choices import Kind
from events.manage import private
from events.models import ScreeningPage
from events.selectors import event_sessions
from workshops.models import WorkshopPage

from . import services
from .exceptions import GroupError, OverQuota
from .forms import GroupRequestForm
from .models import GroupRequest

PAGE_MODELS = {Kind.SCREENING: ScreeningPage, Kind.WORKSHOP: WorkshopPage}


def _open_sessions(page):
    """The sessions a group may ask for; of a series, its first still to come (a group
    comes to every session, as a series registration does)."""
    now = timezone.now()
    sessions = [
        s
        for s in event_sessions(event_key=page.translation_key)
        if services.takes_groups(s, now=now)
    ]
    if getattr(page, "is_series", False):
        return sessions[:1]
    return sessions


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def group_request(request, page_id: int, kind: str = Kind.SCREENING):
    page = get_object_or_404(PAGE_MODELS[kind].objects.live().public(), pk=page_id)
    sessions = _open_sessions(page)
    form = GroupRequestForm(request.POST or None, sessions=sessions)
    status = 200
    if request.method == "POST":
        status = 400
        if form_post_limited(request, scope="group"):
            form.add_error(None, _("Too many requests from here: please try again later."))
        elif form.is_valid():
            data = form.cleaned_data
            try:
                group = services.group_request_create(
                    session=data["session"],
                    organisation_name=data["organisation_name"],
                    contact_name=data["contact_name"],
                    email=data["email"],
                    phone=data["phone"],
                    people=data["people"],
                    adults=data["adults"],
                    access_needs=data["access_needs"],
                    language=translation.get_language(),
                )
            except OverQuota as error:
                form.add_error("people", str(error.message))
            except GroupError as error:
                form.add_error("session", str(error.message))
            else:
                messages.success(
                    request, _("Thank you: your request is recorded. We have emailed you.")
                )
                return HttpResponseRedirect(group.get_absolute_url())
    context = {"page": page, "form": form, "sessions": sessions}
    return TemplateResponse(request, "partners/group_request.html", context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def group_manage(request, token: str):
    group = (
        GroupRequest.objects.select_related("session__page", "offered_session__page")
        .filter(manage_token=token)
        .first()
    )
    if group is None:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "take_offer":
                services.group_take_offer(group=group)
                messages.success(request, _("Thank you: the places are held for your group."))
            elif action == "cancel":
                services.group_cancel(group=group)
                messages.success(request, _("Your request is cancelled."))
            else:
                messages.error(request, _("Nothing was changed."))
        except GroupError as error:
            messages.error(request, str(error.message))
        return private(HttpResponseRedirect(request.path))
    Status = GroupRequest.Status
    context = {
        "group": group,
        "session_page": group.session.page.specific.localized,
        "offered_page": group.offered_session.page.specific.localized
        if group.offered_session
        else None,
        "Status": Status,
        "can_cancel": group.status in (Status.PENDING, Status.ACCEPTED, Status.OFFERED)
        and group.session.start > timezone.now(),
        "form_action": reverse("group_manage", kwargs={"token": token}),
    }
    return private(TemplateResponse(request, "partners/group_manage.html", context))
