"""Every URL of the site, read from the URL resolver, so that a test walking them covers
a pattern added later without being edited; and every page of the Wagtail tree.

A pattern becomes a template: its route with each parameter replaced by a slot, in the
language its prefix serves (``registration/`` is ``inscription/`` in French).
"""

import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import translation
from wagtail.models import Page

SLOT = "\x00slot\x00"  # never in a real route
# A value for each kind of path converter that its pattern accepts.
SAMPLES = {"int": "1", "uuid": str(uuid.UUID(int=1)), "slug": "x", "str": "x", "path": "x"}
CONVERTER = re.compile(r"<(?:(?P<kind>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class UrlTemplate:
    """``/en/booking/{}/`` with the converter kind of each slot (``str``, ``int``...)."""

    route: str
    kinds: tuple[str, ...]
    name: str  # the pattern's name or view, for messages

    @property
    def is_admin(self) -> bool:
        return self.route.startswith("/admin/")

    @property
    def is_wagtail_serve(self) -> bool:
        return self.name == "wagtail_serve"

    def fill(self, *values: str) -> str:
        """The path with each slot replaced by ``values`` (one value for all, or one each)."""
        if len(values) == 1:
            values = values * len(self.kinds)
        path = self.route
        for value in values:
            path = path.replace(SLOT, value, 1)
        return path

    def sample(self) -> str:
        """The path with a value each slot's converter accepts."""
        return (
            self.fill(*(SAMPLES.get(kind, "x") for kind in self.kinds))
            if self.kinds
            else self.route
        )


def _route_template(pattern) -> tuple[str, tuple[str, ...]]:
    if isinstance(pattern, RoutePattern):
        route = str(pattern._route)
        kinds = tuple(m["kind"] or "str" for m in CONVERTER.finditer(route))
        return CONVERTER.sub(SLOT, route), kinds
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix, ()
    if isinstance(pattern, RegexPattern):
        return _regex_template(str(pattern._regex))
    raise TypeError(f"unknown URL pattern type: {pattern!r}")


def _regex_template(regex: str) -> tuple[str, tuple[str, ...]]:
    """A template from a regex: each top-level group, and each ``.*``, is a slot."""
    out, kinds, i = [], [], 0
    regex = regex.removeprefix("^").removesuffix("$").removesuffix("\\Z")
    while i < len(regex):
        char = regex[i]
        if char == "\\":
            out.append(regex[i + 1])
            i += 2
        elif char == "(":
            depth, j = 1, i + 1
            while depth:
                if regex[j] == "\\":
                    j += 1
                elif regex[j] == "(":
                    depth += 1
                elif regex[j] == ")":
                    depth -= 1
                j += 1
            group = regex[i:j]
            kinds.append("int" if "\\d" in group and "|" not in group else "str")
            out.append(SLOT)
            i = j + (1 if regex[j : j + 1] in ("*", "+", "?") else 0)
        elif regex.startswith(".*", i) or regex.startswith(".+", i):
            kinds.append("str")
            out.append(SLOT)
            i += 2
        else:
            out.append(char)
            i += 1
    return "".join(out), tuple(kinds)


def _walk(resolver, prefix: str, kinds: tuple, *, language: str, in_i18n: bool):
    for entry in resolver.url_patterns:
        is_locale = isinstance(entry.pattern, LocalePrefixPattern)
        if is_locale and language == settings.LANGUAGE_CODE:
            route, entry_kinds = "", ()  # French at /: no prefix
        else:
            route, entry_kinds = _route_template(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _walk(
                entry,
                prefix + route,
                kinds + entry_kinds,
                language=language,
                in_i18n=in_i18n or is_locale,
            )
        elif isinstance(entry, URLPattern) and (in_i18n or language == settings.LANGUAGE_CODE):
            # Patterns outside i18n_patterns are listed once, with the French walk.
            name = entry.name or getattr(entry.callback, "__name__", repr(entry.callback))
            yield UrlTemplate(route="/" + prefix + route, kinds=kinds + entry_kinds, name=name)


def url_templates() -> list[UrlTemplate]:
    """Every URL pattern of the site, under each language prefix for i18n patterns."""
    templates = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            templates.extend(_walk(get_resolver(), "", (), language=language, in_i18n=False))
    return templates


def page_urls() -> list[str]:
    """The path of every live page of the tree, in every language."""
    urls = []
    for page in Page.objects.live().exclude(depth=1).specific():
        url = page.get_url()
        if url:
            urls.append(url)
    return sorted(set(urls))
