"""The site's URLs plus ``/bench/trivial/``: a form with a CSRF token whose POST only
checks the token and redirects, the floor a booking post is compared with."""

from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import path
from django.utils.html import escape

from fabrique.urls import urlpatterns as site_urlpatterns


def trivial_form(request):
    if request.method == "POST":
        return HttpResponseRedirect(request.path + "?done=1")
    token = escape(get_token(request))
    return HttpResponse(
        '<form method="post"><input type="hidden" name="csrfmiddlewaretoken" '
        f'value="{token}"><input name="name"><button>Send</button></form>'
    )


urlpatterns = [path("bench/trivial/", trivial_form), *site_urlpatterns]
