"""Phone and desktop screenshots of every page type, in French and English.

``make screenshots`` serves the demo site and runs this against it; by hand:
``python tools/screenshots.py --base-url http://127.0.0.1:8000 --out screenshots``.
Uses Debian's Chromium (``/usr/bin/chromium``, or ``CHROME_PATH``) through Playwright:
no browser is downloaded.
"""

import argparse
import os
import sys
from pathlib import Path

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 900)}
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")


def page_paths() -> list[tuple[str, str]]:
    """(name, path) of one live page per page type and language, plus search."""
    import django

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "fabrique.settings.dev")
    django.setup()
    from wagtail.models import Page

    chosen: dict[tuple[str, str], str] = {}
    pages = Page.objects.live().public().exclude(depth=1).select_related("locale", "content_type")
    for page in pages.order_by("path"):
        key = (page.content_type.model, page.locale.language_code)
        if key not in chosen and page.url:
            chosen[key] = page.url
    paths = [(f"{language}-{model}", path) for (model, language), path in sorted(chosen.items())]
    paths += [("fr-search", "/search/?q=usine"), ("en-search", "/en/search/?q=factory")]
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base-url", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="screenshots")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    paths = page_paths()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        for viewport, (width, height) in VIEWPORTS.items():
            context = browser.new_context(viewport={"width": width, "height": height})
            for name, path in paths:
                page = context.new_page()
                response = page.goto(args.base_url.rstrip("/") + path, wait_until="load")
                if response is None or response.status != 200:
                    print(f"{path}: HTTP {response and response.status}", file=sys.stderr)
                    return 1
                if viewport == "desktop":
                    # Lazy pictures load only near the viewport: bring each into view.
                    page.evaluate(
                        "async () => { for (let y = 0; y < document.body.scrollHeight;"
                        " y += 600) { window.scrollTo(0, y);"
                        " await new Promise(r => setTimeout(r, 50)); } window.scrollTo(0, 0); }"
                    )
                    page.wait_for_load_state("networkidle")
                # Phone: what a visitor sees first; desktop: the whole page.
                target = out / f"{name}-{viewport}.png"
                page.screenshot(path=target, full_page=viewport == "desktop")
                page.close()
                print(target)
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
