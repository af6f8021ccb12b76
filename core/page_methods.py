"""The HTTP methods a page of the site answers, for every page model.

Wagtail's ``Page`` answers every method by default, so PUT, PATCH or DELETE on a page
rendered it with 200. Each page model takes one of these mixins instead: Wagtail's own
check then answers 405 with an Allow header to any other method, and OPTIONS with the
Allow header alone (tests/home/test_methods.py checks that every page model does).
"""

from http import HTTPMethod


class ReadPageMethods:
    """A page that is read: GET and HEAD render it, OPTIONS lists the methods."""

    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]


class FormPageMethods(ReadPageMethods):
    """A page whose form posts to the page itself (booking, registration, gift)."""

    allowed_http_methods = [*ReadPageMethods.allowed_http_methods, HTTPMethod.POST]
