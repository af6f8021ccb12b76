import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache
from django.urls import translate_url
from django.utils.safestring import mark_safe
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


class PageFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, until_change, event_key):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.until_change = until_change
        self.event_key = event_key

    def render(self, context):
        request = context.get("request")
        event_key = self.event_key.resolve(context) if self.event_key else None
        seconds, versions = page_cache.fragment_seconds(
            request, until_change=self.until_change, event_key=event_key
        )
        if not seconds:
            return self.nodelist.render(context)
        vary = [self.name, get_language(), request.get_host(), sorted(versions.items())]
        vary += [str(value.resolve(context)) for value in self.vary_on]
        key = "pagefragment:" + hashlib.sha256(repr(vary).encode()).hexdigest()
        body = cache.get(key)
        if body is None:
            body = self.nodelist.render(context)
            cache.set(key, page_cache.with_token_placeholder(body), seconds)
            return body
        return mark_safe(page_cache.with_token(body, request))


@register.tag
def page_fragment(parser, token):
    """A part of a page built once and kept in the cache, under the page cache's versions
    (``core.page_cache.fragment_seconds``), the language and the host:

        {% page_fragment "footer" %}...{% endpage_fragment %}
        {% page_fragment "listing" filter_query until_change %}...{% endpage_fragment %}
        {% page_fragment "booking" places=page.translation_key until_change %}...

    Further values vary the key; ``until_change``: the clock changes the part too;
    ``places=<event key>``: it says which of the event's dates are full. A form's CSRF
    token is stored as a placeholder and each visitor gets their own. Outside a GET, or
    with ``PAGE_FRAGMENT_SECONDS`` 0, the part is built every time."""
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("page_fragment needs a name")
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    vary_on, until_change, event_key = [], False, None
    for bit in bits[2:]:
        if bit == "until_change":
            until_change = True
        elif bit.startswith("places="):
            event_key = parser.compile_filter(bit.removeprefix("places="))
        else:
            vary_on.append(parser.compile_filter(bit))
    name = bits[1].strip("\"'")
    return PageFragmentNode(nodelist, name, vary_on, until_change, event_key)
