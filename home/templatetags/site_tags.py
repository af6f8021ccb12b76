"""Template helpers for the public pages' markup (menus, video links, optional routes)."""

from functools import reduce
from operator import or_

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language

from core import page_cache
from core.page_lookups import active_locale, public
from core.video import video_link as _video_link
from donations.selectors import donations_open

register = template.Library()


@register.simple_tag
def video_link(url):
    """``{% video_link page.trailer_url as video %}``: provider and embed address."""
    return _video_link(url)


@register.simple_tag
def optional_url(name, *args):
    """The address of a named route, or "" while the app that provides it is absent."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The home page of the visitor's language and its children shown in menus; kept in
    the cache under the page cache's content version (every page shows it)."""
    request = context.get("request")
    site = getattr(request, "_wagtail_site", None) if request else None
    if site is None and request is not None:
        from wagtail.models import Site

        site = Site.find_for_request(request)
    if site is None:
        return {"home": None, "items": []}
    seconds, versions = page_cache.fragment_seconds(request)
    if not seconds:
        return _menu(context, site)
    key = f"fabrique:menu:{versions[page_cache.CONTENT_VERSION]}:{site.pk}:{get_language()}"
    menu = cache.get(key)
    if menu is None:
        menu = _menu(context, site)
        cache.set(key, menu, seconds)
    return menu


def _menu(context, site):
    home = localized_pages(context, site.root_page)[0]
    items = public(home.get_children().live().in_menu())
    if not donations_open():
        from donations.models import DonationPage

        items = items.not_type(DonationPage)
    return {"home": home, "items": list(items)}


@register.simple_tag
def child_page(parent, model_label):
    """The first live child of ``parent`` of one page type ("app.Model"), or None."""
    from django.apps import apps

    if parent is None:
        return None
    model = apps.get_model(model_label)
    return public(parent.get_children().live().type(model)).first()


@register.simple_tag(takes_context=True)
def localized_pages(context, *pages):
    """``page.localized`` for several pages, given as pages or ids (None skipped), in
    one query rather than up to three per page: the base template's menu and footer use it.
    """
    from wagtail.models import Page

    pages = [page for page in pages if page]
    ids = [page for page in pages if not isinstance(page, Page)]
    locale = _active_locale()
    wanted = []
    if ids:
        wanted.append(Q(pk__in=ids))
        if locale:
            keys = Page.objects.filter(pk__in=ids).values("translation_key")
            wanted.append(Q(locale=locale, translation_key__in=keys))
    if locale:
        keys = [
            page.translation_key
            for page in pages
            if isinstance(page, Page) and page.locale_id != locale.pk
        ]
        if keys:
            wanted.append(Q(locale=locale, translation_key__in=keys))
    fetched = list(Page.objects.filter(reduce(or_, wanted))) if wanted else []
    by_pk = {page.pk: page for page in fetched}
    in_locale = {
        page.translation_key: page for page in fetched if locale and page.locale_id == locale.pk
    }
    result = []
    for page in pages:
        original = page if isinstance(page, Page) else by_pk.get(page)
        if original is None:
            continue
        if locale and original.locale_id == locale.pk:
            translation = original
        else:
            translation = in_locale.get(original.translation_key)
        # As Page.localized: the translation if it is live, else the page itself.
        result.append(translation if translation is not None and translation.live else original)
    return result


def _active_locale():
    """The Locale of the active language (looked up once per request), or None if there
    is none."""
    from wagtail.models import Locale

    try:
        return active_locale()
    except (LookupError, Locale.DoesNotExist):
        return None


# Open Graph names each language with its territory.
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
# The fields an image of a page may be in, by page type: the first one set is shared.
SOCIAL_IMAGE_FIELDS = ("image", "hero_image", "poster", "portrait")


@register.simple_tag(takes_context=True)
def social_image(context):
    """The image a link to this page shows on social networks: the page's own (event
    image, hero, poster, portrait), or None."""
    page = context.get("page")
    for name in SOCIAL_IMAGE_FIELDS:
        image = getattr(page, name, None) if page is not None else None
        if image is not None and hasattr(image, "get_rendition"):
            return image
    return None


@register.simple_tag(takes_context=True)
def social_image_alt(context, image):
    """The shared image's text alternative in the page's language: the page's own alt
    text, else, on a page in the site's first language (the one the image library is
    described in), the image's description or title; else nothing, rather than French
    on an English page."""
    page = context.get("page")
    own = getattr(page, "image_alt_text", "") or getattr(page, "portrait_alt_text", "")
    if own:
        return own
    if (get_language() or "").split("-")[0] == settings.LANGUAGE_CODE.split("-")[0]:
        return image.description or image.title
    return ""


@register.simple_tag
def og_locale(language_code):
    return OG_LOCALES.get(language_code, language_code)
