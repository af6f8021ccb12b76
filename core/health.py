"""What /healthz reports: the database, the cache and the task queue, each as a state.

A check never raises: whatever fails is reported as ``"error: <what>"``, so monitoring
reads one JSON document and a 503 whatever broke.
"""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Min, Q
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, TaskResultStatus, task_backends
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from . import mail, task_queue


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure means unhealthy
        return f"error: {error.__class__.__name__}"
    return "ok"


def cache_state() -> str:
    """A write then a read of a value of our own: the cache in production ignores its
    errors (a miss, a lost write), so only a round trip tells that it answers."""
    token = uuid.uuid4().hex
    key = f"healthz:{token}"  # a key of its own: app servers check at the same time
    try:
        cache.set(key, token, 10)
        answered = cache.get(key) == token
        cache.delete(key)
    except Exception as error:  # noqa: BLE001
        return f"error: {error.__class__.__name__}"
    return "ok" if answered else "error: no answer"


def oldest_waiting_since() -> datetime | None:
    """When the task that has waited longest became due: enqueued without a date, or
    its ``run_after`` (a retry's date) once that has passed."""
    waiting = DBTaskResult.objects.ready()
    undated = waiting.filter(run_after=get_date_max()).aggregate(at=Min("enqueued_at"))["at"]
    dated = waiting.exclude(run_after=get_date_max()).aggregate(at=Min("run_after"))["at"]
    return min((at for at in (undated, dated) if at is not None), default=None)


def overdue_waiting() -> int:
    """Tasks due for longer than HEALTHZ_MAX_TASK_AGE and still waiting."""
    cutoff = timezone.now() - timedelta(seconds=settings.HEALTHZ_MAX_TASK_AGE)
    undated = Q(run_after=get_date_max(), enqueued_at__lt=cutoff)
    return DBTaskResult.objects.ready().filter(undated | Q(run_after__lt=cutoff)).count()


def task_queue_state() -> dict:
    """Tasks waiting in the database queue, and the age in seconds of the oldest one;
    how many are overdue: waiting past HEALTHZ_MAX_TASK_AGE, or RUNNING past
    TASK_TIMEOUT ("stuck": their worker died, ``core.task_queue``); and the emails that
    failed for good. "stalled" (503) when any is overdue: no worker runs or takes back."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if isinstance(backend, ImmediateBackend):
        return {"state": "immediate"}
    if not isinstance(backend, DatabaseBackend):
        return {"state": "not checked", "backend": type(backend).__name__}
    try:
        waiting = DBTaskResult.objects.ready().count()
        since = oldest_waiting_since()
        stuck = task_queue.tasks_stuck().count()
        overdue = overdue_waiting() + stuck
        failed = mail.outgoing_email().filter(status=TaskResultStatus.FAILED).count()
    except Exception as error:  # noqa: BLE001
        return {"state": f"error: {error.__class__.__name__}"}
    age = max(0, int((timezone.now() - since).total_seconds())) if since else 0
    stalled = overdue > 0
    return {
        "state": "stalled" if stalled else "ok",
        "waiting": waiting,
        "oldest_age": age,
        "overdue": overdue,
        "stuck": stuck,
        "failed_emails": failed,
    }
