"""The booking flow in a browser, emails through a real SMTP server: a visitor books the
last seats of a screening, a second one joins the waiting list; the first opens the
manage link from their confirmation email and cancels; the second is promoted and told."""

import json
import re
from urllib.parse import urlsplit

import pytest

from .demo_server import manage

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("chromium_ready")]

# Run inside the demo database: a new session of the screening under test with two
# places and no booking yet, bookable now (it starts in three weeks).
ADD_SMALL_SESSION = r"""
import json
from datetime import timedelta
from urllib.parse import urlsplit
from django.utils import timezone
from events.models import ScreeningPage, Session

page = next(
    page for page in ScreeningPage.objects.live().filter(locale__language_code="fr")
    if urlsplit(page.get_full_url()).path == PATH
)
start = (timezone.localtime() + timedelta(days=21)).replace(hour=20, minute=0, second=0)
venue = next((session.venue for session in page.sessions.all() if session.venue), None)
session = Session.objects.create(
    page=page, start=start, end=start + timedelta(hours=2), venue=venue, places=2
)
print("SMALL-SESSION " + json.dumps({"uid": str(session.uid)}))
"""
MANAGE_LINK = re.compile(r"https?://\S+/booking/[\w-]+/")


@pytest.fixture
def small_session(demo_site) -> str:
    path = demo_site.pages["screening"]["fr"]
    output = manage("shell", "-c", f"PATH = {path!r}\n" + ADD_SMALL_SESSION, env=demo_site.env)
    line = next(line for line in output.splitlines() if line.startswith("SMALL-SESSION "))
    return json.loads(line.removeprefix("SMALL-SESSION "))["uid"]


@pytest.fixture
def new_visitor(browser, demo_site):
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


def book(page, demo_site, session_uid: str, *, email: str, seats: int) -> None:
    page.goto(demo_site.url(demo_site.pages["screening"]["fr"]))
    form = page.locator("form.booking__form")
    form.locator(f'input[name="session"][value="{session_uid}"]').check()
    form.locator('input[name="first_name"]').fill("Camille")
    form.locator('input[name="last_name"]').fill(email.split("@")[0].title())
    form.locator('input[name="email"]').fill(email)
    form.locator('select[name="seats"]').select_option(str(seats))
    form.locator('input[name="terms"]').check()
    form.get_by_role("button", name="Réserver").click()
    # The form posts to "#booking": browsers keep that fragment across the redirect.
    page.wait_for_url(re.compile(r"/booking/[\w-]+/(#booking)?$"))


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_cancellation_from_the_emailed_link_promotes_the_waiting_visitor(
    demo_site, demo_mail_server, small_session, new_visitor
):
    inbox = demo_mail_server.inbox
    log_start = demo_site.log_size()

    first = new_visitor()
    book(first, demo_site, small_session, email="premiere@example.org", seats=2)
    assert "Confirmée : 2 places sont réservées pour vous." in first.content()

    second = new_visitor()
    book(second, demo_site, small_session, email="seconde@example.org", seats=1)
    status = second.locator(".booking-status").inner_text()
    assert "Vous êtes sur liste d'attente, en position 1." in status

    [confirmation] = inbox.wait_for("premiere@example.org")
    assert "Votre réservation est confirmée : 2 places gratuites" in text_of(confirmation)
    manage_url = MANAGE_LINK.search(text_of(confirmation)).group(0)

    link = new_visitor()  # the email opened on another device: no cookie needed
    link.goto(demo_site.url(urlsplit(manage_url).path))
    link.get_by_role("link", name="Annuler ma réservation").click()
    link.wait_for_load_state()
    # Nothing is cancelled before the visitor confirms, on a page that needs no script.
    assert "Cette réservation est annulée." not in link.content()
    link.get_by_role("button", name="Oui, annuler ma réservation").click()
    link.wait_for_load_state()
    assert "Cette réservation est annulée." in link.content()

    waitlisted, promoted = inbox.wait_for("seconde@example.org", count=2)
    assert "liste d'attente, en position 1" in text_of(waitlisted)
    assert "Votre réservation est confirmée : 1 place gratuite" in text_of(promoted)
    second.reload()
    assert "Confirmée : 1 place est réservée pour vous." in second.content()
    assert demo_site.server_errors(since=log_start) == []
