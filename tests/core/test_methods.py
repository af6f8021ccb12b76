"""HTTP methods on every public URL: GET and HEAD both work; a page answers 405, with
an Allow header, to what it does not handle (it used to render itself for PUT, PATCH
or DELETE); OPTIONS lists the methods without rendering the page."""

import pytest
from django.test import Client
from wagtail.models import Page, get_page_models

from tests.events.factories import BookingFactory
from tests.url_walk import page_urls, url_templates
from tests.workshops.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

READ = {"GET", "HEAD", "OPTIONS"}
FORM_PAGES = {
    "ScreeningPage",
    "WorkshopPage",
    "TrainingModulePage",
    "DonationPage",
    "RoomLoanPage",
}
UNHANDLED = ["PUT", "PATCH", "DELETE"]


def allow(response) -> set[str]:
    return {method.strip() for method in response.get("Allow", "").split(",") if method.strip()}


def public_urls(site_content) -> list[str]:
    """Every page of the tree, every public pattern (sample values), and the manage
    links of a real booking and registration."""
    samples = [
        t.sample()
        for t in url_templates()
        if not t.is_admin and not t.is_wagtail_serve and t.name != "stripe_webhook"
    ]
    screening = site_content.pages["screening"][0]
    workshop = site_content.pages["workshop"][0]
    booking = BookingFactory(session=screening.sessions.first())
    registration = RegistrationFactory(session=workshop.sessions.first())
    feeds = ["/calendar/screenings.ics", "/calendar.ics?lang=en"]
    links = [booking.get_absolute_url(), registration.get_absolute_url()]
    return [*page_urls(), *samples, *feeds, *links]


def test_every_page_model_answers_only_the_methods_it_handles():
    for model in get_page_models():
        if model is Page:
            continue
        expected = READ | {"POST"} if model.__name__ in FORM_PAGES else READ
        assert set(model.allowed_http_method_names()) == expected, model


def test_get_and_head_work_on_every_public_url(site_content):
    client = Client(raise_request_exception=False)
    answers = {}
    for url in public_urls(site_content):
        get, head = client.get(url), client.head(url)
        answers[url] = (get.status_code, head.status_code)
        assert head.content == b""
    wrong = {url: codes for url, codes in answers.items() if 405 in codes or codes[0] != codes[1]}
    assert wrong == {}
    served = [url for url, (get, _head) in answers.items() if get == 200]
    assert {"/", "/en/", "/calendar.ics", "/sitemap.xml", "/robots.txt"} <= set(served)
    assert sum(1 for url in served if "/booking/" in url or "/inscription/" in url) == 2


@pytest.mark.parametrize("method", UNHANDLED)
def test_unhandled_methods_are_405_with_allow_on_every_public_url(site_content, method):
    client = Client(raise_request_exception=False)
    wrong = {}
    for url in public_urls(site_content):
        response = client.generic(method, url)
        refused = response.status_code == 405 and {"GET", "HEAD"} <= allow(response)
        # Wagtail's document and password views look for their object first: for the
        # sample ids, which exist nowhere, any method is 404, as GET is.
        missing = response.status_code == 404 and client.get(url).status_code == 404
        if not (refused or missing):
            wrong[url] = (response.status_code, response.get("Allow"))
    assert wrong == {}


def test_options_on_a_page_lists_its_methods_without_rendering_it(client, site_content):
    standard = client.options(site_content.pages["standard"][1].url)
    screening = client.options(site_content.pages["screening"][0].url)

    assert standard.status_code == 200 and standard.content == b""
    assert allow(standard) == READ
    assert allow(screening) == READ | {"POST"}


def test_a_put_on_a_page_changes_nothing_and_says_what_is_allowed(client, site_content):
    screening = site_content.pages["screening"][0]
    sessions = screening.sessions.first()

    response = client.put(screening.url, "first_name=Camille&seats=2")

    assert response.status_code == 405
    assert allow(response) == READ | {"POST"}
    assert not sessions.bookings.exists()
