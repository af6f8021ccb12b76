from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DonationsConfig(AppConfig):
    name = "donations"
    verbose_name = _("Donations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core.personal_data import (
            PersonalDataSource,
            records_of,
            register_anonymiser,
            register_personal_data,
        )

        from .models import Payment
        from .services import (
            donations_anonymise,
            donations_erase_for,
            donations_erase_refusal,
            donations_of,
        )

        register_anonymiser("Unpaid donations anonymised", donations_anonymise)
        register_personal_data(
            PersonalDataSource(
                name="donations",
                label=_("Donations"),
                export=lambda key: records_of(donations_of(key)),
                erase=lambda key: donations_erase_for(email_key=key),
                refusal=donations_erase_refusal,
            )
        )
        register_personal_data(
            PersonalDataSource(
                name="donation_payments",
                label=_("Donation payments"),
                export=lambda key: records_of(
                    Payment.objects.filter(donation__in=donations_of(key)).select_related(
                        "donation"
                    )
                ),
                erase=lambda key: 0,  # kept: receipts must be reissuable
            )
        )
