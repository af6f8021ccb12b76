"""Staff add and edit archive pages in the Wagtail admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from archive.models import CapsulePage
from tests.archive.factories import ArchiveIndexPageFactory, DocumentFactory


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(user)
    return client


@pytest.fixture
def add_url(bilingual_site):
    index = ArchiveIndexPageFactory(parent=bilingual_site.home)
    return reverse("wagtailadmin_pages:add", args=["archive", "capsulepage", index.pk])


def capsule_form(captions, **changes) -> dict:
    """What the page editor posts to publish a new capsule with French captions."""
    return {
        "title": "Les presses",
        "slug": "les-presses",
        "kind": "capsule",
        "summary": "Un régleur raconte l'atelier.",
        "video_url": "https://vimeo.com/123456789",
        "duration": "240",
        "footage_from": "1965",
        "footage_to": "1981",
        "transcript": "Les presses tapaient toute la journée.",
        "licence": "cc-by",
        "themes": "Travail, Santé",
        "places": "Saint-Ouen",
        "trades": "Emboutissage",
        "captions-TOTAL_FORMS": "1",
        "captions-INITIAL_FORMS": "0",
        "captions-MIN_NUM_FORMS": "0",
        "captions-MAX_NUM_FORMS": "1000",
        "captions-0-language": "fr",
        "captions-0-document": str(captions.pk),
        "captions-0-ORDER": "1",
        "captions-0-DELETE": "",
        "related_pages-TOTAL_FORMS": "0",
        "related_pages-INITIAL_FORMS": "0",
        "related_pages-MIN_NUM_FORMS": "0",
        "related_pages-MAX_NUM_FORMS": "1000",
        "action-publish": "publish",
        **changes,
    }


def test_the_archive_can_be_added_under_the_home_page(admin_client, bilingual_site):
    url = reverse(
        "wagtailadmin_pages:add", args=["archive", "archiveindexpage", bilingual_site.home.pk]
    )
    assert admin_client.get(url).status_code == 200


def test_a_capsule_is_published_with_its_tags_and_captions_from_the_editor(admin_client, add_url):
    assert admin_client.get(add_url).status_code == 200
    captions = DocumentFactory(title="Sous-titres")
    response = admin_client.post(add_url, capsule_form(captions))
    assert response.status_code == 302
    capsule = CapsulePage.objects.get(slug="les-presses")
    assert capsule.live
    assert sorted(tag.name for tag in capsule.themes.all()) == ["Santé", "Travail"]
    assert [tag.name for tag in capsule.places.all()] == ["Saint-Ouen"]
    assert [tag.name for tag in capsule.trades.all()] == ["Emboutissage"]
    assert [(c.language, c.document) for c in capsule.captions.all()] == [("fr", captions)]
    edit = reverse("wagtailadmin_pages:edit", args=[capsule.pk])
    assert admin_client.get(edit).status_code == 200


def test_footage_ending_before_it_begins_is_refused_by_the_editor(admin_client, add_url):
    captions = DocumentFactory(title="Sous-titres")
    response = admin_client.post(add_url, capsule_form(captions, footage_to="1950"))
    assert response.status_code == 200
    assert response.context["form"].errors["footage_to"] == [
        "Les images ne peuvent pas finir avant de commencer."
    ]
    assert not CapsulePage.objects.exists()
