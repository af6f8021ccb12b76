"""Emails to whoever asked for a screening, in the language they asked in, built when
they leave (``core.mail``): an answer staff changed meanwhile is not sent."""

from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation

from .models import PremiereProposal, RoomRequest

MODELS = {"premiereproposal": PremiereProposal, "roomrequest": RoomRequest}


def _recipient(request_obj) -> str:
    if isinstance(request_obj, RoomRequest):
        return request_obj.email
    user = request_obj.proposed_by
    return user.email if user else ""


def request_email(*, model: str, request_id: int, event: str) -> EmailMessage | None:
    """``event``: "received", or the status the request was moved to."""
    request_obj = MODELS[model].objects.filter(pk=request_id).first()
    if request_obj is None or (event != "received" and request_obj.status != event):
        return None
    to = _recipient(request_obj)
    if not to:
        return None
    with translation.override(request_obj.language):
        context = {"request": request_obj, "event": event, "premiere": model == "premiereproposal"}
        subject = render_to_string("premieres/email_subject.txt", context)
        body = render_to_string("premieres/email.txt", context)
    return EmailMessage(" ".join(subject.split()), body, to=[to])
