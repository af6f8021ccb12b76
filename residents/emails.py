"""The invitation email, in the resident's language, built when it leaves."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .invitations import invitation_token
from .models import ResidentAccount


def invitation_email(*, account_id: int) -> EmailMessage | None:
    """Nothing to send once the residency has ended or a password has been chosen.
    The token is made here, so a retried email carries a link that still works."""
    account = ResidentAccount.objects.select_related("user", "page").filter(pk=account_id).first()
    if account is None or account.is_former or account.user.has_usable_password():
        return None
    with translation.override(account.language):
        path = reverse("resident_invitation", kwargs={"token": invitation_token(account.user)})
        context = {
            "account": account,
            "url": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path,
            "days": settings.RESIDENT_INVITATION_DAYS,
        }
        subject = render_to_string("residents/email/invitation_subject.txt", context)
        body = render_to_string("residents/email/invitation.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[account.user.email])
