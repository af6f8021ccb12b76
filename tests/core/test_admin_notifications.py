"""Wagtail's review notifications go through the site's mail queue: queued when a page is
submitted, retried while the mail server is down, then delivered; a subject is one line
whatever the title held (tests/home/test_single_line.py: titles are refused on two)."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_tasks import TaskResultStatus

from core.admin_notifications import STORED_MESSAGE
from core.mail import outgoing_email, send_later
from residents import services
from tests.conftest import NOW
from tests.core.mail_queue import DATABASE_QUEUE, run_worker, use_smtp
from tests.mail_server import MailServer
from tests.residents.admin_client import edit_form_data
from tests.residents.factories import ProjectPageFactory, ResidentPageFactory

REVIEWER = "prog@fabrique.example"


@pytest.fixture
def mail_server(settings):
    server = MailServer()
    use_smtp(settings, server.port)
    try:
        yield server
    finally:
        server.stop()


def resident_with_a_project(site):
    reviewer = get_user_model().objects.create_user("prog", REVIEWER, "x")
    reviewer.groups.add(Group.objects.get(name="Programme team"))
    page = ResidentPageFactory(parent=site.residents, name="Ana Ruiz")
    account = services.resident_invite(
        name="Ana Ruiz", email="ana@example.org", language="fr", page=page
    )
    project = ProjectPageFactory(parent=page, owner=account.user, title="Capsules")
    client = Client()
    client.force_login(account.user)
    return client, project


def reviewer_sees_outgoing_email() -> str:
    """Reports > Outgoing email, as a superuser sees it."""
    users = get_user_model().objects
    boss = users.filter(username="boss").first()
    staff = Client()
    staff.force_login(boss or users.create_superuser("boss", "boss@example.org", "x"))
    return staff.get(reverse("outgoing_email:index")).content.decode()


def notifications(status=None):
    emails = outgoing_email().filter(args_kwargs__kwargs__builder=STORED_MESSAGE)
    return list(emails.filter(status=status) if status else emails)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_submission_for_review_is_queued_and_retried_until_the_reviewer_gets_it(
    bilingual_site, settings, mail_server
):
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_RETRY_DELAYS = [60, 300]
    with time_machine.travel(NOW, tick=False) as clock:
        resident, project = resident_with_a_project(bilingual_site)
        edit_url = reverse("wagtailadmin_pages:edit", args=[project.pk])
        data = edit_form_data(resident, project)
        mail_server.start()

        response = resident.post(
            edit_url, {**data, "title": "Capsules d'usine", "action-submit": "1"}
        )

        assert response.status_code == 302
        assert mail_server.inbox.envelopes == [], "nothing is sent from the editor's request"
        [queued] = [
            email
            for email in notifications(TaskResultStatus.READY)
            if email.args_kwargs["kwargs"]["kwargs"]["to"] == [REVIEWER]
        ]
        assert "Capsules d'usine" in queued.args_kwargs["kwargs"]["kwargs"]["subject"]
        staff_page = reviewer_sees_outgoing_email()
        assert REVIEWER in staff_page and "Capsules d&#x27;usine" in staff_page

        mail_server.stop()
        run_worker()
        [retry] = [
            email
            for email in notifications(TaskResultStatus.READY)
            if email.args_kwargs["kwargs"]["to"] == [REVIEWER]
        ]
        assert retry.args_kwargs["kwargs"]["attempt"] == 2
        assert retry.args_kwargs["kwargs"]["last_error"].startswith("ConnectionRefusedError")
        assert "ConnectionRefusedError" in reviewer_sees_outgoing_email()

        mail_server.start()
        clock.shift(timedelta(seconds=61))
        run_worker()

    [received] = mail_server.inbox.messages_to(REVIEWER)
    assert "Capsules d'usine" in received["Subject"]
    assert received["Auto-Submitted"] == "auto-generated"
    assert notifications(TaskResultStatus.READY) == []
    assert notifications(TaskResultStatus.FAILED) == []


def test_an_older_title_on_two_lines_still_leaves_as_a_one_line_subject(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send_later(
            STORED_MESSAGE, subject="Capsules\r\nBcc: everyone@example.org", body="…", to=[REVIEWER]
        )

    [message] = mailoutbox
    assert message.subject == "Capsules Bcc: everyone@example.org"
    assert message.bcc == []
