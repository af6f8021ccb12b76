from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Partner groups")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models import F

        from core.personal_data import register_anonymiser
        from events.reservations import PlaceHolder, register_place_holder

        from .models import GroupRequest
        from .services import groups_anonymise

        # An accepted group's people and adults count in the session's places, as
        # confirmed bookings do: bookings never take what a group holds.
        register_place_holder(
            PlaceHolder(
                model=GroupRequest,
                held=GroupRequest.holding(),
                seats=F("people") + F("adults"),
            )
        )
        register_anonymiser("Group contacts anonymised", groups_anonymise)
