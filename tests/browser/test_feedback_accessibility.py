"""The audience feedback form on a phone, in both languages, as first shown and sent
empty: WCAG 2.2 AA by axe-core, errors linked to their fields, nothing from elsewhere."""

from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from feedback.emails import feedback_form_path
from tests.conftest import build_bilingual_site, publish_translation
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory

from .conftest import VIEWPORTS
from .test_accessibility import AXE_OPTIONS, describe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("chromium_ready"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(scope="module", autouse=True)
def database_beside_playwright():
    """Playwright's sync API keeps an event loop in this thread; the test's database
    work and the browser take turns."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
        yield


@pytest.fixture
def links(media_root):
    site = build_bilingual_site()
    page = ScreeningPageFactory(parent=site.programme, title="Les Ouvrières")
    publish_translation(page, title="The Workers")
    start = timezone.now() - timedelta(days=1)
    session = SessionFactory(page=page, start=start, venue=site.venue)
    return [
        feedback_form_path(booking=BookingFactory(session=session, language=language))
        for language in ("fr", "en")
    ]


def test_the_feedback_form_and_its_errors_are_accessible_in_both_languages(
    browser, live_server, links
):
    chromium, axe_script = browser
    own = urlsplit(live_server.url).netloc
    context = chromium.new_context(**VIEWPORTS["phone"], bypass_csp=True)
    context.set_default_timeout(20_000)
    context.add_init_script(script=axe_script)
    elsewhere: list[str] = []

    def block_other_hosts(route):
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", block_other_hosts)
    try:
        for path in links:
            page = context.new_page()
            assert page.goto(live_server.url + path).status == 200
            axe(page)
            with page.expect_navigation():
                page.click("form.feedback__form button[type=submit]")
            summary = page.locator(".error-summary")
            assert summary.is_visible()
            axe(page)
            for link in summary.locator("a").all():
                target = link.get_attribute("href")
                assert page.locator(target).is_visible(), target
            page.close()
    finally:
        context.close()
    assert elsewhere == []


def axe(page) -> None:
    results = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert not results["violations"], describe_violations(results["violations"])
