"""The donation form on a phone, in both languages, open (test keys, Stripe's stand-in)
and sent empty: WCAG 2.2 AA by axe-core, and no request to another host.

Served by pytest-django's live server rather than the demo site: the form only shows
with Stripe keys, and the demo runs without any."""

from urllib.parse import urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Collection, Locale, Page, Site

# The donation tests' fixtures, used here by name.
from tests.donations.conftest import (  # noqa: F401
    donation_page,
    english_page,
    receipts_on,
    stripe_standin,
)

from .conftest import VIEWPORTS, axe_run
from .test_accessibility import AXE_OPTIONS, describe_violations

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("chromium_ready"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture(autouse=True)
def wagtail_base_data(transactional_db):
    """Transactional tests run before this one leave the database flushed: bring back
    what Wagtail's migrations make and the site fixtures start from."""
    ContentType.objects.clear_cache()  # its ids may be those of before the flush
    french, _created = Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=french))
    if not Site.objects.filter(is_default_site=True).exists():
        Site.objects.create(hostname="localhost", root_page=root, is_default_site=True)
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")


@pytest.fixture(scope="module", autouse=True)
def database_beside_playwright():
    """Playwright's sync API keeps an event loop in this thread, where Django refuses
    database queries unless told: the test's fixtures (and their teardown) query in
    turn with the browser, never at the same time."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "1")
        yield


@pytest.fixture
def phone(browser, live_server):
    chromium = browser
    own = urlsplit(live_server.url).netloc
    context = chromium.new_context(**VIEWPORTS["phone"], bypass_csp=True)
    context.set_default_timeout(20_000)
    elsewhere: list[str] = []

    def block_other_hosts(route):
        if urlsplit(route.request.url).netloc == own:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", block_other_hosts)
    yield context, elsewhere
    context.close()


def axe(page) -> None:
    results = axe_run(page, AXE_OPTIONS)
    assert not results["violations"], describe_violations(results["violations"])


def test_the_donation_form_and_its_errors_are_accessible_in_both_languages(
    live_server,
    phone,
    stripe_standin,  # noqa: F811
    donation_page,  # noqa: F811
    english_page,  # noqa: F811
    receipts_on,  # noqa: F811
):
    context, elsewhere = phone
    for path in (donation_page.url, english_page.url):
        page = context.new_page()
        try:
            response = page.goto(live_server.url + path)
            assert response.status == 200
            assert page.locator("form.donation__form fieldset legend").first.is_visible()
            axe(page)

            page.check("#id_amount_3")  # another amount
            page.fill("#id_other_amount", "12,345")
            with page.expect_navigation():
                page.click("form.donation__form button[type=submit]")
            assert page.locator("#donation-error-summary").is_visible()
            assert page.get_attribute("#id_other_amount", "aria-invalid") == "true"
            axe(page)
        finally:
            page.close()
    assert elsewhere == []
    assert stripe_standin.requests == []
