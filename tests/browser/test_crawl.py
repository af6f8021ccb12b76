"""Every page of the sitemap, fetched from the served demo site: it answers, both
languages are there, and no page pulls a resource from another host."""

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

pytestmark = pytest.mark.browser

SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# <link rel> values that make the browser fetch something (as opposed to plain links).
RESOURCE_RELS = {
    "stylesheet",
    "icon",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
    "preload",
    "prefetch",
    "modulepreload",
    "preconnect",
    "dns-prefetch",
}
RESOURCE_ATTRIBUTES = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "iframe": ["src"],
    "source": ["src", "srcset"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "input": ["src"],
}
CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])([^'")\s]+)""")


class ResourceCollector(HTMLParser):
    """Collects (tag, attribute, URL) of everything a browser would load for a page."""

    def __init__(self):
        super().__init__()
        self.resources: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            if rels & RESOURCE_RELS or "icon" in values.get("rel", "").lower():
                self.resources.append((tag, "href", values.get("href", "")))
            return
        for attribute in RESOURCE_ATTRIBUTES.get(tag, []):
            value = values.get(attribute, "").strip()
            if not value:
                continue
            if attribute == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.resources.append((tag, attribute, candidate.split()[0]))
            else:
                self.resources.append((tag, attribute, value))


@pytest.fixture(scope="module")
def sitemap_paths(demo_site):
    status, headers, body = demo_site.get("/sitemap.xml")
    assert status == 200, f"/sitemap.xml answered {status}"
    locations = [
        loc.text.strip() for loc in ET.fromstring(body).iterfind("sm:url/sm:loc", SITEMAP_NS)
    ]
    assert locations, "/sitemap.xml lists no page"
    site_hosts = {urlsplit(location).netloc for location in locations}
    paths = [urlsplit(location).path or "/" for location in locations]
    return paths, site_hosts


def test_sitemap_lists_both_languages(demo_site, sitemap_paths):
    paths, _hosts = sitemap_paths
    english = [path for path in paths if path.startswith("/en/")]
    french = [path for path in paths if not path.startswith("/en/")]
    assert "/" in french and "/en/" in english, "both home pages belong in the sitemap"
    assert len(english) > 1 and len(french) > 1, (
        f"{len(french)} French and {len(english)} English pages in the sitemap"
    )
    assert len(paths) == len(set(paths)), "the sitemap lists a page twice"
    for name, languages in demo_site.pages.items():
        for language, path in languages.items():
            assert path in paths, f"the {language} {name} page {path} is not in the sitemap"


def test_every_sitemap_page_answers_and_loads_nothing_from_elsewhere(demo_site, sitemap_paths):
    paths, site_hosts = sitemap_paths
    own_hosts = site_hosts | {demo_site.netloc}
    failures: list[str] = []
    stylesheets: set[str] = set()
    log_start = demo_site.log_size()
    for path in paths:
        status, headers, body = demo_site.get(path)
        if status != 200:
            failures.append(f"{path} answered {status} {headers.get('location', '')}".rstrip())
            continue
        if not headers.get("content-type", "").startswith("text/html"):
            failures.append(f"{path} is {headers.get('content-type')}, not HTML")
            continue
        collector = ResourceCollector()
        collector.feed(body.decode("utf-8", errors="replace"))
        for tag, attribute, url in collector.resources:
            if _elsewhere(url, own_hosts):
                failures.append(f"{path}: <{tag} {attribute}> loads {url}")
            elif tag == "link" and url.lower().split("?")[0].endswith(".css"):
                stylesheets.add(urlsplit(urljoin(demo_site.url(path), url)).path)

    for stylesheet in sorted(stylesheets):
        status, _headers, body = demo_site.get(stylesheet)
        if status != 200:
            failures.append(f"stylesheet {stylesheet} answered {status}")
            continue
        for url in CSS_URL.findall(body.decode("utf-8", errors="replace")):
            if _elsewhere(url, own_hosts):
                failures.append(f"stylesheet {stylesheet} loads {url}")

    errors = demo_site.server_errors(since=log_start)
    assert not failures, (
        f"{len(failures)} problem(s) over {len(paths)} sitemap pages:\n"
        + "\n".join(f"  - {failure}" for failure in failures[:60])
        + ("\nserver errors:\n" + "\n".join(f"  {line}" for line in errors[:20]) if errors else "")
    )


def _elsewhere(url: str, own_hosts: set[str]) -> bool:
    parts = urlsplit(url.strip())
    if parts.scheme in {"data", "blob"}:
        return False
    return bool(parts.netloc) and parts.netloc not in own_hosts
