"""Clear the calendar feeds' cache whenever something they show changes."""

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
