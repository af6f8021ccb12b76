"""The applicant's manage page, the same as a booking's: what became of the application,
the ticket for the door once accepted, and withdrawing in two steps, through the real
public views (and the admin for what staff then see)."""

import pytest
import time_machine
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests.conftest import paris
from tests.events.factories import SessionFactory
from tests.training.test_admin import edit, make_application, staff
from tests.training.test_views import form_data
from tests.workshops.factories import TrainingModulePageFactory
from training import services
from training.emails import acknowledgement_email_for, decision_email_for
from training.models import Application

Status = Application.Status
FIRST_SESSION = paris(2027, 1, 11, 10)


@pytest.fixture
def module(shared_site, frozen_now):
    page = TrainingModulePageFactory(
        parent=shared_site.programme,
        title="Étalonnage",
        slug="etalonnage",
        application_deadline=paris(2026, 12, 15, 18),
        places=1,
    )
    SessionFactory(page=page, start=FIRST_SESSION, venue=shared_site.venue)
    SessionFactory(page=page, start=paris(2027, 1, 18, 10), venue=shared_site.venue)
    return page


def manage_url(application):
    return application.get_absolute_url()


def withdraw_url(application):
    return reverse("application_withdraw", kwargs={"token": application.manage_token})


def test_the_acknowledgement_links_to_a_private_manage_page_in_the_applicants_language(
    client, module, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(module.url, form_data())

    application = Application.objects.get()
    url = f"/candidature/{application.manage_token}/"
    assert url in mailoutbox[0].body
    assert "Voir votre candidature ou la retirer :" in mailoutbox[0].body
    page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert page["Referrer-Policy"] == "same-origin" and page["X-Robots-Tag"] == "noindex"
    assert "Votre candidature est bien reçue." in html
    assert "Ana Ruiz" in html and html.count("<time") == 3  # two sessions, applied on
    assert "qr-code" not in html  # no ticket before acceptance
    assert withdraw_url(application) in html


def test_an_english_application_has_its_manage_page_in_english(client, module):
    application = make_application(module, status=Status.SHORTLISTED, language="en")

    assert manage_url(application) == f"/en/application/{application.manage_token}/"
    html = client.get(manage_url(application)).content.decode()
    assert "Your application is on our shortlist." in html
    assert "Withdraw my application" in html


def test_an_accepted_applicant_sees_the_door_ticket_and_gets_the_link_by_email(client, module):
    application = make_application(module, status=Status.ACCEPTED, language="fr")

    html = client.get(manage_url(application)).content.decode()
    message = decision_email_for(application_id=application.pk, status=Status.ACCEPTED)

    assert "Acceptée : une place vous est réservée dans le module." in html
    assert 'class="qr-code"' in html and "Votre billet" in html
    assert manage_url(application) in message.body
    assert "Voir votre candidature en ligne :" in message.body


def test_withdrawing_asks_first_then_withdraws_and_says_so(client, module):
    application = make_application(module, status=Status.SHORTLISTED, language="fr")

    question = client.get(withdraw_url(application))
    application.refresh_from_db()
    assert question.status_code == 200 and application.status == Status.SHORTLISTED
    assert "Retirer votre candidature ?" in question.content.decode()
    assert "Nous n’examinerons plus votre candidature." in question.content.decode()

    response = client.post(withdraw_url(application))

    assert response.status_code == 302 and response["Location"] == manage_url(application)
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    html = client.get(manage_url(application)).content.decode()
    assert "Votre candidature est retirée." in html
    assert "Vous avez retiré cette candidature." in html
    assert withdraw_url(application) not in html
    entry = ModelLogEntry.objects.get(action=services.WITHDRAW_ACTION)
    assert entry.object_id == str(application.pk) and entry.user is None


def test_a_trainee_who_withdraws_frees_the_place_for_staff_to_offer(client, module):
    trainee = make_application(module, 1, status=Status.ACCEPTED)
    waiting = make_application(module, 2, status=Status.WAITLISTED)
    staff_client = type(client)()
    staff_client.force_login(staff("view_application", "change_application"))
    assert edit(staff_client, waiting, status=Status.ACCEPTED).status_code == 200  # full

    client.post(withdraw_url(trainee))
    response = edit(staff_client, waiting, status=Status.ACCEPTED)

    assert response.status_code == 302
    waiting.refresh_from_db()
    trainee.refresh_from_db()
    assert (trainee.status, waiting.status) == (Status.WITHDRAWN, Status.ACCEPTED)
    history = staff_client.get(reverse("training_applications:history", args=[trainee.pk]))
    assert "Retirée par la personne candidate depuis sa page" in history.content.decode()


def test_withdrawing_twice_changes_nothing_more(client, module):
    application = make_application(module, status=Status.RECEIVED, language="fr")
    client.post(withdraw_url(application))

    again = client.post(withdraw_url(application))

    assert again.status_code == 302 and again["Location"] == manage_url(application)
    assert ModelLogEntry.objects.filter(action=services.WITHDRAW_ACTION).count() == 1


def test_withdrawing_closes_when_the_module_starts(client, module):
    application = make_application(module, status=Status.ACCEPTED)

    with time_machine.travel(FIRST_SESSION, tick=False):
        html = client.get(manage_url(application)).content.decode()
        question = client.get(withdraw_url(application))
        client.post(withdraw_url(application))

    assert withdraw_url(application) not in html
    assert question.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED


def test_a_declined_application_cannot_be_withdrawn(client, module):
    application = make_application(module, status=Status.DECLINED, language="fr")

    html = client.get(manage_url(application)).content.decode()
    client.post(withdraw_url(application))

    assert "Nous n’avons pas pu vous proposer de place dans ce module" in html
    assert withdraw_url(application) not in html
    application.refresh_from_db()
    assert application.status == Status.DECLINED


def test_after_withdrawing_the_same_email_may_apply_again(client, module):
    application = make_application(module, status=Status.RECEIVED, language="fr")
    client.post(withdraw_url(application))

    response = client.post(module.url, form_data(email="ana0@example.org"))

    assert response.status_code == 302
    assert Application.objects.filter(email_key="ana0@example.org").count() == 2


@pytest.mark.parametrize("token", ["unknown", "x" * 65])
def test_an_unknown_link_is_a_404(client, module, token):
    assert client.get(f"/candidature/{token}/").status_code == 404
    assert client.post(f"/candidature/{token}/retirer/").status_code == 404


def test_an_anonymised_applications_old_link_opens_nothing(client, module):
    application = make_application(module, status=Status.RECEIVED)
    old = manage_url(application)

    with time_machine.travel(paris(2028, 6, 1, 10), tick=False):
        assert services.applications_anonymise(retention_days=30) == 1

    assert client.get(old).status_code == 404
    assert acknowledgement_email_for(application_id=application.pk) is None


def test_the_manage_page_only_shows_a_post_is_refused(client, module):
    application = make_application(module, status=Status.RECEIVED)

    assert client.post(manage_url(application)).status_code == 405
