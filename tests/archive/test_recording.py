"""After a session, staff attach its recording to the archive in one step."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from archive.models import CapsulePage
from tests.archive.factories import ArchiveIndexPageFactory
from tests.conftest import NOW, paris
from tests.events.factories import ScreeningPageFactory, SessionFactory


@pytest.fixture
def session(bilingual_site, frozen_now):
    ArchiveIndexPageFactory(parent=bilingual_site.home)
    page = ScreeningPageFactory(parent=bilingual_site.programme, title="Filmer le travail")
    return SessionFactory(page=page, start=paris(2026, 11, 18, 20))


@pytest.fixture
def admin(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "x")


def test_one_step_from_the_session_to_a_draft_recording(client, admin, session):
    client.force_login(admin)
    detail = client.get(reverse("event_sessions:detail", args=[session.pk])).content.decode()
    assert "Ajouter son enregistrement aux archives" in detail

    response = client.post(reverse("archive_admin:record", args=[session.pk]))
    capsule = CapsulePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[capsule.pk])
    assert capsule.session == session and not capsule.live
    assert capsule.kind == CapsulePage.Kind.TALK
    assert capsule.title == "Filmer le travail — mercredi 18 novembre"
    assert capsule.get_parent().specific_class.__name__ == "ArchiveIndexPage"

    # Twice: the same page, not a second one; the session links to it.
    client.post(reverse("archive_admin:record", args=[session.pk]))
    assert CapsulePage.objects.count() == 1
    detail = client.get(reverse("event_sessions:detail", args=[session.pk])).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[capsule.pk]) in detail


def test_not_before_the_session_took_place(client, admin, session):
    session.start = NOW + timedelta(days=1)
    session.end = session.start + timedelta(hours=2)
    session.save()
    client.force_login(admin)
    response = client.post(reverse("archive_admin:record", args=[session.pk]), follow=True)
    assert "Cette séance n’a pas encore eu lieu." in response.content.decode()
    assert not CapsulePage.objects.exists()


def test_only_staff_who_may_add_archive_pages(client, session):
    user = get_user_model().objects.create_user("guichet", "g@example.org", "x")
    user.groups.add(Group.objects.get(name="Box office"))
    client.force_login(user)
    response = client.post(reverse("archive_admin:record", args=[session.pk]), follow=True)
    assert "Vous ne pouvez pas ajouter de pages aux archives." in response.content.decode()
    assert not CapsulePage.objects.exists()
