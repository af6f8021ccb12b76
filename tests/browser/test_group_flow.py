"""A partner's group in a browser, emails through a real SMTP server: a school asks
for places from a screening page, the box office accepts in the admin, and the
contact's email arrives with the manage link, which shows the places held. The
request form and the manage page pass axe-core."""

import json
import re
from urllib.parse import urlsplit

import pytest

from .demo_server import manage
from .test_accessibility import audit
from .test_booking_flow import text_of
from .test_resident_review import log_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("chromium_ready")]

# Run inside the demo database: a new session of the screening under test, with room
# for a group and no group on it yet (it starts in four weeks).
ADD_GROUP_SESSION = r"""
import json
from datetime import timedelta
from urllib.parse import urlsplit
from django.utils import timezone
from events.models import ScreeningPage, Session

page = next(
    page for page in ScreeningPage.objects.live().filter(locale__language_code="fr")
    if urlsplit(page.get_full_url()).path == PATH
)
start = (timezone.localtime() + timedelta(days=28)).replace(hour=14, minute=0, second=0)
venue = next((session.venue for session in page.sessions.all() if session.venue), None)
session = Session.objects.create(
    page=page, start=start, end=start + timedelta(hours=2), venue=venue, places=40
)
print("GROUP-SESSION " + json.dumps({"pk": session.pk}))
"""
MANAGE_LINK = re.compile(r"https?://\S+/groupes/[\w-]+/")
EMAIL = "cpe@college-navigateurs.example"


@pytest.fixture
def group_session(demo_site) -> int:
    path = demo_site.pages["screening"]["fr"]
    output = manage("shell", "-c", f"PATH = {path!r}\n" + ADD_GROUP_SESSION, env=demo_site.env)
    line = next(line for line in output.splitlines() if line.startswith("GROUP-SESSION "))
    return json.loads(line.removeprefix("GROUP-SESSION "))["pk"]


@pytest.fixture
def new_person(browser, demo_site):
    chromium = browser
    contexts = []

    def open_page():
        context = chromium.new_context(timezone_id="Europe/Paris", locale="fr-FR")
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def test_a_partner_asks_staff_accept_and_the_email_brings_the_manage_link(
    demo_site, demo_mail_server, browser_tab, group_session, new_person
):
    log_start = demo_site.log_size()
    partner = new_person()
    partner.goto(demo_site.url(demo_site.pages["screening"]["fr"]))
    partner.get_by_role("link", name=re.compile("Vous venez en groupe")).click()
    partner.wait_for_load_state()
    request_path = urlsplit(partner.url).path
    form = partner.locator("form.group-request__form")
    form.locator(f'input[name="session"][value="{group_session}"]').check()
    form.locator('input[name="organisation_name"]').fill("Collège Les Navigateurs")
    form.locator('input[name="contact_name"]').fill("Mme Ferreira")
    form.locator('input[name="email"]').fill(EMAIL)
    form.locator('input[name="phone"]').fill("01 40 00 00 00")
    form.locator('input[name="people"]').fill("9")
    form.locator('input[name="adults"]').fill("2")
    with partner.expect_navigation() as sent:
        form.get_by_role("button", name="Envoyer la demande").click()
    summary = partner.locator(".error-summary")
    assert re.search(r"/groupes/[\w-]+/$", partner.url), (
        sent.value.status if sent.value else None,
        summary.inner_text() if summary.count() else partner.content()[:3000],
        demo_site.server_errors(since=log_start),
    )
    assert "En attente de notre réponse" in partner.content()

    staff = new_person()
    log_in(staff, demo_site, "guichet", "fabrique-staff")
    staff.goto(demo_site.url("/admin/groups/"))
    staff.get_by_role("link", name="Collège Les Navigateurs").click()
    staff.wait_for_load_state()
    staff.get_by_role("button", name="Accepter et réserver les places").click()
    staff.wait_for_load_state()
    assert "Groupe accepté : ses places sont réservées." in staff.content()

    received, accepted = demo_mail_server.inbox.wait_for(EMAIL, count=2)
    assert "Demande de groupe reçue" in received["Subject"]
    assert "Places de groupe réservées" in accepted["Subject"]
    assert "11 places lui sont réservées" in text_of(accepted)
    manage_url = MANAGE_LINK.search(text_of(accepted)).group(0)

    contact = new_person()  # the email opened on another device: no cookie needed
    contact.goto(demo_site.url(urlsplit(manage_url).path))
    assert "Acceptée" in contact.locator(".group-manage__status").inner_text()
    assert demo_site.server_errors(since=log_start) == []

    for name, path in (("group-request", request_path), ("group-manage", manage_url)):
        audit(
            demo_site,
            browser_tab("phone"),
            name=f"{name}-fr-phone",
            language="fr",
            open_page=lambda page, path=path: page.goto(
                demo_site.url(urlsplit(path).path), wait_until="networkidle"
            ),
            status=200,
            expect=lambda page: None,
        )


def test_a_workshop_page_leads_to_an_accessible_group_request(demo_site, browser_tab):
    """Youth workshops take groups too: the link on the workshop page opens the same
    request form, which passes axe-core on a phone."""
    path = demo_site.pages["workshop"]["fr"]

    def open_request(page):
        page.goto(demo_site.url(path))
        link = page.get_by_role("link", name=re.compile("Vous venez en groupe"))
        href = link.get_attribute("href")
        assert "/groupes/atelier/" in href
        return page.goto(demo_site.url(href), wait_until="networkidle")

    def expect(page):
        assert page.locator("form.group-request__form").is_visible()

    audit(
        demo_site,
        browser_tab("phone"),
        name="group-request-workshop-fr-phone",
        language="fr",
        open_page=open_request,
        status=200,
        expect=expect,
    )
