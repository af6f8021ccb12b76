"""Public newsletter views: the sign-up (the footer form posts here), and the two links
the emails carry, confirm and unsubscribe. A link opened shows a button, so a mail
scanner that follows links changes nothing; the unsubscribe link also takes the mail
apps' one-click POST (RFC 8058), which carries no CSRF token."""

from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from core.ratelimit import form_post_limited

from . import services
from .forms import SubscribeForm
from .models import Subscriber


# Without CSRF check, on purpose: the footer form is on every page, and a token in it
# would make every page private to the page cache and to shared caches. A forged post
# can do no more than send one confirmation email (nothing is subscribed until the
# link in it is opened), which the rate limit and the honeypot already bound.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method != "POST":
        return render(request, "newsletter/subscribe.html", {"form": SubscribeForm()})
    form = SubscribeForm(request.POST)
    if form_post_limited(request, scope="newsletter"):
        form.is_valid()
        form.add_error(
            None,
            _("Too many attempts from your connection. Please wait a few minutes and try again."),
        )
        return render(request, "newsletter/subscribe.html", {"form": form}, status=429)
    if not form.is_valid():
        return render(request, "newsletter/subscribe.html", {"form": form}, status=400)
    services.subscribe_request(
        email=form.cleaned_data["email"],
        language=translation.get_language(),
        source=Subscriber.Source.FORM,
    )
    return render(request, "newsletter/subscribe.html", {"sent": True})


def _link_page(request, context, status=200):
    response = render(request, "newsletter/link.html", context, status=status)
    # The token is in the URL: never let it leak to another site through Referer.
    response["Referrer-Policy"] = "same-origin"
    return response


def _invalid(request):
    return _link_page(
        request,
        {
            "error": True,
            "message": _(
                "This link is not valid: it may have been copied incompletely or altered, "
                "or it has expired. Nothing was changed. Sign up again from the form at "
                "the bottom of any page, or write to us."
            ),
        },
        status=400,
    )


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token: str):
    try:
        subscriber = services.subscriber_for(token, services.CONFIRM)
    except services.LinkInvalid:
        return _invalid(request)
    if request.method == "POST" or subscriber.status == Subscriber.Status.SUBSCRIBED:
        services.subscription_confirm(subscriber=subscriber)
        message = _("Your subscription is confirmed: the programme letter will come to %s.")
        return _link_page(request, {"done": True, "message": message % subscriber.email})
    return _link_page(
        request,
        {
            "message": _("Confirm that %s should receive the programme letter.") % subscriber.email,
            "button": _("Confirm my subscription"),
        },
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token: str):
    try:
        subscriber = services.subscriber_for(token, services.UNSUBSCRIBE)
    except services.LinkInvalid:
        return _invalid(request)
    if request.method == "POST" or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        services.unsubscribe(subscriber=subscriber)
        message = _("%s will receive no more programme letters.")
        return _link_page(request, {"done": True, "message": message % subscriber.email})
    return _link_page(
        request,
        {
            "message": _("Stop sending the programme letter to %s?") % subscriber.email,
            "button": _("Unsubscribe"),
        },
    )
