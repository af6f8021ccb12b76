"""core.mail: every email queued, sent when the server answers, retried with growing
delays while it does not, failed for good (and visible) after the last attempt."""

from datetime import timedelta

import pytest
import time_machine
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus

from core.mail import deliver, outgoing_email, retry_delay, send_later
from events.bookings import Booking
from tests.conftest import NOW
from tests.core.mail_queue import DATABASE_QUEUE, run_worker, use_smtp
from tests.events.factories import ScreeningPageFactory, SessionFactory
from tests.events.test_booking_views import START, form_data
from tests.mail_server import free_port

GREETING = "tests.core.test_mail.greeting"


def greeting(*, name: str) -> EmailMessage:
    return EmailMessage(
        f"Hello {name}", "See you on Wednesday.", to=[f"{name.lower()}@example.org"]
    )


def nothing_left(**kwargs) -> None:
    return None


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.EMAIL_RETRY_DELAYS = [60, 300]


@pytest.fixture
def mail_server_down(settings):
    use_smtp(settings, free_port())


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def waiting():
    """Emails in the queue, not yet sent (Wagtail queues its search index updates too)."""
    return list(outgoing_email().filter(status=TaskResultStatus.READY))


def test_retry_delays_follow_the_setting_then_run_out(settings):
    settings.EMAIL_RETRY_DELAYS = [60, 300, 3600]

    assert retry_delay(1) == timedelta(minutes=1)
    assert retry_delay(2) == timedelta(minutes=5)
    assert retry_delay(3) == timedelta(hours=1)
    assert retry_delay(4) is None


def test_the_default_schedule_keeps_trying_for_more_than_a_day():
    total = timedelta()
    attempt = 1
    while (delay := retry_delay(attempt)) is not None:
        assert delay >= total / 4, "each delay grows with the time already spent"
        total += delay
        attempt += 1
    assert total > timedelta(days=1)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_email_leaves_when_the_worker_runs(database_queue, mailoutbox, clock):
    send_later(GREETING, name="Ana")

    assert len(waiting()) == 1 and mailoutbox == []
    run_worker()

    assert [message.to for message in mailoutbox] == [["ana@example.org"]]
    result = outgoing_email().get()
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == "sent"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_email_is_queued_with_the_transaction_or_not_at_all(database_queue):
    with transaction.atomic():
        send_later(GREETING, name="Ana")
        transaction.set_rollback(True)
    with transaction.atomic():
        send_later(GREETING, name="Bea")

    assert [task.args_kwargs["kwargs"]["kwargs"] for task in waiting()] == [{"name": "Bea"}]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_send_queues_the_next_attempt_later_with_the_error(
    database_queue, mail_server_down, clock
):
    send_later(GREETING, name="Ana")
    run_worker()

    [retry] = waiting()
    kwargs = retry.args_kwargs["kwargs"]
    assert retry.run_after == timezone.now() + timedelta(seconds=60)
    assert kwargs["attempt"] == 2
    assert kwargs["last_error"].startswith("ConnectionRefusedError")
    assert kwargs["to"] == ["ana@example.org"] and kwargs["subject"] == "Hello Ana"
    assert kwargs["builder"] == GREETING and kwargs["kwargs"] == {"name": "Ana"}

    clock.shift(timedelta(seconds=59))
    run_worker()
    assert waiting() == [retry], "not tried again before its time"

    clock.shift(timedelta(seconds=2))
    run_worker()
    [third] = waiting()
    assert third.args_kwargs["kwargs"]["attempt"] == 3
    assert third.run_after == timezone.now() + timedelta(seconds=300)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_the_last_attempt_the_email_fails_for_good_and_stays_visible(
    database_queue, mail_server_down, clock
):
    send_later(GREETING, name="Ana")
    for _attempt in range(3):
        run_worker()
        clock.shift(timedelta(hours=1))

    assert waiting() == []
    failed = outgoing_email().get(status=TaskResultStatus.FAILED)
    assert failed.args_kwargs["kwargs"]["attempt"] == 3
    assert failed.exception_class_path.endswith("ConnectionRefusedError")
    assert deliver.get_backend().get_result(str(failed.pk)).errors


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_builder_with_nothing_to_send_sends_nothing(database_queue, mailoutbox):
    send_later("tests.core.test_mail.nothing_left", booking_id=1)
    run_worker()

    assert mailoutbox == []
    assert outgoing_email().get().return_value == "nothing to send"


def test_the_immediate_queue_sends_after_commit(db, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send_later(GREETING, name="Ana")
        assert mailoutbox == []

    assert mailoutbox[0].subject == "Hello Ana"


@pytest.mark.parametrize("queue", ["immediate", "database"])
def test_a_mail_server_that_is_down_never_fails_a_booking(
    client,
    bilingual_site,
    frozen_now,
    settings,
    mail_server_down,
    queue,
    django_capture_on_commit_callbacks,
):
    if queue == "database":
        settings.TASKS = DATABASE_QUEUE
    # Not ``shared_site``: its module-long transaction would stay open around this
    # module's transactional tests, whose worker then closes the connection inside it.
    page = ScreeningPageFactory(parent=bilingual_site.programme, title="Les Ouvrières", slug="ouv")
    session = SessionFactory(page=page, start=START, venue=bilingual_site.venue, places=5)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(page.url, form_data(session))

    booking = Booking.objects.get()
    assert response.status_code == 302
    assert response["Location"] == booking.get_absolute_url()
    assert booking.status == Booking.Status.CONFIRMED
    if queue == "database":
        [email] = waiting()
        assert email.args_kwargs["kwargs"]["kwargs"] == {"booking_id": booking.pk}
