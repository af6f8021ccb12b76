"""Read-side questions about the archive."""

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models.functions import Coalesce
from wagtail.models import Locale

from .models import ArchiveIndexPage, CapsulePage, PlaceTag, ThemeTag

PER_PAGE = 12


def live_capsules(*, locale: Locale):
    return CapsulePage.objects.live().public().filter(locale=locale)


def archive_page(
    *,
    index: ArchiveIndexPage,
    page_number=None,
    theme: str = "",
    place: str = "",
    kind: str = "",
    decade: int | None = None,
) -> PaginatorPage:
    """One page of the index's capsules, newest production first, filtered."""
    capsules = CapsulePage.objects.live().public().child_of(index)
    if theme:
        capsules = capsules.filter(theme_items__tag__slug=theme)
    if place:
        capsules = capsules.filter(place_items__tag__slug=place)
    if kind:
        capsules = capsules.filter(kind=kind)
    if decade is not None:
        # The footage covers [footage_from, footage_to]; the decade [decade, decade + 9].
        capsules = capsules.alias(last_year=Coalesce("footage_to", "footage_from")).filter(
            footage_from__lte=decade + 9, last_year__gte=decade
        )
    capsules = (
        capsules.distinct()
        .select_related("poster")
        .prefetch_related("themes", "poster__renditions")
        .order_by("-production_year", "title")
    )
    return Paginator(capsules, PER_PAGE).get_page(page_number)


def theme_choices(*, locale: Locale) -> list[tuple[str, str]]:
    tags = ThemeTag.objects.filter(capsules__content_object__in=live_capsules(locale=locale))
    return list(tags.distinct().order_by("name").values_list("slug", "name"))


def place_choices(*, locale: Locale) -> list[tuple[str, str]]:
    tags = PlaceTag.objects.filter(capsules__content_object__in=live_capsules(locale=locale))
    return list(tags.distinct().order_by("name").values_list("slug", "name"))


def decade_choices(*, locale: Locale) -> list[int]:
    """Every decade some live capsule's footage covers, oldest first."""
    years = live_capsules(locale=locale).filter(footage_from__isnull=False)
    decades: set[int] = set()
    for first, last in years.values_list("footage_from", "footage_to"):
        last = last or first
        decades.update(range(first // 10 * 10, last // 10 * 10 + 1, 10))
    return sorted(decades)


def capsule_captions(*, capsule: CapsulePage) -> list:
    """The capsule's captions, one per language, the page's own language first."""
    captions = list(capsule.captions.select_related("document"))
    language = capsule.locale.language_code
    captions.sort(key=lambda caption: caption.language != language)
    seen: set[str] = set()
    result = []
    for caption in captions:
        if caption.language not in seen:
            seen.add(caption.language)
            caption.is_default = caption.language == language
            result.append(caption)
    return result


def capsule_related_pages(*, capsule: CapsulePage) -> list:
    """Live related pages in the capsule's language, then the recorded session's event."""
    targets = [item.target for item in capsule.related_pages.select_related("target")]
    if capsule.session_id:
        targets.append(capsule.session.page)
    result = []
    for target in targets:
        page = target.get_translation_or_none(capsule.locale) or target
        if page.live and page.pk not in {p.pk for p in result}:
            result.append(page)
    return result
