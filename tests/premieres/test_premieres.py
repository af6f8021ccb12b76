"""Residents' premieres through the real admin and the real pages: a resident proposes
from their own project only, staff accept and a draft screening is made from the
project, the project page then shows its premiere and the resident page the past ones;
a project moves one stage at a time."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from premieres.models import PremiereProposal
from residents import services as resident_services
from residents.models import ProjectPage
from residents.stages import stage_change_allowed, stage_order
from tests.conftest import NOW, paris, publish_translation
from tests.premieres.factories import RoomRequestFactory
from tests.residents.admin_client import edit_form_data
from tests.residents.factories import ProjectPageFactory, ResidentPageFactory

PREMIERE = paris(2027, 1, 13, 20)


@pytest.fixture(autouse=True)
def emails_leave_at_once(monkeypatch):
    monkeypatch.setattr(
        "core.mail.transaction.on_commit", lambda func, using=None, robust=False: func()
    )


def resident(site, name, email, stage=ProjectPage.Stage.POST_PRODUCTION):
    page = ResidentPageFactory(parent=site.residents, name=name)
    account = resident_services.resident_invite(name=name, email=email, language="fr", page=page)
    project = ProjectPageFactory(
        parent=page, owner=account.user, title=f"Film de {name}", stage=stage
    )
    client = Client()
    client.force_login(account.user)
    return account, project, client


@pytest.fixture
def ana(shared_site, frozen_now):
    return resident(shared_site, "Ana Ruiz", "ana@example.org")


@pytest.fixture
def bo(shared_site, frozen_now):
    return resident(shared_site, "Bo Chen", "bo@example.org")


@pytest.fixture
def programme(db):
    user = get_user_model().objects.create_user("prog", "prog@fabrique.example", "x")
    user.groups.add(Group.objects.get(name="Programme team"))
    client = Client()
    client.force_login(user)
    return client


def proposal_data(**changes):
    data = {
        "wished_from": "2027-01-06",
        "wished_until": "2027-01-27",
        "runtime": "52",
        "version": "vostfr",
        "needs_dcp": "on",
        "technical_notes": "Son 5.1",
    }
    data.update(changes)
    return data


def propose_url(project):
    return reverse("premieres:propose", args=[project.pk])


def accept(programme, proposal, start=PREMIERE):
    return programme.post(
        reverse("premieres:decide", args=["premiereproposal", proposal.pk]),
        {"decision": "accept", "start": f"{start:%Y-%m-%dT%H:%M}"},
    )


def test_a_resident_proposes_a_premiere_from_their_own_project(ana, mailoutbox):
    account, project, client = ana
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[project.pk])).content.decode()
    assert propose_url(project) in edit
    assert "Proposer une première" in client.get(propose_url(project)).content.decode()

    response = client.post(propose_url(project), proposal_data())

    assert response.status_code == 302
    proposal = PremiereProposal.objects.get()
    assert (proposal.project, proposal.proposed_by, proposal.language) == (
        project,
        account.user,
        "fr",
    )
    assert (proposal.runtime, proposal.technical_needs) == (52, ["DCP"])
    assert mailoutbox[-1].to == ["ana@example.org"]
    assert mailoutbox[-1].subject == "Votre demande pour « Film de Ana Ruiz » est enregistrée"


def test_a_resident_cannot_propose_from_another_residents_project(ana, bo):
    _account, a_project, _client = ana
    _b_account, _b_project, b_client = bo

    for response in (
        b_client.get(propose_url(a_project)),
        b_client.post(propose_url(a_project), proposal_data()),
    ):
        # Wagtail's answer to a permission refused: the dashboard, with why.
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert not PremiereProposal.objects.exists()


def test_a_project_still_being_shot_cannot_have_a_premiere(shared_site, frozen_now):
    _account, project, client = resident(
        shared_site, "Cléo Marin", "cleo@example.org", stage=ProjectPage.Stage.PRODUCTION
    )
    response = client.post(propose_url(project), proposal_data())
    assert response.status_code == 400
    assert "une fois le film en postproduction ou terminé" in response.content.decode()
    assert not PremiereProposal.objects.exists()


def test_wished_dates_in_the_past_are_refused(ana):
    _account, project, client = ana
    response = client.post(propose_url(project), proposal_data(wished_from="2026-11-01"))
    assert response.status_code == 400
    assert "Les dates souhaitées doivent être aujourd’hui ou plus tard." in (
        response.content.decode()
    )
    assert not PremiereProposal.objects.exists()


def test_staff_accept_and_a_draft_screening_is_made_from_the_project(ana, programme, mailoutbox):
    account, project, client = ana
    client.post(propose_url(project), proposal_data())
    proposal = PremiereProposal.objects.get()

    assert accept(programme, proposal).status_code == 302

    proposal.refresh_from_db()
    screening = proposal.screening
    assert proposal.status == "accepted" and not screening.live
    assert (screening.title, screening.film_title, screening.runtime) == (
        project.title,
        project.title,
        52,
    )
    assert screening.image == project.image
    assert screening.summary == project.logline
    assert "Montage : Ana Ruiz" in screening.synopsis
    assert f'linktype="page" id="{project.pk}"' in screening.synopsis  # back to the project
    director = screening.directors.get()
    assert (director.name, director.resident.pk) == ("Ana Ruiz", account.page.pk)
    assert screening.sessions.get().start == PREMIERE
    assert mailoutbox[-1].subject == "« Film de Ana Ruiz » : votre séance est acceptée"
    assert "mercredi 13 janvier" in mailoutbox[-1].body


def test_the_project_page_shows_its_premiere_once_the_screening_is_published(
    ana, programme, client
):
    account, project, resident_client = ana
    publish_translation(account.page)
    project_en = publish_translation(project, title="Ana's film")
    resident_client.post(propose_url(project), proposal_data())
    accept(programme, PremiereProposal.objects.get())
    assert "premiere-title" not in client.get(project.url).content.decode()  # still a draft

    screening = PremiereProposal.objects.get().screening
    screening.save_revision().publish()

    french = client.get(project.url).content.decode()
    english = client.get(project_en.url).content.decode()
    assert "Première" in french and "mercredi 13 janvier" in french
    assert screening.url in french
    assert "Premiere" in english and "13 January" in english
    assert "Premières passées" not in client.get(project.get_parent().url).content.decode()

    with time_machine.travel(PREMIERE + timedelta(days=1), tick=False):
        resident_page = client.get(project.get_parent().url).content.decode()
    assert "Premières passées" in resident_page and "Film de Ana Ruiz" in resident_page


def latest(project) -> ProjectPage:
    return ProjectPage.objects.get(pk=project.pk).get_latest_revision_as_object()


def edit_stage(client, project, stage):
    data = {**edit_form_data(client, project), "stage": stage}
    return client.post(reverse("wagtailadmin_pages:edit", args=[project.pk]), data)


def test_a_project_cannot_skip_a_stage_in_the_editor(ana):
    _account, project, client = ana

    response = edit_stage(client, project, ProjectPage.Stage.DEVELOPMENT)

    assert response.status_code == 200
    assert "Un projet avance ou recule d’une étape à la fois" in response.content.decode()
    assert latest(project).stage == ProjectPage.Stage.POST_PRODUCTION


def test_a_project_moves_to_the_next_stage_in_the_editor(ana):
    _account, project, client = ana

    response = edit_stage(client, project, ProjectPage.Stage.DISTRIBUTION)

    assert response.status_code == 302
    assert latest(project).stage == ProjectPage.Stage.DISTRIBUTION


def test_stage_rule():
    order = stage_order(ProjectPage.Stage)
    assert order == ["development", "production", "post-production", "distribution"]
    assert stage_change_allowed(order, "", "distribution")  # a new project
    assert stage_change_allowed(order, "production", "production")
    assert stage_change_allowed(order, "production", "post-production")
    assert stage_change_allowed(order, "post-production", "production")  # a reshoot
    assert not stage_change_allowed(order, "development", "post-production")
    assert not stage_change_allowed(order, "distribution", "production")


def test_the_dashboard_counts_premieres_held_and_room_requests(ana, programme):
    _account, project, resident_client = ana
    resident_client.post(propose_url(project), proposal_data())
    accept(programme, PremiereProposal.objects.get(), start=NOW + timedelta(days=2))
    RoomRequestFactory()
    RoomRequestFactory(status="declined")

    with time_machine.travel(NOW + timedelta(days=3), tick=False):
        html = programme.get(reverse("impact:dashboard")).content.decode()
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td></tr>', html))
    assert rows["Premières projections tenues"] == "1"
    assert rows["Demandes de salle reçues"] == "2"
    assert rows["Demandes de salle : En attente de décision"] == "1"
    assert rows["Demandes de salle : Non retenue"] == "1"
