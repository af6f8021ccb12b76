"""Staff cancelling a workshop or training session (in the page editor or the sessions
admin): each guardian and applicant concerned is told once, in their language."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from events.models import Session
from tests.conftest import paris, publish_translation
from tests.events.factories import SessionFactory
from tests.workshops.factories import (
    RegistrationFactory,
    TrainingModulePageFactory,
    WorkshopPageFactory,
)
from training.models import Application
from workshops.models import WorkshopPage
from workshops.registrations import Registration

FIRST = paris(2026, 12, 9, 14)


def published_with_cancelled(page, session):
    """Cancel ``session`` the way the page editor does: a revision, then publishing."""
    page = type(page).objects.get(pk=page.pk)
    sessions = list(page.sessions.all())
    for each in sessions:
        if each.pk == session.pk:
            each.status = Session.Status.CANCELLED
    page.sessions = sessions
    page.save_revision().publish()


@pytest.fixture
def drop_in(shared_site, frozen_now):
    page = WorkshopPageFactory(parent=shared_site.programme, title="Initiation", slug="init")
    for week in range(2):
        SessionFactory(page=page, start=FIRST + timedelta(weeks=week), venue=shared_site.venue)
    publish_translation(page, title="First steps")
    return page


@pytest.fixture
def series(shared_site, frozen_now):
    page = WorkshopPageFactory(
        parent=shared_site.programme, title="Stop motion", slug="stop", is_series=True
    )
    for week in range(3):
        SessionFactory(page=page, start=FIRST + timedelta(weeks=week), venue=shared_site.venue)
    publish_translation(page, title="Stop-motion workshop")
    return page


def test_cancelling_a_session_in_the_page_editor_tells_its_guardians_once_in_their_language(
    drop_in, mailoutbox, django_capture_on_commit_callbacks
):
    first, second = drop_in.get_sessions()
    french = RegistrationFactory(session=first, child_first_name="Lou", guardian_first_name="Inès")
    english = RegistrationFactory(
        session=first, status="waitlisted", language="en", guardian_first_name="Sam"
    )
    other_day = RegistrationFactory(session=second)

    with django_capture_on_commit_callbacks(execute=True):
        published_with_cancelled(drop_in, first)

    assert Registration.objects.get(pk=french.pk).status == "cancelled"
    assert Registration.objects.get(pk=english.pk).status == "cancelled"
    assert Registration.objects.get(pk=other_day.pk).status == "confirmed"
    by_address = {m.to[0]: m for m in mailoutbox}
    assert sorted(by_address) == sorted([french.email, english.email])
    fr, en = by_address[french.email], by_address[english.email]
    assert fr.subject == "Annulation : Initiation — mercredi 9 décembre à 14 h"
    assert "Bonjour Inès," in fr.body
    assert "est annulée, et avec elle l'inscription de Lou" in fr.body
    assert en.subject == "Cancelled: First steps — Wednesday 9 December, 2 pm"
    assert "Hello Sam," in en.body

    # Publishing the page again (the session still cancelled) tells nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        WorkshopPage.objects.get(pk=drop_in.pk).save_revision().publish()
    assert len(mailoutbox) == 2


def test_cancelling_one_session_of_a_series_from_the_sessions_admin_keeps_the_others(
    client, series, mailoutbox, django_capture_on_commit_callbacks
):
    user = get_user_model().objects.create_user("guichet", "guichet@example.org", "x")
    user.groups.add(Group.objects.get(name="Box office"))
    client.force_login(user)
    first, second, third = series.get_sessions()
    registration = RegistrationFactory(
        session=first, covers_series=True, language="en", child_first_name="Lou"
    )
    url = reverse("event_sessions:cancel", args=[second.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": ""})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"reason": ""})

    assert response.status_code == 302
    assert Registration.objects.get(pk=registration.pk).status == "confirmed"
    (message,) = mailoutbox
    assert message.to == [registration.email]
    assert message.subject == "Cancelled: Stop-motion workshop — Wednesday 16 December, 2 pm"
    assert "Lou stays registered for the other sessions:" in message.body
    assert "Wednesday 9 December, 2 pm" in message.body
    assert "Wednesday 23 December, 2 pm" in message.body
    assert "16 December" not in message.body.split("other sessions:")[1]


def test_cancelling_a_training_session_tells_the_applicants_still_in_the_running(
    shared_site, frozen_now, mailoutbox, django_capture_on_commit_callbacks
):
    module = TrainingModulePageFactory(
        parent=shared_site.programme,
        title="Étalonnage",
        slug="etalonnage",
        application_deadline=paris(2026, 12, 15, 18),
    )
    for day in (11, 18):
        SessionFactory(page=module, start=paris(2027, 1, day, 10), venue=shared_site.venue)
    publish_translation(module, title="Colour grading")

    def application(n, status, language="fr"):
        return Application.objects.create(
            module=module,
            first_name=f"Prénom{n}",
            last_name="Nom",
            email=f"person{n}@example.org",
            motivation="Je monte des films.",
            language=language,
            status=status,
        )

    received = application(0, "received")
    accepted = application(1, "accepted", language="en")
    application(2, "withdrawn")
    application(3, "declined")
    first = module.get_sessions().first()

    with django_capture_on_commit_callbacks(execute=True):
        published_with_cancelled(module, first)
    with django_capture_on_commit_callbacks(execute=True):
        type(module).objects.get(pk=module.pk).save_revision().publish()

    by_address = {m.to[0]: m for m in mailoutbox}
    assert sorted(by_address) == [received.email, accepted.email]
    fr, en = by_address[received.email], by_address[accepted.email]
    assert fr.subject == "Annulation : Étalonnage — lundi 11 janvier à 10 h"
    assert "la séance du module de formation Étalonnage du lundi 11 janvier à 10 h" in fr.body
    assert en.subject == "Cancelled: Colour grading — Monday 11 January, 10 am"
    assert "Monday 18 January, 10 am" in en.body
    assert Application.objects.get(pk=accepted.pk).status == "accepted"
