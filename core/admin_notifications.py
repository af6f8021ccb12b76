"""Wagtail's own emails go through the site's mail queue (``core.mail.send_later``), like
every other email: the workflow notifications (submitted for review, approved,
rejected), the comment notifications and the admin's password-reset email.

Wagtail sends them on its own, inside the editor's request: a mail server that is down,
or a header it refuses (a title with a line break: BadHeaderError), and the reviewers
silently get nothing. Here each one is written in its recipient's language, as Wagtail
does, then queued: it is retried while the server does not take it, and staff see it in
Reports > Outgoing email if it fails for good.

``connect()`` puts these notifiers in the place of Wagtail's, under Wagtail's own
dispatch_uids, whichever of the two apps is ready first, and the queued comment
notifier in the place of the function the page editor calls. The password-reset form is
``QueuedPasswordResetForm`` (setting ``WAGTAILADMIN_USER_PASSWORD_RESET_FORM``).
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import override
from wagtail.admin import mail as wagtail_mail
from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views.pages import edit as page_edit_view
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted
from wagtail.users.models import UserProfile

from .mail import one_line, send_later

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


COMMENT_TEMPLATES = {
    kind: f"wagtailadmin/notifications/{{notification}}{suffix}"
    for kind, suffix in (("subject", "_subject.txt"), ("text", ".txt"), ("html", ".html"))
}


def queued_notification(recipient_users, notification, extra_context) -> bool:
    """Wagtail's ``send_notification`` (the page editor's comment notifications), each
    email written in its recipient's language and queued."""
    recipients = [
        user
        for user in recipient_users
        if user.is_active
        and user.email
        and getattr(UserProfile.get_for_user(user), f"{notification}_notifications")
    ]
    templates = {
        kind: name.format(notification=notification) for kind, name in COMMENT_TEMPLATES.items()
    }
    context = {"settings": settings, **extra_context}
    return QueuedEmailNotificationMixin().send_emails(templates, context, recipients)


class QueuedPasswordResetForm(PasswordResetForm):
    """The admin's "forgot password" email, queued: a mail server down at that moment
    no longer loses the link."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        html = ""
        if html_email_template_name:
            html = render_to_string(html_email_template_name, context)
        send_later(
            STORED_MESSAGE,
            subject=one_line(render_to_string(subject_template_name, context)),
            body=render_to_string(email_template_name, context),
            html=html,
            to=[to_email],
            headers={"Auto-Submitted": "auto-generated"},
        )


def connect() -> None:
    """Ours in place of Wagtail's. Ready first, ours hold the dispatch_uids and Wagtail's
    later connect is ignored; ready after, Wagtail's are disconnected first."""
    for signal, sender, dispatch_uid, notifier in NOTIFIERS:
        signal.disconnect(sender=sender, dispatch_uid=dispatch_uid)
        signal.connect(notifier, sender=sender, dispatch_uid=dispatch_uid)
    wagtail_mail.send_notification = queued_notification
    page_edit_view.send_notification = queued_notification
