from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.organisation import organisation_for_site

from .models import Viewer
from .selectors import competition_for
from .services import access_token


def access_path(*, viewer: Viewer) -> str:
    """The signed link that confirms the address and opens the films, in the language
    the person registered in."""
    with translation.override(viewer.language):
        return reverse("festival_access", kwargs={"token": access_token(viewer=viewer)})


def access_email_for(*, viewer_id: int):
    """The registration email (``core.mail`` builder): nothing once the competition
    page is gone."""
    viewer = Viewer.objects.filter(pk=viewer_id).first()
    if viewer is None:
        return None
    with translation.override(viewer.language):
        page = competition_for(viewer=viewer, language=viewer.language)
        if page is None:
            return None
        site = page.get_site()
        organisation = organisation_for_site(site)
        context = {
            "page": page,
            "access_url": site.root_url + access_path(viewer=viewer),
            "organisation": organisation,
            "verified": viewer.verified_at is not None,
        }
        subject = render_to_string("festival/email/access_subject.txt", context)
        body = render_to_string("festival/email/access.txt", context)
    reply_to = [organisation.email] if organisation.email else []
    return EmailMultiAlternatives(
        " ".join(subject.split()), body, to=[viewer.email], reply_to=reply_to
    )
