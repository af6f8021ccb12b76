"""Staff cancelling a training module's session: its applicants still in the running are
told, once, in their language (as ``events.signals`` does for bookings)."""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from events.choices import Kind
from events.models import Session


@receiver(post_save, sender=Session)
def tell_applicants_when_a_session_is_cancelled(sender, instance, created, **kwargs):
    from .services import applications_session_cancelled

    if instance.kind == Kind.TRAINING and instance.just_cancelled(created=created):
        transaction.on_commit(lambda: applications_session_cancelled(session=instance), robust=True)
