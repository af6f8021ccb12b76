from django.conf import settings
from django.urls import reverse
from django.utils import translation

from events.emails import _staff_email, _unanonymised

from .models import Feedback
from .services import feedback_token


def feedback_form_path(*, booking) -> str:
    """The signed link, in the language the person booked in."""
    with translation.override(booking.language):
        return reverse("feedback_form", kwargs={"token": feedback_token(booking=booking)})


def feedback_request_email_for(*, booking_id: int):
    """The day-after email (``core.mail`` builder): nothing once answered or anonymised."""
    booking = _unanonymised(booking_id)
    if booking is None or Feedback.objects.filter(booking_id=booking_id).exists():
        return None
    site_root = booking.session.page.get_site().root_url
    url = site_root + feedback_form_path(booking=booking)
    return _staff_email(
        booking=booking,
        template="feedback_request",
        extra={"feedback_url": url, "days": settings.FEEDBACK_LINK_DAYS},
    )
