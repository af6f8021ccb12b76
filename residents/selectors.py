from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import Rendition
from wagtail.models import Locale, Page, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from core.page_lookups import public

from .models import ResidentPage

page_permission_policy = PagePermissionPolicy()


def resident_directory(*, index_page, discipline: str | None = None):
    """Live residents under one directory page, by name, optionally of one discipline."""
    residents = (
        ResidentPage.objects.child_of(index_page)
        .live()
        .public()
        .defer("bio")
        .select_related("portrait")
        .prefetch_related(_card_portraits(), "disciplines")
        .order_by("name")
    )
    if discipline:
        residents = residents.filter(disciplines__slug=discipline)
    return residents


# The renditions templates/includes/portrait.html shows, spelt as {% picture %} names them.
CARD_PORTRAITS = [
    f"format-{fmt}|fill-{size}" for fmt in ("webp", "jpeg") for size in ("320x400", "640x800")
]


def _card_portraits() -> Prefetch:
    """Only the card's renditions of each portrait (not every size ever made of it)."""
    return Prefetch(
        "portrait__renditions", queryset=Rendition.objects.filter(filter_spec__in=CARD_PORTRAITS)
    )


def featured_residents(*, locale: Locale, limit: int = 6):
    return list(
        public(ResidentPage.objects.live())
        .filter(locale=locale, featured=True)
        .defer("bio")
        .select_related("portrait")
        .prefetch_related(_card_portraits(), "disciplines")
        .order_by("name")[:limit]
    )


STATUS_LABELS = {
    "live": _("Live"),
    "live_with_draft": _("Live, with changes not yet submitted"),
    "draft": _("Draft, not yet submitted"),
    "in_review": _("Waiting for the programme team's review"),
    "changes_requested": _("Changes requested"),
}


@dataclass
class PageStatus:
    page: Page
    status: str  # a key of STATUS_LABELS
    comment: str = ""

    @property
    def label(self):
        return STATUS_LABELS[self.status]


def resident_pages_status(*, account) -> list[PageStatus]:
    """The resident's page and projects, each with where it stands in the review, and
    the reviewer's comment when changes are asked."""
    pages = list(account.page.get_descendants(inclusive=True).specific().order_by("path"))
    states = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(page.pk) for page in pages],
        status__in=[WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES],
    ).select_related("current_task_state")
    active = {int(state.object_id): state for state in states}
    result = []
    for page in pages:
        state = active.get(page.pk)
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            comment = state.current_task_state.comment if state.current_task_state else ""
            result.append(PageStatus(page, "changes_requested", comment))
        elif state is not None:
            result.append(PageStatus(page, "in_review"))
        elif not page.live:
            result.append(PageStatus(page, "draft"))
        elif page.has_unpublished_changes:
            result.append(PageStatus(page, "live_with_draft"))
        else:
            result.append(PageStatus(page, "live"))
    return result


def pages_visible_in_chooser(*, user, pages):
    """What the page chooser may name to ``user``: pages they may edit, and live pages
    (linking to them is fine); never the title of someone else's draft."""
    if user.is_superuser:
        return pages
    editable = page_permission_policy.instances_user_has_permission_for(user, "change")
    return pages.filter(Q(live=True) | Q(pk__in=editable.values("pk")))


def user_oversees_pages(*, user) -> bool:
    """Staff who may edit every page (programme team, administrators): the admin's
    site-wide page reports are theirs. Asked by the admin menu on every page: the answer
    is kept on the user object for the request."""
    if user.is_superuser:
        return True
    if not hasattr(user, "_oversees_pages"):
        user._oversees_pages = page_permission_policy.user_has_permission_for_instance(
            user, "change", Page.get_first_root_node()
        )
    return user._oversees_pages
