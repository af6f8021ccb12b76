from django import template
from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()

FEEDS = [
    (None, _("The whole programme")),
    ("screenings", _("Screenings")),
    ("workshops", _("Youth workshops")),
    ("training", _("Training modules")),
]


@register.simple_tag(takes_context=True)
def calendar_feeds(context):
    """Each feed's https address (Google's "From URL") and webcal:// link (Apple, Outlook)."""
    request = context["request"]
    lang = get_language()
    query = "" if lang == settings.LANGUAGE_CODE else f"?lang={lang}"
    feeds = []
    for slug, label in FEEDS:
        path = (
            reverse("calendar_kind_feed", kwargs={"kind_slug": slug})
            if slug
            else reverse("calendar_feed")
        )
        https = request.build_absolute_uri(path + query)
        webcal = "webcal://" + https.split("://", 1)[1]
        feeds.append({"slug": slug or "all", "label": label, "https": https, "webcal": webcal})
    return feeds
