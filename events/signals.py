"""Reactions to edits: clear the calendar feeds' cache when something they show changes;
give freed places to the waitlist when staff raise a session's places."""

from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import Signal, receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .bookings import Booking
from .feeds import invalidate_feeds
from .models import Session, Venue

# Sent once bookings are confirmed (at booking or from the waitlist), after the commit,
# with ``booking_ids``: apps above events react without events knowing them (the
# newsletter opt-in of the booking form).
bookings_confirmed = Signal()


def send_bookings_confirmed(booking_ids: list[int]) -> None:
    """Send ``bookings_confirmed`` once the current transaction has committed."""
    if booking_ids:
        transaction.on_commit(
            lambda: bookings_confirmed.send(sender=Booking, booking_ids=list(booking_ids)),
            robust=True,
        )


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_save, sender=Session)
@receiver(post_delete, sender=Session)
@receiver(post_save, sender=Venue)
def clear_feed_cache(**kwargs):
    invalidate_feeds()


@receiver(post_save, sender=Session)
def bookings_follow_session_edits(sender, instance, created, **kwargs):
    """Once an edit is committed: a session set to Cancelled (in the page editor too)
    cancels its bookings and tells each person, as the Sessions admin's Cancel button
    does; places raised or a session rescheduled may free seats for the waitlist."""
    from .bookings import Booking
    from .services import session_cancel, waitlist_promote

    if created:
        return
    statuses = set(
        Booking.objects.filter(session=instance, status__in=Booking.ACTIVE)
        .values_list("status", flat=True)
        .distinct()
    )
    if instance.status == Session.Status.CANCELLED and statuses:
        transaction.on_commit(lambda: session_cancel(session=instance), robust=True)
    elif Booking.Status.WAITLISTED in statuses:
        transaction.on_commit(lambda: waitlist_promote(session=instance), robust=True)


# What moves a session's booking counters (``Session.booked_seats`` and the others).
COUNTED_FIELDS = {"status", "seats", "wheelchair", "session"}


@receiver(post_init, sender=Booking)
def remember_loaded_session(sender, instance, **kwargs):
    """The session a booking was read with, so that moving it to another session
    recounts the one it left too (``session_id`` only if it was loaded: no query)."""
    instance.loaded_session_id = instance.__dict__.get("session_id")


@receiver(post_save, sender=Booking)
@receiver(post_delete, sender=Booking)
def session_counters_follow_bookings(sender, instance, update_fields=None, **kwargs):
    """Any saved or deleted booking (the services' slow paths, staff in the admin, the
    demo, fixtures) recounts its session; a claim already counted itself."""
    from .services import session_counters_sync

    if getattr(instance, "counted", False):
        instance.counted = False  # that save only: a later edit of the object recounts
        return
    if update_fields is not None and not COUNTED_FIELDS.intersection(update_fields):
        return
    session_counters_sync(session_id=instance.session_id)
    left = getattr(instance, "loaded_session_id", None)
    if left is not None and left != instance.session_id:
        session_counters_sync(session_id=left)
    instance.loaded_session_id = instance.session_id
