"""Resident accounts: invitation, direct publishing, end of residency and its undoing.

A resident's rights are those of one group of their own: edit their ResidentPage, add
ProjectPages beneath it (``add_page``, ``change_page``; ``publish_page`` only when staff
trust them to publish directly), and add, edit and choose images and documents in one
collection of their own. Everything else they submit goes through ``Resident review``,
a workflow whose one task is the programme team's approval.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override
from wagtail.coreutils import find_available_slug
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Revision,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.users.models import UserProfile

from core.mail import send_later

from .exceptions import EmailAlreadyUsed, PageAlreadyHasAccount
from .models import Discipline, ResidentAccount, ResidentIndexPage, ResidentPage

# Msgids: Wagtail stores them, core.workflow_names shows them in the reader's language.
REVIEW_WORKFLOW = gettext_noop("Resident review")
REVIEW_TASK = gettext_noop("Programme team review")
REVIEWERS = "Programme team"
RESIDENTS_COLLECTION = "Residents"
# Besides the resident, who may download the documents of a resident's collection.
DOCUMENT_READERS = (REVIEWERS, "Administrators")
PAGE_PERMISSIONS = ("add_page", "change_page")
COLLECTION_PERMISSIONS = {
    "wagtailimages": ("add_image", "change_image", "choose_image"),
    "wagtaildocs": ("add_document", "change_document", "choose_document"),
}


def review_workflow() -> Workflow:
    """The residents' workflow: the programme team approves or asks for changes."""
    workflow, _created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
        task.groups.set(Group.objects.filter(name=REVIEWERS))
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def review_workflow_assign(*, index_page: ResidentIndexPage) -> None:
    """Every page under the residents' directory goes through the residents' review."""
    WorkflowPage.objects.update_or_create(page=index_page, defaults={"workflow": review_workflow()})


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def _resident_collection(name: str) -> Collection:
    root = Collection.get_first_root_node()
    parent = root.get_children().filter(name=RESIDENTS_COLLECTION).first()
    if parent is None:
        parent = root.add_child(name=RESIDENTS_COLLECTION)
    return parent.add_child(name=name)


def resident_collection_make_private(*, collection: Collection, group: Group) -> None:
    """A resident's documents download for the resident and staff only (Wagtail's
    collection privacy, checked by its document view). Staff may make the collection
    public from the admin when its documents are to be linked from public pages."""
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.set([group, *Group.objects.filter(name__in=DOCUMENT_READERS)])


def _new_resident_page(*, index_page, name: str, owner) -> ResidentPage:
    """A draft for the resident to fill in and submit."""
    page = ResidentPage(
        title=name,
        name=name,
        slug=find_available_slug(index_page, slugify(name) or "resident"),
        short_bio=_("To be written."),
        bio=format_html("<p>{}</p>", _("To be written.")),
        live=False,
        owner=owner,
    )
    index_page.add_child(instance=page)
    page.save_revision(user=owner, log_action=False)
    return page


@transaction.atomic
def resident_invite(
    *,
    name: str,
    email: str,
    language: str,
    disciplines=(),
    page: ResidentPage | None = None,
    index_page: ResidentIndexPage | None = None,
    publishes_directly: bool = False,
    invited_by=None,
) -> ResidentAccount:
    """Create the resident's account (and page, unless ``page`` is given) with their
    own permissions, and email them the link to choose a password."""
    User = get_user_model()
    email = User.objects.normalize_email(email.strip()).lower()
    if (
        User.objects.filter(username__iexact=email).exists()
        or User.objects.filter(email__iexact=email).exists()
    ):
        raise EmailAlreadyUsed(email)
    if page is not None and ResidentAccount.objects.filter(page=page).exists():
        raise PageAlreadyHasAccount(page.name)

    first_name, _sep, last_name = name.strip().partition(" ")
    user = User(username=email, email=email, first_name=first_name, last_name=last_name)
    user.set_unusable_password()
    user.save()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save(update_fields=["preferred_language"])

    if page is None:
        with override(language):
            page = _new_resident_page(index_page=index_page, name=name, owner=user)
    else:
        page.owner = user
        page.save(update_fields=["owner"])
    if disciplines:
        page.disciplines.set(Discipline.objects.filter(pk__in=[d.pk for d in disciplines]))
        page.save()
        page.save_revision(user=invited_by, log_action=False)
    review_workflow_assign(index_page=page.get_parent().specific)

    group = Group.objects.create(name=f"Resident {user.pk}: {name}"[:150])
    group.permissions.add(
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    )
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.create(
            group=group, page=page, permission=_page_permission(codename)
        )
    collection = _resident_collection(name)
    for app_label, codenames in COLLECTION_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    resident_collection_make_private(collection=collection, group=group)
    user.groups.add(group)

    account = ResidentAccount.objects.create(
        user=user, page=page, group=group, collection=collection, language=language
    )
    if publishes_directly:
        resident_set_direct_publishing(account=account, allowed=True)
    resident_send_invitation(account=account)
    return account


def resident_send_invitation(*, account: ResidentAccount) -> None:
    """Email the link to choose a password (again): valid for a week, once."""
    account.invited_at = timezone.now()
    account.save(update_fields=["invited_at"])
    send_later("residents.emails.invitation_email", account_id=account.pk)


def resident_set_direct_publishing(*, account: ResidentAccount, allowed: bool) -> None:
    """Trusted residents hold ``publish_page`` on their own pages; others submit."""
    publish = {
        "group": account.group,
        "page": account.page,
        "permission": _page_permission("publish_page"),
    }
    if allowed:
        GroupPagePermission.objects.get_or_create(**publish)
    else:
        GroupPagePermission.objects.filter(**publish).delete()
    account.publishes_directly = allowed
    account.save(update_fields=["publishes_directly"])


@transaction.atomic
def residency_end(*, account: ResidentAccount, unpublish: bool, user) -> ResidentAccount:
    """Disable the resident's login; keep their pages live (marked as a former
    resident) or unpublish them, remembering what was live. Harmless twice."""
    account = ResidentAccount.objects.select_for_update().get(pk=account.pk)
    if account.is_former:
        return account
    pages = account.page.get_descendants(inclusive=True).specific()
    for page in pages:
        state = page.current_workflow_state
        if state is not None:
            state.cancel(user=user)
    unpublished = {}
    if unpublish:
        for page in pages.live():
            # A page made in code may have no revision: record its live state as one.
            revision = page.live_revision or page.save_revision(user=user, log_action=False)
            unpublished[str(page.pk)] = revision.pk
            page.unpublish(user=user)
    account.user.is_active = False
    account.user.save(update_fields=["is_active"])
    account.ended_at = timezone.now()
    account.unpublished_revisions = unpublished
    account.save(update_fields=["ended_at", "unpublished_revisions"])
    return account


@transaction.atomic
def residency_restore(*, account: ResidentAccount, user) -> ResidentAccount:
    """Undo the end of a residency: login back, and what was live is live again."""
    account = ResidentAccount.objects.select_for_update().get(pk=account.pk)
    if not account.is_former:
        return account
    for revision_id in account.unpublished_revisions.values():
        revision = Revision.objects.filter(pk=revision_id).first()
        if revision is not None and not revision.content_object.live:
            revision.publish(user=user)
    account.user.is_active = True
    account.user.save(update_fields=["is_active"])
    account.ended_at = None
    account.unpublished_revisions = {}
    account.save(update_fields=["ended_at", "unpublished_revisions"])
    return account
