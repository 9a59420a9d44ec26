"""Drop the cached menu fragments whenever what they show may have changed."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from wagtail.models import Page, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from lumen_cms.models import NavigationSettings
from lumen_cms.navigation import invalidate_navigation_cache


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def _page_changed(sender, instance, **kwargs) -> None:
    invalidate_navigation_cache()


@receiver(post_delete)
def _page_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        invalidate_navigation_cache()


@receiver(post_save, sender=NavigationSettings)
def _navigation_saved(sender, instance, **kwargs) -> None:
    invalidate_navigation_cache([instance.site_id])


@receiver(post_save, sender=Site)
def _site_saved(sender, instance, **kwargs) -> None:
    invalidate_navigation_cache([instance.pk])
