from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "feedback"
    verbose_name = _("Audience feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.personal_data import PersonalDataSource, records_of, register_personal_data

        from .models import Feedback

        register_personal_data(
            PersonalDataSource(
                name="feedback",
                label=_("Audience feedback"),
                export=lambda key: records_of(
                    Feedback.objects.filter(booking__email_key=key).select_related("booking")
                ),
                # Answers are anonymous: once the booking is anonymised, they name nobody.
                erase=lambda key: 0,
            )
        )
