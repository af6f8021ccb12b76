"""Reports > Outgoing email: staff allowed to see the queue see what waits and what
failed, and try a failed email again; nobody else sees it."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.mail import deliver, outgoing_email
from tests.core.mail_queue import DATABASE_QUEUE

INDEX = "outgoing_email:index"


@pytest.fixture(autouse=True)
def database_queue(settings, db):
    settings.TASKS = DATABASE_QUEUE


def queued(**kwargs) -> DBTaskResult:
    return deliver.enqueue(builder="events.emails.booking_email_for", **kwargs).db_result


def waiting_retry() -> DBTaskResult:
    return (
        deliver.using(run_after=timezone.now() + timedelta(minutes=5))
        .enqueue(
            builder="events.emails.booking_email_for",
            kwargs={"booking_id": 7},
            attempt=2,
            last_error="ConnectionRefusedError: [Errno 111] Connection refused",
            to=["ana@example.org"],
            subject="Votre réservation",
        )
        .db_result
    )


def failed_for_good() -> DBTaskResult:
    result = queued(
        kwargs={"booking_id": 8}, attempt=9, to=["bea@example.org"], subject="Liste d'attente"
    )
    try:
        raise TimeoutError("timed out")
    except TimeoutError as error:
        result.set_failed(error)
    return result


def user_in_group(*codenames):
    user = get_user_model().objects.create_user("staff", "staff@example.org", "x")
    group = Group.objects.create(name="Office")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(codename__in=codenames),
    )
    user.groups.add(group)
    return user


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "x")


def test_staff_see_waiting_and_failed_emails_newest_first(client, superuser):
    first = queued(kwargs={"booking_id": 6})
    waiting_retry()
    failed_for_good()
    sent = queued(kwargs={"booking_id": 9}, to=["sent@example.org"], subject="Sent")
    sent.set_successful("sent")
    client.force_login(superuser)

    html = client.get(reverse(INDEX)).content.decode()

    assert "2 courriels en attente d’envoi" in html and "1 courriel en échec définitif" in html
    assert html.index("bea@example.org") < html.index("ana@example.org")
    assert html.index("ana@example.org") < html.index("booking_id=6")
    assert "ConnectionRefusedError: [Errno 111] Connection refused" in html
    assert "TimeoutError: timed out" in html
    assert "sent@example.org" not in html, "a sent email is not listed"
    assert reverse("outgoing_email:retry", args=[first.pk]) not in html
    assert html.count('action="/admin/outgoing-email/') == 1, "only a failed email is retried"


def test_the_listing_takes_the_same_queries_for_many_emails(
    client, superuser, django_assert_num_queries
):
    client.force_login(superuser)
    client.get(reverse(INDEX))
    for booking_id in range(3):
        queued(kwargs={"booking_id": booking_id})
    with django_assert_num_queries(9) as few:
        client.get(reverse(INDEX))
    for _more in range(5):
        waiting_retry()
        failed_for_good()

    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(reverse(INDEX))
    assert response.status_code == 200


def test_the_menu_shows_the_report_to_staff_with_the_permission(client):
    client.force_login(user_in_group("view_dbtaskresult"))

    menu = client.get(reverse("wagtailadmin_home")).content.decode()

    assert reverse(INDEX) in menu
    assert client.get(reverse(INDEX)).status_code == 200


def test_editors_without_the_permission_neither_see_nor_retry(client):
    result = failed_for_good()
    client.force_login(user_in_group("add_image", "change_image"))

    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    listing = client.get(reverse(INDEX))
    retry = client.post(reverse("outgoing_email:retry", args=[result.pk]))

    assert reverse(INDEX) not in menu
    assert listing.status_code in (302, 403) and retry.status_code in (302, 403)
    assert "bea@example.org" not in listing.content.decode()
    assert outgoing_email().get().status == TaskResultStatus.FAILED


def test_trying_a_failed_email_again_queues_a_fresh_attempt_once(client):
    result = failed_for_good()
    client.force_login(user_in_group("view_dbtaskresult"))
    url = reverse("outgoing_email:retry", args=[result.pk])

    first = client.post(url, follow=True)
    second = client.post(url, follow=True)

    [fresh] = outgoing_email()
    assert fresh.status == TaskResultStatus.READY
    assert fresh.args_kwargs["kwargs"]["kwargs"] == {"booking_id": 8}
    assert fresh.args_kwargs["kwargs"]["attempt"] == 1
    assert fresh.args_kwargs["kwargs"]["to"] == ["bea@example.org"]
    assert "sera envoyé sous peu" in first.content.decode()
    assert "plus en échec" in second.content.decode()


def stuck_with_a_dead_worker(settings) -> DBTaskResult:
    """An email whose worker was killed while sending it, TASK_TIMEOUT ago and more."""
    result = queued(kwargs={"booking_id": 5}, to=["chloe@example.org"], subject="Rappel")
    result.claim("killed-worker")
    DBTaskResult.objects.filter(pk=result.pk).update(
        started_at=timezone.now() - timedelta(seconds=settings.TASK_TIMEOUT + 60)
    )
    return result


def test_staff_see_an_email_stuck_with_a_dead_worker_and_send_it_again(client, settings):
    stuck = stuck_with_a_dead_worker(settings)
    sending = queued(kwargs={"booking_id": 6}, to=["dan@example.org"], subject="Envoi")
    sending.claim("live-worker")
    client.force_login(user_in_group("view_dbtaskresult"))
    retry_stuck = reverse("outgoing_email:retry", args=[stuck.pk])
    retry_sending = reverse("outgoing_email:retry", args=[sending.pk])

    html = client.get(reverse(INDEX)).content.decode()
    assert "1 courriel bloqué" in html
    assert "Bloqué" in html and "le processus d’envoi s’est arrêté" in html
    assert retry_stuck in html
    assert retry_sending not in html, "an email being sent now is not sent twice"

    again = client.post(retry_stuck, follow=True)
    refused = client.post(retry_sending, follow=True)

    assert "sera envoyé sous peu" in again.content.decode()
    assert "ni bloqué" in refused.content.decode()
    stuck.refresh_from_db()
    sending.refresh_from_db()
    assert stuck.status == TaskResultStatus.READY
    assert sending.status == TaskResultStatus.RUNNING


def test_retry_is_a_post_only(client, superuser):
    result = failed_for_good()
    client.force_login(superuser)

    response = client.get(reverse("outgoing_email:retry", args=[result.pk]))

    assert response.status_code == 405
    assert outgoing_email().get().status == TaskResultStatus.FAILED
