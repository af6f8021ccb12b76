"""Template helpers for the public pages' markup (menus, video links, optional routes)."""

from django import template
from django.urls import NoReverseMatch, reverse

from home.selectors import donations_open
from home.video import video_link as _video_link

register = template.Library()


@register.simple_tag
def video_link(url):
    """``{% video_link page.trailer_url as video %}``: provider and embed address."""
    return _video_link(url)


@register.simple_tag
def optional_url(name, *args):
    """The address of a named route, or "" while the app that provides it is absent."""
    try:
        return reverse(name, args=args or None)
    except NoReverseMatch:
        return ""


@register.simple_tag(takes_context=True)
def menu_pages(context):
    """The home page of the visitor's language and its children shown in menus."""
    request = context.get("request")
    site = getattr(request, "_wagtail_site", None) if request else None
    if site is None and request is not None:
        from wagtail.models import Site

        site = Site.find_for_request(request)
    if site is None:
        return {"home": None, "items": []}
    home = site.root_page.localized
    items = home.get_children().live().public().in_menu()
    if not donations_open():
        from donations.models import DonationPage

        items = items.not_type(DonationPage)
    return {"home": home, "items": list(items)}


@register.simple_tag
def child_page(parent, model_label):
    """The first live child of ``parent`` of one page type ("app.Model"), or None."""
    from django.apps import apps

    if parent is None:
        return None
    model = apps.get_model(model_label)
    return parent.get_children().live().public().type(model).first()
