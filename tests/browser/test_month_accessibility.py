"""The programme's month view in the demo site, in both languages, on a phone and a
desktop: WCAG 2.2 AA by axe-core, nothing from another host, and usable from the
keyboard (the Tab key reaches the next month's link, Enter follows it)."""

import pytest

from .test_accessibility import audit

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("chromium_ready")]

PATHS = {"fr": "/calendrier/", "en": "/en/programme-calendar/"}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_month_view_is_accessible(demo_site, browser_tab, language, viewport):
    def expect(page):
        assert page.locator("table.month").count() == 1
        assert page.locator(".month__sessions a").count() > 0

    audit(
        demo_site,
        browser_tab(viewport),
        name=f"month-{language}-{viewport}",
        language=language,
        open_page=lambda page: page.goto(demo_site.url(PATHS[language]), wait_until="networkidle"),
        status=200,
        expect=expect,
    )


def test_the_next_month_is_reached_from_the_keyboard(demo_site, browser_tab):
    page = browser_tab("desktop")
    page.goto(demo_site.url(PATHS["fr"]), wait_until="networkidle")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('rel')") == "next":
            break
    else:
        pytest.fail("the Tab key never reaches the next month's link")
    page.keyboard.press("Enter")
    page.wait_for_url("**/calendrier/?month=*")
    assert page.locator("h1").inner_text().startswith("Programme de ")
