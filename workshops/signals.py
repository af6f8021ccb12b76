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

    if instance.kind == Kind.WORKSHOP and instance.just_cancelled(created=created):
        transaction.on_commit(
            lambda: registrations_session_cancelled(session=instance), robust=True
        )
