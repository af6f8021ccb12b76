"""Outgoing email: queued after the transaction commits, built when it is sent, retried.

Every email of the site goes through ``send_later(builder, **kwargs)``. ``builder`` is
the dotted path of a function that takes those keyword arguments (plain ids and
strings: they are stored in the task queue) and returns the message to send, or
``None`` when there is nothing to send any more (a booking cancelled meanwhile).
Building at send time means a retried email says what is true when it leaves.

The queue is django-tasks: the database backend with a worker process in production,
the immediate backend in development and tests. When the mail server cannot be reached
the delivery is queued again with a growing delay, ``EMAIL_RETRY_DELAYS``; after the
last one the task fails and stays visible to staff.
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import default_task_backend, task

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
def deliver(*, builder: str, kwargs: dict, attempt: int = 1, last_error: str = "") -> str:
    """Build and send one email; on a transient failure, queue the next attempt."""
    message = build_message(builder, kwargs)
    if message is None:
        return "nothing to send"
    try:
        message.send()
    except TRANSIENT_ERRORS as error:
        description = f"{type(error).__name__}: {error}"
        delay = retry_delay(attempt)
        if delay is None or not default_task_backend.supports_defer:
            logger.error("Email %s %s failed for good: %s", builder, kwargs, description)
            raise
        logger.warning("Email %s %s failed, retrying in %s", builder, kwargs, delay)
        deliver.using(run_after=timezone.now() + delay).enqueue(
            builder=builder, kwargs=kwargs, attempt=attempt + 1, last_error=description
        )
        return f"retry queued: {description}"
    return "sent"


def send_later(builder: str, **kwargs) -> None:
    """Queue an email once the current transaction commits (at once outside one).

    A queue that cannot be reached is logged, never raised: what was recorded stays
    recorded (``robust``)."""
    transaction.on_commit(lambda: deliver.enqueue(builder=builder, kwargs=kwargs), robust=True)
