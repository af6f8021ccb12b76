"""The admin's image preview (``/admin/images/<id>/preview/<filter spec>/``) draws any
size asked for, in the worker's memory: a preview wider or taller than
``IMAGE_PREVIEW_MAX_SIDE``, or of an image over ``WAGTAILIMAGES_MAX_IMAGE_PIXELS`` (one
uploaded before that limit), is refused before any pixel is decoded."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from wagtail.images import get_image_model
from wagtail.images.exceptions import InvalidFilterSpecError
from wagtail.images.models import Filter
from wagtail.images.views.images import preview as wagtail_preview
from wagtail.permissions import policy_registry


def preview(request, image_id, filter_spec):
    image = get_object_or_404(get_image_model(), id=image_id)
    # As Wagtail's view: nothing is said of an image the user may not change.
    policy = policy_registry.get_by_type(get_image_model())
    if not policy.user_has_permission_for_instance(request.user, "change", image):
        raise PermissionDenied
    try:
        width, height = Filter(spec=filter_spec).get_transform(image).size
    except (InvalidFilterSpecError, ValueError, TypeError):
        # Wagtail's own view answers a malformed spec (and checks permissions first).
        return wagtail_preview(request, image_id, filter_spec)
    largest = settings.IMAGE_PREVIEW_MAX_SIDE
    if image.width * image.height > settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS:
        return HttpResponseBadRequest(
            _("This image is too large to preview."), content_type="text/plain; charset=utf-8"
        )
    if width > largest or height > largest:
        return HttpResponseBadRequest(
            _("A preview may be at most %(size)s pixels wide and high.") % {"size": largest},
            content_type="text/plain; charset=utf-8",
        )
    return wagtail_preview(request, image_id, filter_spec)
