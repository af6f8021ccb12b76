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

A worker can die in the middle of a send (killed, out of memory, a reboot); its task is
then taken back and run again (``core.task_queue``). So that this sends no second copy,
each attempt writes onto its own task, before the SMTP exchange, the Message-ID it will
send under, and, as soon as the server has accepted the message (before QUIT), that it
was sent: a task run again finds the mark and sends nothing. What remains is the instant
between the server's acceptance and that write: a worker killed then sends the email
again, under the same Message-ID (README, "Outgoing email").
"""

import logging
import smtplib
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.core.mail.utils import DNS_NAME
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskContext, TaskResultStatus, task, task_backends
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

from . import task_queue

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


def one_line(text: str) -> str:
    """``text`` with its line breaks turned into spaces: a header holds one line, and a
    title typed before titles were checked must not stop an email (BadHeaderError)."""
    return " ".join(text.splitlines()).strip()


def stored_message(
    *, subject: str, body: str, to: list[str], html: str = "", headers: dict | None = None
) -> EmailMessage:
    """An email written when it was queued (Wagtail's notifications), sent as it is."""
    message = EmailMultiAlternatives(subject, body, to=to, headers=headers or {})
    if html:
        message.attach_alternative(html, "text/html")
    return message


def note_on_task(context: TaskContext, **marks: str) -> None:
    """Write ``marks`` into this task's own stored arguments, at once (the worker runs
    outside any transaction): a run of the same task after its worker died is called
    with them. Nothing to do for a queue that keeps no task (the immediate backend)."""
    result = context.task_result
    if not isinstance(task_backends[result.backend], DatabaseBackend):
        return
    stored = DBTaskResult.objects.get(pk=result.id)
    stored.args_kwargs["kwargs"].update(marks)
    stored.save(update_fields=["args_kwargs"])


@task(takes_context=True)
def deliver(
    context: TaskContext,
    *,
    builder: str,
    kwargs: dict,
    attempt: int = 1,
    last_error: str = "",
    to: list[str] | None = None,
    subject: str = "",
    message_id: str = "",
    sent_at: str = "",
) -> str:
    """Build and send one email; on a transient failure, queue the next attempt.

    ``to`` and ``subject`` are those of the previous attempt, kept on the queued task
    so staff can see who is waiting for what without building the message again.
    ``message_id`` and ``sent_at`` are the marks an earlier run of this email left
    (module docstring): the Message-ID every attempt sends under, and when the mail
    server accepted it."""
    if sent_at:
        return f"already sent at {sent_at}"
    message = build_message(builder, kwargs)
    if message is None:
        return "nothing to send"
    message.subject = one_line(message.subject)
    message_id = message_id or make_msgid(domain=DNS_NAME)
    message.extra_headers["Message-ID"] = message_id
    note_on_task(context, message_id=message_id, to=message.recipients(), subject=message.subject)
    connection = message.get_connection()
    try:
        connection.open()
        connection.send_messages([message])
    except TRANSIENT_ERRORS as error:
        close_quietly(connection)
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
            message_id=message_id,
        )
        return f"retry queued: {description}"
    # Written before QUIT: the server has the message; whatever happens next, it is sent.
    note_on_task(context, sent_at=timezone.now().isoformat())
    close_quietly(connection)
    return "sent"


def close_quietly(connection) -> None:
    """Close the connection to the mail server; a server that does not answer QUIT has
    nothing more to tell us."""
    try:
        connection.close()
    except TRANSIENT_ERRORS as error:
        logger.info("The mail server's connection did not close cleanly: %s", error)


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
    for good, and forget the failure, in one transaction: retrying twice sends once; or
    put back in the queue one stuck with a worker that died (``core.task_queue``).
    ``False`` when that email is not, or no longer, failed or stuck."""
    if outgoing_email().filter(pk=result_id, status=TaskResultStatus.RUNNING).exists():
        return task_queue.tasks_take_back(result_id=result_id, give_up=False) > 0
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
            # A failure after the server took the email (the task could not be marked
            # done) must not send it twice.
            message_id=previous.get("message_id", ""),
            sent_at=previous.get("sent_at", ""),
        )
        failed.delete()
    return True
