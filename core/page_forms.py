"""The base form of every page type in the admin: saving (a draft, a submission, a
publication) refuses an image, a document or a page the editor may not choose, however
it came into the post (a field's id, a rich-text link or embed, a StreamField block, an
inline child). The choosers only show what may be chosen; this holds the same boundary
for a hand-made request. A reference the page already had is kept: someone allowed to
choose it put it there."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from .choosable import not_choosable

MESSAGES = {
    "image": _("You may not use image %(ids)s: choose an image from your own collections."),
    "document": _("You may not use document %(ids)s: choose a document from your own collections."),
    "page": _("You may not link to page %(ids)s: it is not published and you may not edit it."),
}


def _kinds() -> dict:
    """Base content type id -> (kind, model) of what is checked."""
    # The reference index names each referenced object by its base model's content type.
    models = {"image": get_image_model(), "document": get_document_model(), "page": Page}
    return {
        ReferenceIndex._get_base_content_type(model).id: (kind, model)
        for kind, model in models.items()
    }


def references(instance) -> set[tuple[int, str, str]]:
    """(content type id, object id, field name) of each reference ``instance`` holds,
    found as Wagtail's reference index (usage counts) finds them: foreign keys, rich
    text, StreamField blocks."""
    # A private method of Wagtail's, its only way to read an unsaved object's references.
    return {
        (content_type_id, object_id, model_path.split(".", 1)[0])
        for content_type_id, object_id, model_path, _path in (
            ReferenceIndex._extract_references_from_object(instance)
        )
    }


def _child_forms(form):
    for formset in getattr(form, "formsets", {}).values():
        formset.is_valid()
        for child in formset.forms:
            if formset.can_delete and formset._should_delete_form(child):
                continue
            if not child.has_changed() and child.instance.pk is None:
                continue
            yield child
            yield from _child_forms(child)


class ChoosablePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The page as opened (its latest revision, children included).
        self._references_before = {(ct, oid) for ct, oid, _field in references(self.instance)}

    def _post_clean(self):
        super()._post_clean()
        user = self.for_user
        if user is None or user.is_superuser:
            return
        kinds = _kinds()
        # (the form that holds the field, field name) -> references it adds.
        added: dict[tuple, set] = {}
        sources = [(self, self.instance)]
        sources += [(child, child.instance) for child in _child_forms(self)]
        for form, instance in sources:
            for content_type_id, object_id, field in references(instance):
                key = (content_type_id, object_id)
                if content_type_id in kinds and key not in self._references_before:
                    added.setdefault((form, field), set()).add(key)
        for (form, field), refs in added.items():
            for content_type_id, (kind, model) in kinds.items():
                ids = {int(oid) for ct, oid in refs if ct == content_type_id and oid.isdigit()}
                refused = not_choosable(user=user, model=model, ids=ids)
                if refused:
                    error = ValidationError(
                        MESSAGES[kind] % {"ids": ", ".join(str(i) for i in sorted(refused))},
                        code="not_choosable",
                    )
                    self._add_refusal(form, field, error)

    def _add_refusal(self, form, field, error):
        # A StreamField draws its own errors block by block: say it above the form.
        model_field = next(
            (f for f in form._meta.model._meta.get_fields() if f.name == field), None
        )
        if field in form.fields and not isinstance(model_field, StreamField):
            form.add_error(field, error)
        else:
            self.add_error(None, error)
