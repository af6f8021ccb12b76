"""The online festival in a browser, emails through a real SMTP server, in French and in
English on a phone: a visitor registers on the demo's competition, opens the link from
the email (which confirms the address), watches a film through its signed link and
votes. Every page on the way passes axe-core and fetches nothing from another host."""

import json
import re
from urllib.parse import urlsplit

import pytest

from .demo_server import manage
from .test_accessibility import LANGUAGES, audit

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("chromium_ready")]

# Run inside the demo database: the competition page open for votes, in each language.
COMPETITION = r"""
import json
from urllib.parse import urlsplit
from wagtail.models import Locale
from festival.models import CompetitionPage

page = next(p for p in CompetitionPage.objects.live().filter(locale__language_code="fr")
            if p.voting_open())
english = page.get_translation(Locale.objects.get(language_code="en"))
found = {"fr": urlsplit(page.get_full_url()).path, "en": urlsplit(english.get_full_url()).path}
print("DEMO-COMPETITION " + json.dumps(found))
"""
ACCESS_LINK = re.compile(r"https?://\S+/festival/[^/\s]+/")
WORDS = {
    "fr": {
        "register": "S’inscrire",
        "registered": "Vérifiez votre boîte de réception",
        "confirmed": "est confirmée",
        "watch": "Voir « ",
        "vote": "Voter",
        "voted": "Votre vote est enregistré.",
    },
    "en": {
        "register": "Register",
        "registered": "Check your inbox",
        "confirmed": "is confirmed",
        "watch": "Watch “",
        "vote": "Vote",
        "voted": "Your vote is recorded.",
    },
}


@pytest.fixture(scope="module")
def competition(demo_site) -> dict[str, str]:
    output = manage("shell", "-c", COMPETITION, env=demo_site.env, timeout=120)
    line = next(line for line in output.splitlines() if line.startswith("DEMO-COMPETITION "))
    return json.loads(line.removeprefix("DEMO-COMPETITION "))


def text_of(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_visitor_registers_confirms_watches_and_votes(
    demo_site, demo_mail_server, browser_tab, competition, language
):
    words = WORDS[language]
    email = f"festival-{language}@example.org"
    log_start = demo_site.log_size()

    def check(name, open_page, expect, status=200):
        audit(
            demo_site,
            browser_tab("phone"),
            name=f"festival-{name}-{language}-phone",
            language=language,
            open_page=open_page,
            status=status,
            expect=expect,
        )

    def open_competition(page):
        return page.goto(demo_site.url(competition[language]), wait_until="networkidle")

    def register(page):
        open_competition(page)
        form = page.locator("form.competition__form")
        form.locator('input[name="email"]').fill(email)
        with page.expect_navigation() as navigation:
            form.get_by_role("button", name=words["register"]).click()
        return navigation.value

    check(
        "page",
        open_competition,
        lambda page: page.locator("form.competition__form").is_visible(),
    )
    check("registered", register, lambda page: words["registered"] in page.content())

    [message] = demo_mail_server.inbox.wait_for(email)
    access = urlsplit(ACCESS_LINK.search(text_of(message)).group(0)).path
    assert access.startswith("/en/festival/" if language == "en" else "/festival/")

    def open_access(page):
        return page.goto(demo_site.url(access), wait_until="networkidle")

    check("access", open_access, lambda page: words["confirmed"] in page.content())

    def watch(page):
        open_access(page)
        link = page.get_by_role("link", name=re.compile("^" + re.escape(words["watch"])))
        with page.expect_navigation() as navigation:
            link.first.click()
        return navigation.value

    def expect_film(page):
        source = page.locator("video.competition__player source").get_attribute("src")
        assert source.endswith("/video/")
        # The film itself, served through the signed link.
        played = page.request.get(demo_site.url(source))
        assert played.status == 200 and played.body()[:4] == b"\x1aE\xdf\xa3"

    check("watch", watch, expect_film)

    def vote(page):
        open_access(page)
        form = page.locator("form.competition__vote")
        form.locator('input[name="film"]').nth(2).check()
        with page.expect_navigation() as navigation:
            form.get_by_role("button", name=words["vote"], exact=True).click()
        return navigation.value

    check("voted", vote, lambda page: words["voted"] in page.content())
    assert demo_site.server_errors(since=log_start) == []
