from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from core import dates, page_cache
from core.i18n import text_in_language

register = template.Library()


@register.filter
def natural_datetime(value):
    return dates.natural_datetime(value) if value else ""


@register.filter
def natural_date(value):
    return dates.natural_date(value) if value else ""


@register.filter
def natural_time(value):
    return dates.natural_time(value) if value else ""


@register.filter
def in_language(obj, field):
    """A text kept once for every language (a session's note, a site setting), in the
    active language: ``{{ session|in_language:"note" }}``."""
    return text_in_language(obj=obj, field=field)


@register.filter
def error_anchor(field):
    """The id an error summary links to for a bound ``field``: its input, or the first of
    its radios or checkboxes, since Django gives such a group no id of its own."""
    if field.id_for_label:
        return field.id_for_label
    options = field.subwidgets
    return options[0].id_for_label if options else field.auto_id


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: the translation of the current page where there is one,
    that language's home page where the page is untranslated, and the same view in
    the other language for pages that are not Wagtail pages (search).

    ``alternate`` is the absolute address of the same content in that language, for
    ``<link rel="alternate" hreflang>`` (search engines want it absolute, and only where
    the content exists in that language); None where it does not."""
    request = context.get("request")
    page = context.get("page")
    current = get_language()
    translations = {}
    if isinstance(page, Page) and page.pk:
        for translation in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translation.locale.language_code] = translation
    path = request.get_full_path() if request else "/"
    links = []
    for code, name in settings.LANGUAGES:
        alternate = None
        if code in translations:
            url = translations[code].url
            alternate = translations[code].get_full_url(request)
        elif isinstance(page, Page):
            url = "/" if code == settings.LANGUAGE_CODE else f"/{code}/"
        else:
            url = translate_url(path, code)
            alternate = request.build_absolute_uri(url) if request else None
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "alternate": alternate,
                "current": code == current,
                "default": code == settings.LANGUAGE_CODE,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def page_fragments(context):
    """``{% page_fragments as fragments %}``, then ``{% cache fragments.seconds "name"
    fragments.version ... %}``: see ``core.page_cache.fragments``."""
    return page_cache.fragments(context.get("request"))
