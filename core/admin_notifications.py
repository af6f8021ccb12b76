"""Wagtail's workflow notifications (submitted for review, approved, rejected) go through
the site's mail queue (``core.mail.send_later``), like every other email.

Wagtail sends them on its own, inside the editor's request: a mail server that is down,
or a header it refuses (a title with a line break: BadHeaderError), and the reviewers
silently get nothing. Here each one is written in its recipient's language, as Wagtail
does, then queued: it is retried while the server does not take it, and staff see it in
Reports > Outgoing email if it fails for good.

``connect()`` puts these notifiers in the place of Wagtail's, under Wagtail's own
dispatch_uids, whichever of the two apps is ready first.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import override
from wagtail.admin import mail as wagtail_mail
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

from .mail import send_later

STORED_MESSAGE = "core.mail.stored_message"


class QueuedEmailNotificationMixin:
    """Queue each recipient's email instead of sending them all now."""

    def send_emails(self, template_set, context, recipients, **kwargs) -> bool:
        html = getattr(settings, "WAGTAILADMIN_NOTIFICATION_USE_HTML", False)
        for recipient in recipients:
            context["user"] = recipient
            with override(recipient.wagtail_userprofile.get_preferred_language()):
                subject = render_to_string(template_set["subject"], context).strip()
                body = render_to_string(template_set["text"], context).strip()
                html_body = render_to_string(template_set["html"], context) if html else ""
            send_later(
                STORED_MESSAGE,
                subject=subject,
                body=body,
                html=html_body,
                to=[recipient.email],
                headers={"Auto-Submitted": "auto-generated"},
            )
        return True


class TaskSubmitted(
    QueuedEmailNotificationMixin, wagtail_mail.GroupApprovalTaskStateSubmissionEmailNotifier
):
    pass


class WorkflowSubmitted(
    QueuedEmailNotificationMixin, wagtail_mail.WorkflowStateSubmissionEmailNotifier
):
    pass


class WorkflowApproved(
    QueuedEmailNotificationMixin, wagtail_mail.WorkflowStateApprovalEmailNotifier
):
    pass


class WorkflowRejected(
    QueuedEmailNotificationMixin, wagtail_mail.WorkflowStateRejectionEmailNotifier
):
    pass


# (signal, sender, Wagtail's dispatch_uid, our notifier): wagtail/admin/signal_handlers.py
NOTIFIERS = [
    (
        task_submitted,
        TaskState,
        "group_approval_task_submitted_email_notification",
        TaskSubmitted(),
    ),
    (
        workflow_submitted,
        WorkflowState,
        "workflow_state_submitted_email_notification",
        WorkflowSubmitted(),
    ),
    (
        workflow_rejected,
        WorkflowState,
        "workflow_state_rejected_email_notification",
        WorkflowRejected(),
    ),
    (
        workflow_approved,
        WorkflowState,
        "workflow_state_approved_email_notification",
        WorkflowApproved(),
    ),
]


def connect() -> None:
    """Ours in place of Wagtail's. Ready first, ours hold the dispatch_uids and Wagtail's
    later connect is ignored; ready after, Wagtail's are disconnected first."""
    for signal, sender, dispatch_uid, notifier in NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(notifier, sender=sender, dispatch_uid=dispatch_uid)
