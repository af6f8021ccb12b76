"""core.task_queue: a task left RUNNING by a worker that died is taken back after
TASK_TIMEOUT and run again by the worker; one lost too often fails, for staff to see.
(tests/home/test_mail_worker_killed.py kills real worker processes.)"""

from datetime import timedelta

import pytest
import time_machine
from django.core.mail import EmailMessage
from django_tasks import TaskResultStatus

from core.mail import outgoing_email, send_later
from core.task_queue import tasks_take_back
from tests.conftest import NOW
from tests.core.mail_queue import DATABASE_QUEUE, run_worker

GREETING = "tests.core.test_task_queue.greeting"


def greeting(*, name: str) -> EmailMessage:
    return EmailMessage(f"Hello {name}", "See you on Wednesday.", to=[f"{name}@example.org"])


@pytest.fixture
def database_queue(settings):
    settings.TASKS = DATABASE_QUEUE
    settings.TASK_TIMEOUT = 300
    settings.TASK_MAX_RUNS = 3


@pytest.fixture
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def claimed_by_a_worker_that_dies(worker_id: str = "killed"):
    """The email's task as a worker leaves it when it is killed after claiming it."""
    result = outgoing_email().get()
    result.claim(worker_id)
    return result


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_whose_worker_died_is_run_again_after_the_timeout_only(
    database_queue, mailoutbox, clock, settings
):
    send_later(GREETING, name="ana")
    claimed_by_a_worker_that_dies()

    clock.shift(timedelta(seconds=settings.TASK_TIMEOUT - 1))
    run_worker()
    assert mailoutbox == [], "a task still within its time may be running: left alone"
    assert outgoing_email().get().status == TaskResultStatus.RUNNING

    clock.shift(timedelta(seconds=2))
    run_worker()

    assert [message.to for message in mailoutbox] == [["ana@example.org"]]
    result = outgoing_email().get()
    assert result.status == TaskResultStatus.SUCCESSFUL and result.return_value == "sent"
    assert result.worker_ids == ["killed", "test-worker"]
    assert mailoutbox[0].extra_headers["Message-ID"] == result.args_kwargs["kwargs"]["message_id"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_task_lost_with_its_worker_too_often_fails_for_good(database_queue, clock, settings):
    send_later(GREETING, name="ana")
    for run in range(settings.TASK_MAX_RUNS):
        claimed_by_a_worker_that_dies(f"killed-{run}")
        clock.shift(timedelta(seconds=settings.TASK_TIMEOUT + 1))
        tasks_take_back()

    result = outgoing_email().get()
    assert result.status == TaskResultStatus.FAILED
    assert result.exception_class_path == "core.task_queue.WorkerLost"
    assert "stopped before the end, 3 times" in result.traceback
