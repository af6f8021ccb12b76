"""The home page shows what is on next, in the visitor's language."""

from datetime import timedelta

import pytest

from events.models import Session
from home.models import HomePage
from tests.conftest import NOW, publish_translation
from tests.events.factories import ScreeningPageFactory, SessionFactory
from tests.residents.factories import ResidentPageFactory
from tests.workshops.factories import WorkshopPageFactory


@pytest.fixture
def home(shared_site):
    site = shared_site
    shown = ScreeningPageFactory(parent=site.programme, title="Les Ouvrières")
    cancelled = ScreeningPageFactory(parent=site.programme, title="Séance annulée")
    past = ScreeningPageFactory(parent=site.programme, title="Séance passée")
    workshop = WorkshopPageFactory(parent=site.programme, title="Atelier son")
    SessionFactory(page=shown, start=NOW + timedelta(days=1))
    SessionFactory(page=cancelled, start=NOW + timedelta(days=2), status=Session.Status.CANCELLED)
    SessionFactory(page=past, start=NOW - timedelta(days=2))
    SessionFactory(page=workshop, start=NOW + timedelta(days=3))
    ResidentPageFactory(parent=site.residents, name="Ana Ruiz", featured=True)
    ResidentPageFactory(parent=site.residents, name="Bo Chen", featured=False)
    return site, shown, publish_translation(shown, title="The Workers"), workshop


def test_home_page_shows_next_screenings_courses_and_featured_residents(client, home):
    site, shown, _english, workshop = home

    response = client.get(site.home.url)

    assert response.status_code == 200
    content = response.content.decode()
    assert [s.event_page for s in response.context["screenings"]] == [shown]
    assert [s.event_page for s in response.context["courses"]] == [workshop]
    assert [r.name for r in response.context["residents"]] == ["Ana Ruiz"]
    assert "Les Ouvrières" in content
    assert "Séance annulée" not in content
    assert "Séance passée" not in content


def test_english_home_page_links_to_english_pages(client, home):
    site, shown, english, _workshop = home

    response = client.get(site.home_en.url)

    content = response.content.decode()
    assert f'href="{english.url}"' in content
    assert f'href="{shown.url}"' not in content


def test_donation_call_shows_only_when_donations_are_open(client, home, settings):
    site = home[0]
    page = HomePage.objects.get(pk=site.home.pk)
    page.donation_call = "Soutenez la fabrique."
    page.save()

    settings.STRIPE_SECRET_KEY = ""
    closed = client.get(site.home.url)
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    settings.STRIPE_WEBHOOK_SECRET = "whsec_x"
    opened = client.get(site.home.url)

    assert "Soutenez la fabrique." not in closed.content.decode()
    assert "Soutenez la fabrique." in opened.content.decode()
