"""Key public pages, in both languages, on a phone and a desktop: WCAG 2.2 AA by axe-core,
not a single request to another host, and no resource that fails to load."""

from urllib.parse import urlsplit

import pytest

from .demo_server import REPO_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("chromium_ready")]

PAGES = {
    "home": "the home page",
    "screening": "a screening page",
    "residents": "the resident directory",
    "resident": "a resident page",
}
LANGUAGES = ["fr", "en"]
VIEWPORTS = ["phone", "desktop"]
CASES = [
    pytest.param(page, language, viewport, id=f"{page}-{language}-{viewport}")
    for page in PAGES
    for language in LANGUAGES
    for viewport in VIEWPORTS
]

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
MAX_NODES_SHOWN = 8


@pytest.mark.parametrize(("page_name", "language", "viewport"), CASES)
def test_page_is_accessible_and_self_hosted(
    demo_site, browser_context, page_name, language, viewport
):
    path = demo_site.pages.get(page_name, {}).get(language)
    assert path, f"the demo site has no {language} version of {PAGES[page_name]}"

    log_start = demo_site.log_size()
    page = browser_context(viewport).new_page()
    requested: list[str] = []
    broken: list[str] = []
    page.on("request", lambda request: requested.append(request.url))

    def note_failure(response):
        if response.status >= 400:
            broken.append(f"{response.status} {response.url}")

    page.on("response", note_failure)
    try:
        response = page.goto(demo_site.url(path), wait_until="networkidle")
        assert response is not None and response.status == 200, (
            f"{path} answered {response.status if response else 'nothing'}\n"
            + "\n".join(demo_site.server_errors(since=log_start))
        )
        declared = page.get_attribute("html", "lang") or ""
        assert declared.split("-")[0] == language, (
            f"{path} declares <html lang={declared!r}>, not {language!r}"
        )
        load_lazy_content(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(SCREENSHOTS / f"{page_name}-{language}-{viewport}.png"),
            full_page=True,
            animations="disabled",
        )
        results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    finally:
        page.close()

    problems = []
    elsewhere = sorted({url for url in requested if _is_third_party(url, demo_site.netloc)})
    if elsewhere:
        problems.append(
            f"{len(elsewhere)} request(s) to another host:\n"
            + "\n".join(f"  - {url}" for url in elsewhere)
        )
    if broken:
        problems.append(
            f"{len(broken)} resource(s) failed to load:\n"
            + "\n".join(f"  - {line}" for line in sorted(set(broken)))
        )
    if results["violations"]:
        problems.append(describe_violations(results["violations"]))
    assert not problems, f"{path} ({language}, {viewport}):\n" + "\n".join(problems)


def load_lazy_content(page) -> None:
    """Scroll the whole page so lazy images load too: into the screenshot, and into
    the recorded requests (a lazy third-party image is still a third-party request)."""
    page.evaluate(
        """async () => {
            const step = Math.max(window.innerHeight, 400);
            for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
                window.scrollTo(0, y);
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            window.scrollTo(0, 0);
        }"""
    )
    page.wait_for_function("() => Array.from(document.images).every((image) => image.complete)")


def describe_violations(violations: list[dict]) -> str:
    lines = [f"{len(violations)} accessibility rule(s) violated (axe-core):"]
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'unknown impact'}]: "
            f"{violation['help']} ({len(nodes)} element(s)) {violation.get('helpUrl', '')}"
        )
        for node in nodes[:MAX_NODES_SHOWN]:
            target = " ".join(
                " >> ".join(part) if isinstance(part, list) else part for part in node["target"]
            )
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {target}\n      {summary[:300]}")
        if len(nodes) > MAX_NODES_SHOWN:
            lines.append(f"    ... and {len(nodes) - MAX_NODES_SHOWN} more")
    return "\n".join(lines)


def _is_third_party(url: str, own_netloc: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return False
    return parts.netloc != own_netloc
