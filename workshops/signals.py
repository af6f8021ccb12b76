"""Staff raising a workshop session's places may free places: give them to the
waitlist once the edit is committed (as ``events.signals`` does for bookings)."""

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
