"""Tasks whose worker died: found, taken back into the queue, or failed for staff to see.

django-tasks-db marks a task RUNNING when a worker claims it and finished when the worker
is done with it. A worker killed in between (SIGKILL, out of memory, a reboot) leaves the
task RUNNING for ever: nothing runs it again, and nothing says so. A task RUNNING for
longer than ``TASK_TIMEOUT`` seconds is taken to have lost its worker: it is put back in
the queue, as it was, and runs again; after ``TASK_MAX_RUNS`` lost runs it fails, and
shows with the other failed ones.

Running a task again must be harmless: emails record what they sent (``core.mail``), the
other tasks of the site (Wagtail's search and reference index updates, cache purges)
are idempotent. ``TASK_TIMEOUT`` stays well above the longest legitimate run (an SMTP
exchange is a few steps of at most ``EMAIL_TIMEOUT`` each), so a slow task is never run
twice at once.

The worker takes tasks back when it starts and then every little while
(``home/management/commands/db_worker.py``); staff can take one back from Reports >
Outgoing email.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)


class WorkerLost(Exception):
    """The worker running a task stopped (killed, out of memory, rebooted) before the end."""


def tasks_stuck() -> QuerySet[DBTaskResult]:
    """Tasks RUNNING for longer than ``TASK_TIMEOUT``: their worker is gone."""
    since = timezone.now() - timedelta(seconds=settings.TASK_TIMEOUT)
    return DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, started_at__lt=since)


def task_is_stuck(result: DBTaskResult) -> bool:
    return (
        result.status == TaskResultStatus.RUNNING
        and result.started_at is not None
        and result.started_at < timezone.now() - timedelta(seconds=settings.TASK_TIMEOUT)
    )


def tasks_take_back(*, result_id=None, give_up: bool = True) -> int:
    """Put the stuck tasks (or the one ``result_id``, if stuck) back in the queue; how many.

    A task that has lost its worker ``TASK_MAX_RUNS`` times fails instead, unless
    ``give_up`` is false (staff asked for one more run). Several workers may do this at
    once: each row is taken back by the one that changes it from RUNNING."""
    stuck = tasks_stuck()
    if result_id is not None:
        stuck = stuck.filter(pk=result_id)
    taken_back = 0
    for result in stuck.order_by("started_at")[:500]:
        # Only while it is still the run that went missing: another worker may have just
        # taken it back, or its (slow, alive) worker finished it meanwhile.
        same_run = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        )
        runs = len(result.worker_ids)
        if give_up and runs >= settings.TASK_MAX_RUNS:
            error = WorkerLost(f"the worker running this task stopped before the end, {runs} times")
            with transaction.atomic():
                if same_run.select_for_update().exists():
                    result.set_failed(error)
                    logger.error(
                        "Task %s %s failed for good: %s", result.pk, result.task_path, error
                    )
            continue
        if same_run.update(status=TaskResultStatus.READY):
            taken_back += 1
            logger.warning(
                "Task %s %s was RUNNING since %s: its worker (%s) is gone, queued again",
                result.pk,
                result.task_path,
                result.started_at.isoformat(),
                result.worker_ids[-1] if result.worker_ids else "?",
            )
    return taken_back
