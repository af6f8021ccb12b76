"""Staff see the emails waiting in the queue, stuck with a worker that died, or failed for
good, and try a stuck or failed one again (Reports > Outgoing email). Needs the
permission to view task results (``django_tasks_database`` is the app label of
django-tasks-db).

What an email is comes from its task's arguments, never from building it again: the
builder and its object for one not tried yet, recipients and subject once an attempt
has built it (``core.mail.deliver`` keeps them on the next attempt).
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from . import mail, task_queue

PERMISSION = "django_tasks_database.view_dbtaskresult"
PER_PAGE = 50
SHOWN = (TaskResultStatus.READY, TaskResultStatus.RUNNING, TaskResultStatus.FAILED)


@dataclass
class OutgoingEmail:
    id: str
    status: str
    to: list[str]
    subject: str
    builder: str
    arguments: str
    attempt: int
    error: str
    next_try: datetime | None
    enqueued_at: datetime
    # RUNNING past TASK_TIMEOUT: its worker died (core.task_queue).
    stuck: bool = False
    started_at: datetime | None = None

    @property
    def failed(self) -> bool:
        return self.status == TaskResultStatus.FAILED

    @property
    def can_retry(self) -> bool:
        return self.failed or self.stuck


def describe(result: DBTaskResult) -> OutgoingEmail:
    kwargs = result.args_kwargs.get("kwargs", {})
    failed = result.status == TaskResultStatus.FAILED
    if failed:
        # The exception's own line: "ConnectionRefusedError: [Errno 111] Connection refused".
        lines = [line for line in result.traceback.splitlines() if line.strip()]
        error = lines[-1] if lines else result.exception_class_path
    else:
        error = kwargs.get("last_error", "")
    arguments = kwargs.get("kwargs", {})
    return OutgoingEmail(
        id=str(result.pk),
        status=result.status,
        # A message written when queued (core.mail.stored_message) names them itself.
        to=kwargs.get("to") or arguments.get("to") or [],
        subject=kwargs.get("subject") or arguments.get("subject", ""),
        builder=kwargs.get("builder", ""),
        arguments=", ".join(f"{name}={value}" for name, value in sorted(arguments.items())),
        attempt=kwargs.get("attempt", 1),
        error=error,
        next_try=None if failed or result.run_after == get_date_max() else result.run_after,
        enqueued_at=result.enqueued_at,
        stuck=task_queue.task_is_stuck(result),
        started_at=result.started_at,
    )


class OutgoingEmailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/outgoing_email.html"
    page_title = gettext_lazy("Outgoing email")
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": _("Outgoing email")}]

    def get_context_data(self, **kwargs):
        emails = mail.outgoing_email().filter(status__in=SHOWN)
        page_obj = Paginator(emails, PER_PAGE).get_page(self.request.GET.get("p"))
        failed = Q(status=TaskResultStatus.FAILED)
        stuck = Q(pk__in=task_queue.tasks_stuck().values("pk"))
        counts = emails.aggregate(
            waiting=Count("pk", filter=~failed & ~stuck),
            failed=Count("pk", filter=failed),
            stuck=Count("pk", filter=stuck),
        )
        return super().get_context_data(
            page_obj=page_obj,
            emails=[describe(result) for result in page_obj.object_list],
            counts=counts,
            **kwargs,
        )


@require_POST
def retry(request, result_id):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    if mail.deliver_again(result_id=result_id):
        messages.success(request, _("The email is queued again: it will be sent shortly."))
    else:
        messages.warning(
            request, _("This email is no longer failed or stuck: nothing to try again.")
        )
    return redirect("outgoing_email:index")


urlpatterns = [
    path("", OutgoingEmailView.as_view(), name="index"),
    path("<uuid:result_id>/retry/", retry, name="retry"),
]
