"""Key public pages, in both languages, on a phone and a desktop: WCAG 2.2 AA by axe-core,
not a single request to another host, and no resource that fails to load. The forms'
error states and the booking and registration manage pages are checked on a phone: their
layout is that of the pages above, their content is what differs."""

import json
from urllib.parse import urlsplit

import pytest

from .conftest import axe_run
from .demo_server import REPO_ROOT, manage

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("chromium_ready")]

PAGES = {
    "home": "the home page",
    "screening": "a screening page",
    "residents": "the resident directory",
    "resident": "a resident page",
    "workshop": "a youth workshop page, registrations open",
    "training": "a training module page, applications open",
    "archive": "the archive, its filters and videos",
    "capsule": "an archive video with its player, captions and transcript",
    "project": "a resident's project page with its premiere",
    "room": "the room lent to filmmakers, its conditions and request form",
}
# Without these the page would be checked without the form it was picked for.
MUST_SHOW = {
    "workshop": "form.registration__form",
    "training": "form.application__form",
    "archive": "form.filter-form",
    "capsule": "video.capsule-player",
    "project": "#premiere-title",
    "room": "#room-request form",
}
LANGUAGES = ["fr", "en"]
VIEWPORTS = ["phone", "desktop"]
CASES = [
    pytest.param(page, language, viewport, id=f"{page}-{language}-{viewport}")
    for page in PAGES
    for language in LANGUAGES
    for viewport in VIEWPORTS
]
# Each form sent empty: the page comes back with a 400 and its error summary.
SENT_EMPTY = {
    "booking-errors": ("screening", "form.booking__form"),
    "registration-errors": ("workshop", "form.registration__form"),
    "application-errors": ("training", "form.application__form"),
    "room-request-errors": ("room", "#room-request form"),
}
# Each form sent again for someone already booked or registered: a 409, the offer to
# resend the confirmation, the error summary pointing at the form's own field.
SENT_TWICE = {
    "booking-conflict": ("screening", "form.booking__form"),
    "registration-conflict": ("workshop", "form.registration__form"),
}
MANAGE_PAGES = {
    "booking": ".booking-ticket__qr svg",  # a confirmed booking: its QR code ticket
    "registration": ".booking-status--confirmed",
    "application": ".booking-ticket__qr svg",  # an accepted trainee: the door ticket
}

# Run inside the demo database: a confirmed booking of the screening under test and a
# registration for the workshop under test, an accepted application to the training module
# under test; their manage pages in both languages.
BOOK_AND_REGISTER = r"""
import json
from datetime import date
from urllib.parse import urlsplit
from django.urls import reverse
from django.utils import translation
from events.models import ScreeningPage
from events.services import booking_create
from events.views import bookable_sessions
from workshops.models import WorkshopPage
from workshops.selectors import registration_offer
from workshops.services import registration_create
from training.models import Application, TrainingModulePage
from training.services import module_for_page

def live_page(model, path):
    return next(
        page for page in model.objects.live().filter(locale__language_code="fr")
        if urlsplit(page.get_full_url()).path == path
    )

screening = live_page(ScreeningPage, SCREENING)
session = next(s for s in bookable_sessions(page=screening)[0] if s.places_left >= 2)
booking = booking_create(
    session=session, first_name="Alex", last_name="Martin", email="axe@example.org",
    seats=2, language="fr", terms_accepted=True,
)
offer = registration_offer(page=live_page(WorkshopPage, WORKSHOP))
first = offer.sessions[0]
age = (offer.workshop.age_min + offer.workshop.age_max) // 2
registration = registration_create(
    workshop=offer.workshop, session=first, child_first_name="Lou",
    child_birth_date=date(first.start.year - age, 1, 1), guardian_first_name="Sam",
    guardian_last_name="Martin", email="axe@example.org", phone="06 12 34 56 78",
    language="fr", participation_consent=True, image_consent=True,
)
application, _created = Application.objects.get_or_create(
    module=module_for_page(live_page(TrainingModulePage, TRAINING)),
    email="axe@example.org",
    defaults={
        "first_name": "Alex", "last_name": "Martin", "language": "fr",
        "motivation": "Apprendre.", "status": Application.Status.ACCEPTED,
    },
)
found = {
    "booking": {"session": str(session.uid), "email": booking.email},
    "registration": {
        "session": str(first.uid),
        "email": registration.email,
        "child_first_name": registration.child_first_name,
        "child_birth_date": registration.child_birth_date.isoformat(),
    },
}
for language in ("fr", "en"):
    with translation.override(language):
        found[language] = {
            "booking": reverse("booking_manage", args=[booking.manage_token]),
            "registration": reverse("registration_manage", args=[registration.manage_token]),
            "application": reverse("application_manage", args=[application.manage_token]),
        }
print("DEMO-PEOPLE " + json.dumps(found))
"""

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
SCREENSHOTS = REPO_ROOT / "test-artifacts" / "screenshots"
MAX_NODES_SHOWN = 8


@pytest.fixture(scope="module")
def booked(demo_site) -> dict[str, dict[str, str]]:
    """A booking, a registration and an accepted application made in the demo site:
    what was sent, and the paths of their manage pages by language."""
    script = (
        f"SCREENING = {demo_site.pages['screening']['fr']!r}\n"
        f"WORKSHOP = {demo_site.pages['workshop']['fr']!r}\n"
        f"TRAINING = {demo_site.pages['training']['fr']!r}\n" + BOOK_AND_REGISTER
    )
    output = manage("shell", "-c", script, env=demo_site.env, timeout=120)
    line = next(line for line in output.splitlines() if line.startswith("DEMO-PEOPLE "))
    return json.loads(line.removeprefix("DEMO-PEOPLE "))


@pytest.mark.parametrize(("page_name", "language", "viewport"), CASES)
def test_page_is_accessible_and_self_hosted(demo_site, browser_tab, page_name, language, viewport):
    path = demo_site.pages.get(page_name, {}).get(language)
    assert path, f"the demo site has no {language} version of {PAGES[page_name]}"

    def expect(page):
        if page_name in MUST_SHOW:
            assert page.locator(MUST_SHOW[page_name]).is_visible(), (
                f"{path} does not show {MUST_SHOW[page_name]}"
            )

    audit(
        demo_site,
        browser_tab(viewport),
        name=f"{page_name}-{language}-{viewport}",
        language=language,
        open_page=lambda page: page.goto(demo_site.url(path), wait_until="networkidle"),
        status=200,
        expect=expect,
    )


@pytest.mark.parametrize(
    ("state", "language"),
    [pytest.param(s, lang, id=f"{s}-{lang}-phone") for s in SENT_EMPTY for lang in LANGUAGES],
)
def test_form_sent_empty_is_accessible_and_its_errors_announced(
    demo_site, browser_tab, state, language
):
    page_name, form = SENT_EMPTY[state]
    check_form_errors(
        demo_site,
        browser_tab("phone"),
        path=demo_site.pages[page_name][language],
        form=form,
        fill=lambda form: None,
        name=f"{state}-{language}-phone",
        language=language,
        status=400,
    )


@pytest.mark.parametrize(
    ("state", "language"),
    [pytest.param(s, lang, id=f"{s}-{lang}-phone") for s in SENT_TWICE for lang in LANGUAGES],
)
def test_form_sent_twice_is_accessible_and_its_errors_announced(
    demo_site, browser_tab, booked, state, language
):
    page_name, form = SENT_TWICE[state]
    kind = state.removesuffix("-conflict")
    check_form_errors(
        demo_site,
        browser_tab("phone"),
        path=demo_site.pages[page_name][language],
        form=form,
        fill=lambda form: fill_as(form, booked[kind]),
        name=f"{state}-{language}-phone",
        language=language,
        status=409,
    )


def fill_as(form, sent: dict[str, str]) -> None:
    """Fill a booking or registration form in as someone already booked or registered."""
    session = form.locator(f'input[name="session"][value="{sent["session"]}"]')
    if session.count():  # a series has no choice of session
        session.check()
    names = {
        "first_name": "Alex",
        "last_name": "Martin",
        "guardian_first_name": "Sam",
        "guardian_last_name": "Martin",
        "phone": "06 12 34 56 78",
        **sent,
    }
    for name, value in names.items():
        field = form.locator(f'input[name="{name}"]:not([type="radio"])')
        if field.count():
            field.fill(value)
    for name in ("terms", "participation_consent"):
        box = form.locator(f'input[name="{name}"]')
        if box.count():
            box.check()


def check_form_errors(demo_site, page, *, path, form, fill, name, language, status) -> None:
    def send(page):
        page.goto(demo_site.url(path))
        fill(page.locator(form))
        with page.expect_navigation() as navigation:
            page.locator(form).locator('button[type="submit"]').click()
        return navigation.value

    def expect(page):
        from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

        # Focus on the summary: a screen reader reads it, a keyboard starts from it.
        try:
            page.wait_for_function(
                "document.activeElement.matches('.error-summary[role=alert]')", timeout=5_000
            )
        except PlaywrightTimeoutError:
            pytest.fail(f"{path} ({name}): the focus is not on the error summary")
        assert page.locator(f"{form} [aria-invalid=true]").count(), "no field marked invalid"
        # Each link of the summary leads to a field a person can see, in the form.
        targets = page.locator(".error-summary a").evaluate_all(
            """links => links.map((link) => {
                const field = document.querySelector(link.hash);
                return [link.hash, !!field && !!field.closest(FORM) && field.type !== "hidden"];
            })""".replace("FORM", json.dumps(form))
        )
        assert targets and all(visible for _hash, visible in targets), (
            f"{path} ({name}): error summary links {targets}"
        )

    audit(
        demo_site,
        page,
        name=name,
        language=language,
        open_page=send,
        status=status,
        expect=expect,
    )


@pytest.mark.parametrize(
    ("kind", "language"),
    [
        pytest.param(k, lang, id=f"{k}-manage-{lang}-phone")
        for k in MANAGE_PAGES
        for lang in LANGUAGES
    ],
)
def test_manage_page_is_accessible_and_self_hosted(demo_site, browser_tab, booked, kind, language):
    path = booked[language][kind]

    def expect(page):
        assert page.locator(MANAGE_PAGES[kind]).is_visible(), (
            f"{path} does not show {MANAGE_PAGES[kind]}"
        )

    audit(
        demo_site,
        browser_tab("phone"),
        name=f"{kind}-manage-{language}-phone",
        language=language,
        open_page=lambda page: page.goto(demo_site.url(path), wait_until="networkidle"),
        status=200,
        expect=expect,
    )


def audit(demo_site, page, *, name, language, open_page, status, expect) -> None:
    """Open a page in the tab ``page`` with ``open_page`` (which returns the response that
    matters), check what ``expect`` asks, take a screenshot, then axe-core, the hosts
    asked and the resources that failed. The tab is left for the next check, without
    this one's listeners."""
    log_start = demo_site.log_size()
    requested: list[str] = []
    broken: list[str] = []

    def note_request(request):
        requested.append(request.url)

    def note_failure(response):
        # The page under test may answer 400 on purpose (a form sent empty).
        if response.status >= 400 and response.request.resource_type != "document":
            broken.append(f"{response.status} {response.url}")

    page.on("request", note_request)
    page.on("response", note_failure)
    try:
        response = open_page(page)
        path = urlsplit(page.url).path
        assert response is not None and response.status == status, (
            f"{path} answered {response.status if response else 'nothing'}, not {status}\n"
            + "\n".join(demo_site.server_errors(since=log_start))
        )
        declared = page.get_attribute("html", "lang") or ""
        assert declared.split("-")[0] == language, (
            f"{path} declares <html lang={declared!r}>, not {language!r}"
        )
        expect(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px wider than the screen ({name})"
        load_lazy_content(page)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(
            path=str(SCREENSHOTS / f"{name}.png"), full_page=True, animations="disabled"
        )
        results = axe_run(page, AXE_OPTIONS)
    finally:
        page.remove_listener("request", note_request)
        page.remove_listener("response", note_failure)

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
    assert not problems, f"{path} ({name}):\n" + "\n".join(problems)


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
