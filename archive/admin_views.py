from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from events.models import Session

from .exceptions import ArchiveError
from .services import recording_draft_create


@require_POST
def recording_create(request, session_id: int):
    """One step from a session that took place to the draft page of its recording."""
    session = get_object_or_404(Session.objects.select_related("page"), pk=session_id)
    try:
        capsule = recording_draft_create(session=session, user=request.user)
    except ArchiveError as error:
        messages.error(request, error.message)
        return redirect("event_sessions:detail", session.pk)
    return redirect("wagtailadmin_pages:edit", capsule.pk)


urlpatterns = [path("record/<int:session_id>/", recording_create, name="record")]
