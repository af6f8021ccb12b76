"""Every page of the demo site speaks its own language: an English page carries no
French (people's, places' and films' names aside), a French page no English interface
string, in its visible text, in what assistive technology reads (alt, aria-label) and in
what search engines and shared links show (description, Open Graph card)."""

import re
from html.parser import HTMLParser
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.models import Page

from tests.conftest import data_kept_for_the_module

pytestmark = pytest.mark.wagtail_indexes

# Words that mark a sentence as French and are not English words.
FRENCH = """
le la les des du une et est pour avec dans sur qui que au aux cette ces nous vous pas
sont par leur leurs où être à ou mais très sans chez entre notre nos votre vos séance
séances atelier ateliers résident résidente résidents affiche visuel gratuit gratuite
réserver inscription inscrire lundi mardi mercredi jeudi vendredi samedi dimanche
janvier février mars avril mai juin juillet août septembre octobre novembre décembre
"""
# Words that mark a phrase as English interface text and are not French words.
ENGLISH = """
the and with your you book booking bookings screening screenings workshop workshops
read more next previous search this are from see all seats left free training of to
is by at sign up register apply skip content monday tuesday wednesday thursday friday
saturday sunday january february april june july august september october november
december
"""
FRENCH_WORDS = frozenset(FRENCH.split())
ENGLISH_WORDS = frozenset(ENGLISH.split())
WORD = re.compile(r"[^\W\d_]+(?:[’'][^\W\d_]+)?", re.UNICODE)
ACCENTED = re.compile(r"[àâçéèêëîïôûùüÿœæ]", re.IGNORECASE)
SKIPPED_TAGS = {"script", "style", "template", "noscript"}
SPOKEN_ATTRIBUTES = {"alt", "aria-label", "title", "placeholder"}
# What a search engine or a shared link shows of the page: its description and card.
SHOWN_META = {"description", "og:title", "og:description", "og:image:alt", "twitter:title"}


class PageText(HTMLParser):
    """Visible text and spoken attributes of a page, leaving out any element marked as
    being in another language (the language switcher's "Français", a film's original
    title) and the contents of scripts and styles."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[tuple[str, bool]] = []
        self.chunks: list[str] = []

    def _skipping(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        lang = (values.get("lang") or "").split("-")[0]
        skip = tag in SKIPPED_TAGS or bool(lang and lang != self.language)
        if tag not in {"img", "input", "meta", "link", "br", "hr", "source", "area", "wbr"}:
            self.stack.append((tag, skip))
        if skip or self._skipping():
            return
        if tag == "meta" and (values.get("name") or values.get("property")) in SHOWN_META:
            self.chunks.append(values.get("content") or "")
        for name, value in attrs:
            if name in SPOKEN_ATTRIBUTES and value:
                self.chunks.append(value)

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if not self._skipping() and data.strip():
            self.chunks.append(data.strip())


def text_of(html: str, language: str) -> list[str]:
    parser = PageText(language)
    parser.feed(html)
    return parser.chunks


def names_in_demo() -> set[str]:
    """People's, places' and films' names of the demo data: allowed in either language."""
    from demo import content
    from events.bookings import Booking
    from events.models import ScreeningPage, Venue
    from home.models import OrganisationSettings, Partner
    from residents.models import ProjectCredit, ResidentPage
    from workshops.registrations import Registration

    names = set()
    for venue in Venue.objects.all():
        names |= {venue.name, venue.street_address, venue.city}
    names |= set(Partner.objects.values_list("name", flat=True))
    names |= set(ResidentPage.objects.values_list("name", flat=True))
    names |= set(ResidentPage.objects.exclude(company="").values_list("company", flat=True))
    names |= set(ProjectCredit.objects.values_list("name", flat=True))
    names |= set(ScreeningPage.objects.values_list("original_title", flat=True))
    for org in OrganisationSettings.objects.all():
        names |= {org.legal_name, org.street_address, org.city, org.name}
    names |= set(content.PROPER_NAMES)
    # The people who booked or registered, named on their own manage pages.
    for booking in Booking.objects.all():
        names |= {f"{booking.first_name} {booking.last_name}", booking.first_name}
    for registration in Registration.objects.all():
        names |= {registration.child_first_name, registration.guardian_first_name}
    return {name for name in names if name}


@pytest.fixture(scope="module")
def demo_pages(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site seeded once for the module, and every live page's URL by language."""
    with data_kept_for_the_module(django_db_blocker, tmp_path_factory):
        call_command("seed_demo", "-v", "0", stdout=StringIO())
        pages = {"fr": [], "en": []}
        for page in Page.objects.live().public().exclude(depth=1).select_related("locale"):
            url = page.get_url()
            if url:
                pages[page.locale.language_code].append(url)
        views = {language: view_urls(language) for language in pages}
        yield {"pages": pages, "views": views, "names": names_in_demo()}


def view_urls(language: str) -> list[str]:
    """The public views that are not pages, as a visitor reaches them in ``language``:
    search results, a booking's manage and cancel pages (one booked ahead, one past),
    the feedback form, a registration's manage and cancel pages."""
    from django.urls import reverse
    from django.utils import timezone, translation

    from events.bookings import Booking
    from events.models import ScreeningPage
    from events.services import booking_create
    from feedback.services import feedback_token
    from workshops.registrations import Registration

    screening = ScreeningPage.objects.live().filter(locale__language_code="fr").first()
    ahead = booking_create(
        session=screening.get_sessions().filter(start__gt=timezone.now()).first(),
        first_name="Léa",
        last_name="Martin",
        email=f"lea.{language}@example.org",
        seats=2,
        language=language,
        terms_accepted=True,
    )
    past = Booking.objects.filter(checked_in_at__isnull=False).first()
    registration = Registration.objects.first()
    with translation.override(language):
        return [
            reverse("search") + "?q=" + {"fr": "atelier", "en": "workshop"}[language],
            reverse("search") + "?q=zanzibar",
            reverse("booking_manage", kwargs={"token": ahead.manage_token}),
            reverse("booking_cancel", kwargs={"token": ahead.manage_token}),
            reverse("booking_manage", kwargs={"token": past.manage_token}),
            reverse("feedback_form", kwargs={"token": feedback_token(booking=past)}),
            reverse("registration_manage", kwargs={"token": registration.manage_token}),
            reverse("registration_cancel", kwargs={"token": registration.manage_token}),
        ]


def without_names(text: str, names: set[str]) -> str:
    # Longest first: "Maison de quartier des Puces" before "Puces".
    for name in sorted(names, key=len, reverse=True):
        text = text.replace(name, " ")
    return text


def words_of(chunks: list[str], names: set[str]) -> list[tuple[str, str]]:
    found = []
    for chunk in chunks:
        cleaned = without_names(chunk, names)
        found.extend((word, chunk) for word in WORD.findall(cleaned))
    return found


def french_in(chunks: list[str], names: set[str]) -> list[str]:
    return sorted(
        {
            chunk
            for word, chunk in words_of(chunks, names)
            if word.lower() in FRENCH_WORDS or ACCENTED.search(word)
        }
    )


def english_in(chunks: list[str], names: set[str]) -> list[str]:
    return sorted(
        {chunk for word, chunk in words_of(chunks, names) if word.lower() in ENGLISH_WORDS}
    )


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{url}: {' | '.join(found)}" for url, found in sorted(problems.items()))


def fetch_all(client, urls: list[str]) -> dict[str, str]:
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


@pytest.fixture(scope="module")
def demo_html(demo_pages, django_db_blocker):
    """Every page and view of the demo as a visitor gets it, fetched once for the
    module's checks (each walk of the whole site costs seconds)."""
    urls = [url for kind in ("pages", "views") for by in demo_pages[kind].values() for url in by]
    with django_db_blocker.unblock():
        return fetch_all(Client(), urls)


def html_of(demo_html, urls: list[str]) -> dict[str, str]:
    return {url: demo_html[url] for url in urls}


def test_the_detectors_catch_each_language():
    assert french_in(["Une résidente de la fabrique"], set()) == ["Une résidente de la fabrique"]
    assert french_in(["Colour grading with Clémence Roy"], {"Clémence Roy"}) == []
    assert english_in(["Book a seat"], set()) == ["Book a seat"]
    assert english_in(["Réserver une place"], set()) == []
    assert text_of('<p>Hi <a lang="fr">Français</a></p><img alt="Une affiche">', "en") == [
        "Hi",
        "Une affiche",
    ]
    assert text_of('<meta name="description" content="Des films">', "en") == ["Des films"]


def test_english_pages_carry_no_french(db, demo_pages, demo_html):
    assert len(demo_pages["pages"]["en"]) > 40
    problems = {}
    for url, html in html_of(demo_html, demo_pages["pages"]["en"]).items():
        found = french_in(text_of(html, "en"), demo_pages["names"])
        if found:
            problems[url] = found
    assert not problems, report(problems)


def test_french_pages_carry_no_english_interface_strings(db, demo_pages, demo_html):
    assert len(demo_pages["pages"]["fr"]) > 40
    problems = {}
    for url, html in html_of(demo_html, demo_pages["pages"]["fr"]).items():
        found = english_in(text_of(html, "fr"), demo_pages["names"])
        if found:
            problems[url] = found
    assert not problems, report(problems)


def test_public_views_that_are_not_pages_speak_the_visitors_language(db, demo_pages, demo_html):
    problems = {}
    for language, find in (("en", french_in), ("fr", english_in)):
        for url, html in html_of(demo_html, demo_pages["views"][language]).items():
            found = find(text_of(html, language), demo_pages["names"])
            if found:
                problems[url] = found
    assert not problems, report(problems)


def bootstrap_classes(css: str) -> set[str]:
    return {name.replace("\\", "") for name in re.findall(r"\.((?:\\.|[\w-])+)", css)}


def test_every_bootstrap_class_a_page_uses_is_in_the_shipped_subset(db, demo_pages, demo_html):
    """The pages link tools/bootstrap_subset.py's part of Bootstrap: a class a page
    carries that only the whole stylesheet styles would go unstyled."""
    from tools.bootstrap_subset import SOURCE, TARGET

    whole = bootstrap_classes(SOURCE.read_text(encoding="utf-8"))
    shipped = bootstrap_classes(TARGET.read_text(encoding="utf-8"))
    urls = [url for language in ("fr", "en") for url in demo_pages["pages"][language]]
    urls += demo_pages["views"]["fr"] + demo_pages["views"]["en"]
    missing = {}
    for url, html in html_of(demo_html, urls).items():
        assert "bootstrap.subset" in html, url
        used = {c for value in re.findall(r'class="([^"]*)"', html) for c in value.split()}
        if lost := sorted((used & whole) - shipped):
            missing[url] = lost
    assert not missing, report(missing)
