from django.shortcuts import render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from events.views import _localized_page

from . import services
from .exceptions import FeedbackAlreadyGiven, FeedbackLinkExpired, FeedbackLinkInvalid
from .forms import FeedbackForm
from .models import Feedback


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def feedback_form(request, token: str):
    """The short form the day-after email links to, in the language of the booking."""
    try:
        booking = services.booking_for_token(token=token)
    except (FeedbackLinkInvalid, FeedbackLinkExpired) as error:
        status = 410 if isinstance(error, FeedbackLinkExpired) else 404
        return render(request, "feedback/link_invalid.html", {"error": error}, status=status)
    with translation.override(booking.language):
        request.LANGUAGE_CODE = booking.language
        context = {"booking": booking, "event_page": _localized_page(booking.session)}
        if Feedback.objects.filter(booking=booking).exists():
            return render(request, "feedback/thanks.html", {**context, "already": True})
        form = FeedbackForm(request.POST or None)
        status = 200
        if request.method == "POST":
            if form.is_valid():
                try:
                    services.feedback_record(booking=booking, **form.cleaned_data)
                except FeedbackAlreadyGiven:
                    return render(request, "feedback/thanks.html", {**context, "already": True})
                return render(request, "feedback/thanks.html", context)
            status = 400
        response = render(request, "feedback/form.html", {**context, "form": form}, status=status)
    # The token is in the URL: never let it leak to another site through Referer.
    response["Referrer-Policy"] = "same-origin"
    return response
