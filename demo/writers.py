"""Idempotent writes: find what a previous run made and update it, or create it.

Pages are found by slug under their parent, translations by translation key,
snippets by name in the default locale, images by title in the demo collection.
"""

import random
from collections.abc import Callable, Iterable
from contextlib import contextmanager

from django.core.files.base import ContentFile
from django.core.management.base import CommandError
from django.db.models.signals import post_save
from wagtail.coreutils import find_available_slug
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from events.bookings import Booking
from events.models import Session
from events.services import session_counters_sync

DEMO_COLLECTION = "Démo"


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=DEMO_COLLECTION).first()
    return existing or root.add_child(name=DEMO_COLLECTION)


class ImageWriter:
    """Draws an image only when the demo collection lacks it for this seed."""

    def __init__(self, *, seed: int, collection: Collection):
        self.seed = seed
        self.collection = collection
        self.model = get_image_model()
        self.used: set[int] = set()
        self.drawn = 0

    def get(
        self,
        *,
        key: str,
        title: str,
        alt: str,
        draw: Callable[[random.Random], bytes],
        ext: str = "jpg",
    ):
        prefix = f"demo-s{self.seed}-{key}"
        image = self.model.objects.filter(collection=self.collection, title=title).first()
        if image is None or not image.file.name.rsplit("/", 1)[-1].startswith(prefix):
            data = draw(random.Random(f"{self.seed}:{key}"))
            if image is None:
                image = self.model(title=title, collection=self.collection)
            else:
                image.renditions.all().delete()
                image.file.delete(save=False)
            image.file = ContentFile(data, name=f"{prefix}.{ext}")
            image._set_image_file_metadata()
            self.drawn += 1
        if hasattr(image, "description"):
            image.description = alt
        image.save()
        self.used.add(image.pk)
        return image

    def delete_unused(self) -> int:
        """Images a run with another seed drew and this one does not use."""
        stale = self.model.objects.filter(collection=self.collection).exclude(pk__in=self.used)
        count = 0
        for image in stale:
            image.delete()
            count += 1
        return count


def upsert_page(
    parent: Page,
    model,
    *,
    slug: str,
    fields: dict,
    children: dict | None = None,
    tags: dict | None = None,
) -> Page:
    """Create or update the page ``slug`` under ``parent`` and publish it."""
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        if Page.objects.child_of(parent).filter(slug=slug).exists():
            raise CommandError(
                f"A page “{slug}” of another type already exists under “{parent.title}”; "
                "move or rename it before seeding the demo."
            )
        page = model(slug=slug, **fields)
        _set_children(page, children, tags)
        parent.add_child(instance=page)  # validates the page
        page.save_revision(clean=False).publish()
    else:
        for name, value in fields.items():
            setattr(page, name, value)
        _set_children(page, children, tags)
        page.save_revision().publish()
    return page


def upsert_translation(
    source: Page,
    locale: Locale,
    *,
    slug: str,
    fields: dict,
    children: dict | None = None,
    tags: dict | None = None,
) -> Page:
    """Create or update ``source``'s translation in ``locale`` and publish it.

    The parent must be translated already. Sessions are never copied
    (``ProgrammePage.exclude_fields_in_copy``): translations find them by key.
    """
    page = source.get_translation_or_none(locale)
    if page is None:
        page = source.copy_for_translation(locale)
    page = page.specific
    parent = page.get_parent()
    if page.slug != slug:
        page.slug = find_available_slug(parent, slug, ignore_page_id=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    _set_children(page, children, tags)
    page.save_revision().publish()
    return page


def _set_children(page: Page, children: dict | None, tags: dict | None = None) -> None:
    """Replace child relations; a callable value receives the page (to reuse rows).
    Tags are set before the page is saved, so they go into its one revision."""
    for relation, items in (children or {}).items():
        setattr(page, relation, items(page) if callable(items) else items)
    for name, names in (tags or {}).items():
        getattr(page, name).set(names)


def session_list(page: Page, specs: Iterable[dict]) -> list[Session]:
    """The page's sessions updated in place, so that their UIDs (calendar IDs) survive;
    sessions with bookings are kept."""
    existing = list(page.sessions.all()) if page.pk else []
    existing.sort(key=lambda s: (s.sort_order or 0, s.start))
    result = []
    for i, spec in enumerate(specs):
        session = existing[i] if i < len(existing) else Session()
        for name, value in spec.items():
            setattr(session, name, value)
        session.sort_order = i
        result.append(session)
    # Bookings and registrations are never deleted, so neither are the sessions they are
    # for (the demo's past season, or someone's booking on the demo site): they stay
    # after the plan's.
    for session in existing[len(result) :]:
        if session.pk and (session.bookings.exists() or session.registrations.exists()):
            session.sort_order = len(result)
            result.append(session)
    return result


def upsert_snippet(model, locale: Locale, *, lookup: dict, fields: dict):
    obj = model.objects.filter(locale=locale, **lookup).first() or model(locale=locale)
    for name, value in {**lookup, **fields}.items():
        setattr(obj, name, value)
    obj.save()
    return obj


def upsert_snippet_translation(source, locale: Locale, *, fields: dict):
    obj = source.get_translation_or_none(locale) or source.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(obj, name, value)
    obj.save()
    return obj


@contextmanager
def counted_once(session: Session):
    """Yield a function that saves bookings of ``session`` without recounting it after
    each one, then recount the session once: the recount after every booking was a
    fifth of a seed's time, for the same counters in the end."""

    def save(booking: Booking) -> Booking:
        booking.counted = True  # the post_save recount skips this save
        booking.save()
        return booking

    yield save
    session_counters_sync(session_id=session.pk)


@contextmanager
def deferred_indexing():
    """Index each saved object once at the end instead of at every save.

    A page is saved three times (creation, revision, publication), and the search
    and reference indexes would otherwise be rebuilt for it each time.
    """
    from modelsearch import index as search_index
    from modelsearch.signal_handlers import post_save_signal_handler

    searchable = [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    saved: dict[tuple[type, object], None] = {}

    def remember(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[(type(instance), instance.pk)] = None

    for model in searchable:
        post_save.disconnect(post_save_signal_handler, sender=model)
    post_save.connect(remember, weak=False, dispatch_uid="seed_demo_remember")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="seed_demo_remember")
        for model in searchable:
            post_save.connect(post_save_signal_handler, sender=model)
    for model, pk in saved:
        in_search = model in searchable
        in_references = ReferenceIndex.is_indexed(model)
        if not (in_search or in_references):
            continue
        obj = model._default_manager.filter(pk=pk).first()
        if obj is None:
            continue
        if in_search:
            search_index.insert_or_update_object(obj)
        if in_references:
            ReferenceIndex.create_or_update_for_object(obj)
