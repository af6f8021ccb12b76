"""Reactions to staff's session edits, once committed (as ``events.signals`` does for
bookings): raised places go to the waitlist; a workshop or training session set to
Cancelled, in the page editor or the sessions admin, is told to guardians and
applicants."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from events.choices import Kind
from events.models import Session


@receiver(post_save, sender=Session)
def promote_registrations_when_places_rise(sender, instance, created, **kwargs):
    from .models import WorkshopPage
    from .registrations import Registration
    from .services import registration_promote

    if created or instance.kind != Kind.WORKSHOP:
        return
    waiting = Registration.objects.filter(
        workshop_id=instance.page_id, status=Registration.Status.WAITLISTED
    )
    if not waiting.exists():
        return
    transaction.on_commit(
        lambda: registration_promote(workshop=WorkshopPage.objects.get(pk=instance.page_id)),
        robust=True,
    )


@receiver(post_save, sender=Session)
def tell_people_when_a_session_is_cancelled(sender, instance, created, **kwargs):
    from .services import registrations_session_cancelled
    from .training_services import applications_session_cancelled

    # Only on the change to Cancelled: saving a cancelled session again (each publish
    # of its page does) tells nobody twice.
    if created or instance.status != Session.Status.CANCELLED:
        return
    if getattr(instance, "stored_status", Session.Status.CANCELLED) == Session.Status.CANCELLED:
        return
    if instance.kind == Kind.WORKSHOP:
        tell = registrations_session_cancelled
    elif instance.kind == Kind.TRAINING:
        tell = applications_session_cancelled
    else:
        return
    transaction.on_commit(lambda: tell(session=instance), robust=True)
