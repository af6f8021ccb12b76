"""The Content-Security-Policy as Chromium applies it (no bypass): no violation on the
home page, a screening page with its booking form (booking still works) and the
booking's page with its QR code, an archive capsule whose player loads the video and
its captions, a click-to-load video whose platform player is allowed to load, and the
donation form whose redirect to Stripe Checkout form-action must allow: a control run
without Stripe in form-action shows that Chromium checks that redirect.

The JSON-LD of the screening and capsule pages (<script type="application/ld+json">)
is data the browser never runs: script-src does not apply to it and no violation is
reported, which these pages show."""

from urllib.parse import urlsplit

import pytest

from tests.home.factories import StandardPageFactory

from .test_booking_flow import book, small_session  # noqa: F401 (fixture used by name)
from .test_donation_accessibility import (  # noqa: F401 (fixtures used by name)
    database_beside_playwright,
    donation_page,
    stripe_standin,
    wagtail_base_data,
)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("chromium_ready")]

# Run before any script of the page (Playwright injects it outside the page's policy).
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `(${event.sourceFile || ""}:${event.lineNumber || ""})`
  );
});
"""


class Visitor:
    """A browser context under the site's real policy, recording what goes wrong."""

    def __init__(self, chromium, own_netloc: str):
        self.context = chromium.new_context(timezone_id="Europe/Paris", locale="fr-FR")
        self.context.set_default_timeout(20_000)
        self.context.add_init_script(script=RECORD_VIOLATIONS)
        self.elsewhere: list[str] = []
        self.console: list[str] = []
        self.own = own_netloc
        self.context.route("**/*", self._only_this_site)
        self.page = self.context.new_page()
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.console.append(f"pageerror: {error}"))

    def _only_this_site(self, route):
        if urlsplit(route.request.url).netloc == self.own:
            route.continue_()
        else:  # allowed by the policy, or it would never have been asked for
            self.elsewhere.append(route.request.url)
            route.abort("blockedbyclient")

    def _console(self, message):
        if message.type in {"error", "warning"}:
            self.console.append(f"{message.type}: {message.text}")

    def violations(self) -> list[str]:
        return self.page.evaluate("window.cspViolations || []")

    def problems(self, *, ignore_blocked: bool = False) -> list[str]:
        """This page's violations and every console error or warning so far."""
        console = [
            line
            for line in self.console
            if not (ignore_blocked and "ERR_BLOCKED_BY_CLIENT" in line)
        ]
        return self.violations() + console

    def close(self):
        self.context.close()


@pytest.fixture
def visitor(browser):
    chromium = browser
    visitors = []

    def open_for(netloc: str) -> Visitor:
        visitors.append(Visitor(chromium, netloc))
        return visitors[-1]

    yield open_for
    for each in visitors:
        each.close()


def assert_policy_enforced(response):
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe" not in policy


def test_home_screening_booking_and_capsule_pages_raise_no_violation(
    demo_site,
    visitor,
    small_session,  # noqa: F811
):
    log_start = demo_site.log_size()
    guest = visitor(demo_site.netloc)
    page = guest.page

    assert_policy_enforced(page.goto(demo_site.url(demo_site.pages["home"]["fr"])))
    assert guest.problems() == []

    screening = demo_site.pages["screening"]["fr"]
    assert_policy_enforced(page.goto(demo_site.url(screening)))
    assert page.locator('script[type="application/ld+json"]').count() == 1
    assert guest.problems() == []

    book(page, demo_site, small_session, email="csp@example.org", seats=1)
    assert "Confirmée : 1 place est réservée pour vous." in page.content()
    assert page.locator(".booking-ticket__qr svg").count() == 1
    assert guest.problems() == []

    assert_policy_enforced(page.goto(demo_site.url(demo_site.pages["capsule"]["fr"])))
    assert page.locator('script[type="application/ld+json"]').count() == 1
    player = page.evaluate(
        """async () => {
            const video = document.querySelector("video.capsule-player");
            const element = video.querySelector("track");
            const loaded = (target, ok, ko) => new Promise((resolve) => {
                target.addEventListener(ok, () => resolve(true), { once: true });
                target.addEventListener(ko, () => resolve(false), { once: true });
                setTimeout(() => resolve(false), 15000);
            });
            const metadata = loaded(video, "loadedmetadata", "error");
            video.preload = "metadata";
            video.load();
            element.track.mode = "showing";
            const captions = element.readyState === 2 || await loaded(element, "load", "error");
            return {
                video: await metadata,
                duration: video.duration,
                captions,
                cues: element.track.cues ? element.track.cues.length : 0,
            };
        }"""
    )
    assert player["video"] and player["duration"] > 0, player
    assert player["captions"] and player["cues"] > 0, player
    assert guest.problems() == []
    assert guest.elsewhere == []
    assert demo_site.server_errors(since=log_start) == []


@pytest.mark.django_db(transaction=True)
def test_a_video_player_and_the_donation_redirect_are_allowed_and_nothing_else(
    live_server,
    visitor,
    settings,
    donation_page,  # noqa: F811
    stripe_standin,  # noqa: F811
):
    """Served by the live server in this process: the donation form needs Stripe keys
    (its stand-in), and the control run changes the policy for one request."""
    guest = visitor(urlsplit(live_server.url).netloc)
    page = guest.page

    # A click-to-load video: the platform's player is asked for only after the click,
    # and frame-src lets it (the test's router then stops it: no network here).
    video_page = StandardPageFactory(parent=donation_page.get_parent(), title="Vidéo", slug="video")
    page.goto(live_server.url + video_page.url)
    assert guest.elsewhere == []
    page.get_by_role("button", name="Lire la vidéo (depuis Vimeo)").click()
    page.locator("iframe.video-frame").wait_for()
    page.wait_for_timeout(500)
    assert [urlsplit(url).netloc for url in guest.elsewhere] == ["player.vimeo.com"]
    assert guest.problems(ignore_blocked=True) == []
    guest.elsewhere.clear()

    def give():
        page.goto(live_server.url + donation_page.url)
        page.check("#id_amount_1")
        page.fill("#id_first_name", "Camille")
        page.fill("#id_last_name", "Durand")
        page.fill("#id_email", "camille@example.org")
        page.click("form.donation__form button[type=submit]")
        page.wait_for_timeout(1500)

    # Control: without Stripe in form-action, Chromium refuses the redirect. It reports
    # the form's own address (it hides where a cross-origin redirect led), which alone
    # is allowed, as the run below shows: what is refused is the redirect to Stripe.
    directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    allowed = directives["form-action"]
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {**directives, "form-action": ["'self'"]},
    }
    give()
    assert guest.elsewhere == []
    assert guest.violations() == [f"form-action blocked {live_server.url}{donation_page.url} (:)"]
    assert len(stripe_standin.requests) == 1  # the Checkout Session was made, then refused
    guest.console.clear()

    # The site's policy: the redirect goes to Stripe Checkout, with no violation.
    settings.CONTENT_SECURITY_POLICY = {
        **settings.CONTENT_SECURITY_POLICY,
        "DIRECTIVES": {**directives, "form-action": allowed},
    }
    give()
    assert [urlsplit(url).netloc for url in guest.elsewhere] == ["checkout.stripe.com"]
    assert guest.problems(ignore_blocked=True) == []
