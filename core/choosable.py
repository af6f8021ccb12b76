"""What an admin user may choose: the images and documents of the collections they hold
``choose`` on (as Wagtail's choosers show them), and the pages that are live or that
they may edit. The admin API, the image preview and every page form ask here, so the
boundary is drawn once."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.permissions import policy_registry

CHOOSE = ["choose"]


def images_choosable(*, user: AbstractBaseUser) -> QuerySet:
    policy = policy_registry.get_by_type(get_image_model())
    return policy.instances_user_has_any_permission_for(user, CHOOSE)


def documents_choosable(*, user: AbstractBaseUser) -> QuerySet:
    policy = policy_registry.get_by_type(get_document_model())
    return policy.instances_user_has_any_permission_for(user, CHOOSE)


def pages_not_linkable(*, user: AbstractBaseUser, page_ids: set[int]) -> set[int]:
    """Of ``page_ids``, the pages ``user`` may not link to: not live, and not theirs to
    edit (a draft's address and title are its editors' until it is published)."""
    drafts = Page.objects.filter(pk__in=page_ids, live=False)
    return {page.pk for page in drafts if not page.permissions_for_user(user).can_edit()}


def not_choosable(*, user: AbstractBaseUser, model, ids: set[int]) -> set[int]:
    """Of ``ids`` of images, documents or pages, those ``user`` may not choose; ids of
    nothing (deleted since) are left to the field's own check."""
    if not ids:
        return set()
    if model is Page:
        return pages_not_linkable(user=user, page_ids=ids)
    if model is get_image_model():
        allowed = images_choosable(user=user)
    elif model is get_document_model():
        allowed = documents_choosable(user=user)
    else:
        return set()
    existing = set(model.objects.filter(pk__in=ids).values_list("pk", flat=True))
    return existing - set(allowed.filter(pk__in=existing).values_list("pk", flat=True))
