"""Documents are served by Wagtail's document view, which checks the collection's privacy
first (residents' collections are private to them and staff) and sends every document
as an attachment with ``nosniff``. This is its "sendfile" backend behind nginx
(``SENDFILE_BACKEND``): the view answers with an ``X-Accel-Redirect`` to an internal
nginx location, and nginx sends the file itself, with byte ranges (seeking in a video,
iPhones) and without holding an application thread for a 500 MB capsule.

``DOCUMENTS_ACCEL_REDIRECT`` is that location's prefix (``/protected-media/`` in
deploy/nginx/fabrique.conf), mapped by nginx onto ``MEDIA_ROOT``.
"""

from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse


def sendfile(request, filename, **kwargs) -> HttpResponse:
    relative = Path(filename).resolve().relative_to(Path(settings.MEDIA_ROOT).resolve())
    response = HttpResponse()
    prefix = settings.DOCUMENTS_ACCEL_REDIRECT.rstrip("/")
    response["X-Accel-Redirect"] = f"{prefix}/{quote(relative.as_posix())}"
    return response
