from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsletterConfig(AppConfig):
    name = "newsletter"
    verbose_name = _("Newsletter")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.personal_data import PersonalDataSource, records_of, register_personal_data
        from events.signals import bookings_confirmed

        from .models import Subscriber
        from .services import subscribe_from_bookings

        bookings_confirmed.connect(subscribe_from_bookings, dispatch_uid="newsletter_bookings")
        register_personal_data(
            PersonalDataSource(
                name="newsletter",
                label=_("Newsletter"),
                export=lambda key: records_of(Subscriber.objects.filter(email_key=key)),
                # The address goes; nothing here is needed once consent is gone.
                erase=lambda key: Subscriber.objects.filter(email_key=key).delete()[0],
            )
        )
