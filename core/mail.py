"""Outgoing email: queued after the transaction commits, built when it is sent, retried.

Every email of the site goes through ``send_later(builder, **kwargs)``. ``builder`` is
the dotted path of a function that takes those keyword arguments (plain ids and
strings: they are stored in the task queue) and returns the message to send, or
``None`` when there is nothing to send any more (a booking cancelled meanwhile).
Building at send time means a retried email says what is true when it leaves.

The queue is django-tasks: the database backend with a worker process in production,
the immediate backend in development and tests (``TASKS_BACKEND``). When the mail
server cannot be reached the delivery is queued again with a growing delay,
``EMAIL_RETRY_DELAYS``; after the last one the task fails and stays visible to staff
(Reports > Outgoing email), who can try it again.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus, task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# Errors worth trying again: the server is down, slow, or refused for now.
TRANSIENT_ERRORS = (smtplib.SMTPException, OSError)


def retry_delay(attempt: int) -> timedelta | None:
    """How long to wait after failed attempt number ``attempt`` (1-based); ``None``
    when there are no attempts left."""
    delays = settings.EMAIL_RETRY_DELAYS
    if attempt > len(delays):
        return None
    return timedelta(seconds=delays[attempt - 1])


def build_message(builder: str, kwargs: dict) -> EmailMessage | None:
    return import_string(builder)(**kwargs)


@task()
def deliver(
    *,
    builder: str,
    kwargs: dict,
    attempt: int = 1,
    last_error: str = "",
    to: list[str] | None = None,
    subject: str = "",
) -> str:
    """Build and send one email; on a transient failure, queue the next attempt.

    ``to`` and ``subject`` are those of the previous attempt, kept on the queued task
    so staff can see who is waiting for what without building the message again."""
    message = build_message(builder, kwargs)
    if message is None:
        return "nothing to send"
    try:
        message.send()
    except TRANSIENT_ERRORS as error:
        description = f"{type(error).__name__}: {error}"
        delay = retry_delay(attempt)
        if delay is None or not deliver.get_backend().supports_defer:
            logger.error("Email %s %s failed for good: %s", builder, kwargs, description)
            raise
        logger.warning("Email %s %s failed, retrying in %s", builder, kwargs, delay)
        deliver.using(run_after=timezone.now() + delay).enqueue(
            builder=builder,
            kwargs=kwargs,
            attempt=attempt + 1,
            last_error=description,
            to=message.recipients(),
            subject=message.subject,
        )
        return f"retry queued: {description}"
    return "sent"


def send_later(builder: str, **kwargs) -> None:
    """Queue an email that leaves once the current transaction has committed.

    With the database queue the task is written inside the caller's transaction: it
    commits together with what the email is about, or not at all, so no email is lost
    between a commit and its enqueue, and the worker never sees it before the commit.
    Any other queue is called after commit; one that cannot be reached is logged, never
    raised (``robust``): what was recorded stays recorded."""
    if isinstance(deliver.get_backend(), DatabaseBackend):
        deliver.enqueue(builder=builder, kwargs=kwargs)
    else:
        transaction.on_commit(lambda: deliver.enqueue(builder=builder, kwargs=kwargs), robust=True)


def outgoing_email():
    """Every email the database queue holds, newest first: waiting, sending, sent or
    failed (``core.mail_admin`` shows the first and the last)."""
    return DBTaskResult.objects.filter(task_path=deliver.module_path).order_by("-enqueued_at")


def deliver_again(*, result_id) -> bool:
    """Queue a fresh attempt (the whole retry schedule again) at an email that failed
    for good, and forget the failure, in one transaction: retrying twice sends once.
    ``False`` when that email is not, or no longer, a failed one."""
    with transaction.atomic():
        failed = (
            outgoing_email()
            .select_for_update()
            .filter(pk=result_id, status=TaskResultStatus.FAILED)
            .first()
        )
        if failed is None:
            return False
        previous = failed.args_kwargs["kwargs"]
        deliver.enqueue(
            builder=previous["builder"],
            kwargs=previous["kwargs"],
            attempt=1,
            to=previous.get("to"),
            subject=previous.get("subject", ""),
        )
        failed.delete()
    return True
