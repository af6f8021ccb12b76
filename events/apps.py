from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _booking_refusal(booking):
    from .bookings import Booking
    from .exceptions import BookingNotActive, CheckInNotConfirmed

    if booking.status == Booking.Status.CANCELLED:
        return BookingNotActive()
    if booking.status != Booking.Status.CONFIRMED:
        return CheckInNotConfirmed()
    return None


class EventsConfig(AppConfig):
    name = "events"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import page_cache
        from core.personal_data import (
            PersonalDataSource,
            records_of,
            register_anonymiser,
            register_personal_data,
        )

        from . import registry, signals  # noqa: F401
        from .bookings import Booking
        from .choices import Kind
        from .models import ScreeningPage, Session
        from .reservations import ReservationKind, register_kind
        from .selectors import places_left_from_counters
        from .services import bookings_anonymise, bookings_erase_for

        registry.register_kind_page(Kind.SCREENING, ScreeningPage)
        register_kind(
            ReservationKind(
                name="booking",
                model=Booking,
                label=_("Bookings"),
                expected=lambda session: Booking.objects.filter(
                    session=session, status=Booking.Status.CONFIRMED
                ),
                sessions=lambda booking: [booking.session],
                display_name=lambda booking: f"{booking.first_name} {booking.last_name}",
                refusal=_booking_refusal,
                people=lambda booking: booking.seats,
                on_row=True,
            )
        )
        register_anonymiser("Bookings anonymised", bookings_anonymise)
        register_personal_data(
            PersonalDataSource(
                name="bookings",
                label=_("Bookings"),
                export=lambda key: records_of(
                    Booking.objects.filter(email_key=key).select_related("session__page")
                ),
                erase=lambda key: bookings_erase_for(email_key=key),
            )
        )
        page_cache.register_places_source(places_left_from_counters)
        page_cache.register_clock_fields(Session, ["start", "end"])
        page_cache.register_clock_fields(ScreeningPage, ["bookings_open_at", "bookings_close_at"])
