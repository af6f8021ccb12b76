"""Writes to the archive."""

from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from core.dates import natural_date
from events.models import Session

from .exceptions import ArchiveError
from .models import ArchiveIndexPage, CapsulePage


def recording_draft_create(*, session: Session, user, now=None) -> CapsulePage:
    """A draft archive page for the recording of a session that took place, in the
    session's language, linked to the session; the existing one if there is one."""
    existing = CapsulePage.objects.filter(session=session).order_by("pk").first()
    if existing is not None:
        return existing
    if session.start > (now or timezone.now()):
        raise ArchiveError(_("This session has not taken place yet."))
    if session.is_cancelled:
        raise ArchiveError(_("This session was cancelled."))
    event = session.page.specific
    index = (
        ArchiveIndexPage.objects.filter(locale=event.locale).first()
        or ArchiveIndexPage.objects.filter(locale=Locale.get_default()).first()
    )
    if index is None:
        raise ArchiveError(_("There is no archive page yet: create it under the home page."))
    if not index.permissions_for_user(user).can_add_subpage():
        raise ArchiveError(_("You may not add pages to the archive."))
    capsule = CapsulePage(
        title=f"{event.title} — {natural_date(session.start)}",
        kind=CapsulePage.Kind.TALK,
        summary=getattr(event, "summary", "") or event.title,
        production_year=timezone.localtime(session.start).year,
        session=session,
        live=False,
        owner=user,
    )
    index.add_child(instance=capsule)
    capsule.save_revision(user=user, log_action=True)
    return capsule
