"""The audience feedback form of the demo site's past season, in both languages on a
phone, as first shown and sent empty: WCAG 2.2 AA by axe-core, the focus on the error
summary, each of its links leading to a field, nothing fetched from another host."""

import json

import pytest

from .demo_server import manage
from .test_accessibility import LANGUAGES, audit, check_form_errors

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("chromium_ready")]

# Run inside the demo database: the feedback link of a booking of the past season that
# has not answered yet, in each language.
FEEDBACK_LINKS = r"""
import json
from events.bookings import Booking
from feedback.emails import feedback_form_path

found = {}
for language in ("fr", "en"):
    booking = Booking.objects.filter(
        language=language, checked_in_at__isnull=False, feedback__isnull=True
    ).order_by("pk").first()
    found[language] = feedback_form_path(booking=booking)
print("DEMO-FEEDBACK " + json.dumps(found))
"""


@pytest.fixture(scope="module")
def feedback_links(demo_site) -> dict[str, str]:
    output = manage("shell", "-c", FEEDBACK_LINKS, env=demo_site.env, timeout=120)
    line = next(line for line in output.splitlines() if line.startswith("DEMO-FEEDBACK "))
    return json.loads(line.removeprefix("DEMO-FEEDBACK "))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feedback_form_is_accessible_and_self_hosted(
    demo_site, browser_tab, feedback_links, language
):
    path = feedback_links[language]

    def expect(page):
        assert page.locator("form.feedback__form fieldset legend").first.is_visible()

    audit(
        demo_site,
        browser_tab("phone"),
        name=f"feedback-{language}-phone",
        language=language,
        open_page=lambda page: page.goto(demo_site.url(path), wait_until="networkidle"),
        status=200,
        expect=expect,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_feedback_form_sent_empty_is_accessible_and_its_errors_announced(
    demo_site, browser_tab, feedback_links, language
):
    check_form_errors(
        demo_site,
        browser_tab("phone"),
        path=feedback_links[language],
        form="form.feedback__form",
        fill=lambda form: None,
        name=f"feedback-errors-{language}-phone",
        language=language,
        status=400,
    )
