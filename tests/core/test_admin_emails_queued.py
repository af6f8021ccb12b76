"""Wagtail's comment notifications and the admin's password-reset email leave through
the site's mail queue, like every other email: nothing is sent from the request, the
worker delivers them, and a mail server that is down loses neither."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django_tasks import TaskResultStatus
from wagtail.models import PageSubscription

from core.admin_notifications import STORED_MESSAGE
from core.mail import outgoing_email
from tests.core.mail_queue import DATABASE_QUEUE, run_worker
from tests.residents.admin_client import edit_form_data

# The worker closes its database connection when it ends, as in production: these tests
# run outside a test transaction so that the closed connection is simply reopened.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def queued_to(address):
    return [
        task
        for task in outgoing_email().filter(
            args_kwargs__kwargs__builder=STORED_MESSAGE, status=TaskResultStatus.READY
        )
        if task.args_kwargs["kwargs"]["kwargs"]["to"] == [address]
    ]


def test_a_comment_on_a_page_is_queued_for_its_subscribers_then_delivered(
    bilingual_site, settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    users = get_user_model().objects
    watcher = users.create_superuser("watcher", "watcher@fabrique.example", "x")
    editor = users.create_superuser("editor", "editor@fabrique.example", "x")
    page = bilingual_site.home
    PageSubscription.objects.create(user=watcher, page=page, comment_notifications=True)
    client = Client()
    client.force_login(editor)
    data = edit_form_data(client, page)
    data.update(
        {
            "comments-TOTAL_FORMS": "1",
            "comments-INITIAL_FORMS": "0",
            "comments-MIN_NUM_FORMS": "0",
            "comments-MAX_NUM_FORMS": "1000",
            "comments-0-contentpath": "title",
            "comments-0-text": "Le titre est trop long",
            "comments-0-replies-TOTAL_FORMS": "0",
            "comments-0-replies-INITIAL_FORMS": "0",
            "comments-0-replies-MIN_NUM_FORMS": "0",
            "comments-0-replies-MAX_NUM_FORMS": "1000",
        }
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 302
    assert page.wagtail_admin_comments.filter(text="Le titre est trop long").exists()
    assert mailoutbox == [], "nothing is sent from the editor's request"
    [queued] = queued_to("watcher@fabrique.example")
    assert "Le titre est trop long" in queued.args_kwargs["kwargs"]["kwargs"]["body"]

    run_worker()

    [delivered] = mailoutbox
    assert delivered.to == ["watcher@fabrique.example"]
    assert "Le titre est trop long" in delivered.body


def test_the_admin_password_reset_email_is_queued_then_delivered_with_its_link(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    settings.TASKS = DATABASE_QUEUE
    get_user_model().objects.create_user("prog", "prog@fabrique.example", "x", is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            reverse("wagtailadmin_password_reset"), {"email": "prog@fabrique.example"}
        )

    assert response.status_code == 302
    assert mailoutbox == [], "nothing is sent from the visitor's request"
    [queued] = queued_to("prog@fabrique.example")
    assert "\n" not in queued.args_kwargs["kwargs"]["kwargs"]["subject"]

    run_worker()

    [delivered] = mailoutbox
    assert delivered.to == ["prog@fabrique.example"]
    assert "/admin/password_reset/confirm/" in delivered.body
