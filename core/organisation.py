"""The organisation's identity (name, address, contacts, terms), for the apps that send
emails or describe events in its name.

The settings model belongs to ``home`` (staff edit it beside the home page), while the
programme apps sit below ``home``: they reach it through ``ORGANISATION_SETTINGS_MODEL``,
as Django's apps reach the user model through ``AUTH_USER_MODEL``, so no app imports
``home``.
"""

from django.apps import apps
from django.conf import settings


def organisation_settings_model():
    return apps.get_model(settings.ORGANISATION_SETTINGS_MODEL, require_ready=True)


def organisation_for_site(site):
    """The organisation settings of ``site`` (created with their defaults if missing)."""
    return organisation_settings_model().for_site(site)


def organisation_for_request(request):
    return organisation_settings_model().for_request(request)
