"""Reactions to edits: clear the calendar feeds' cache when something they show changes;
give freed places to the waitlist when staff raise a session's places."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from .feeds import invalidate_feeds
from .models import Session, Venue


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
@receiver(post_save, sender=Session)
@receiver(post_delete, sender=Session)
@receiver(post_save, sender=Venue)
def clear_feed_cache(**kwargs):
    invalidate_feeds()


@receiver(post_save, sender=Session)
def promote_when_places_rise(sender, instance, created, **kwargs):
    """Staff raising a session's places (or rescheduling it) may free seats: give them
    to the waitlist once the edit is committed."""
    from .bookings import Booking
    from .services import waitlist_promote

    if created or not Booking.objects.filter(
        session=instance, status=Booking.Status.WAITLISTED
    ).exists():
        return
    transaction.on_commit(lambda: waitlist_promote(session=instance), robust=True)


@receiver(post_save, sender=Session)
def cancel_bookings_when_session_cancelled(sender, instance, created, **kwargs):
    """A session set to Cancelled in the page editor cancels its bookings and tells each
    person, as the Cancel button of the Sessions admin does."""
    from .bookings import Booking
    from .services import session_cancel

    if instance.status != Session.Status.CANCELLED:
        return
    if not Booking.objects.filter(session=instance, status__in=Booking.ACTIVE).exists():
        return
    transaction.on_commit(lambda: session_cancel(session=instance), robust=True)
