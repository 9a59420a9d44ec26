"""Drop cached pages and menu fragments whenever what they show may have changed.

Page tree changes (publish, unpublish, move, delete, view restrictions, sites,
redirects) start a new route index generation: only the pages whose stamp changes
are refilled. Any other content write may show on any page: the global generation.
"""

from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from lumen_cms import page_cache, route_index
from lumen_cms.models import NavigationSettings
from lumen_cms.navigation import invalidate_navigation_cache

# Writes that never change a public page: visitors' records, admin and task
# bookkeeping, login attempts (anyone can cause them: they must not empty the cache),
# search index rows, renditions made while rendering.
UNRELATED_APPS = frozenset(
    {
        "admin",
        "auth",
        "axes",
        "contenttypes",
        "sessions",
        "django_tasks_database",
        "migrations",
        "wagtail_headless_preview",
        "wagtailadmin",
        "wagtailembeds",
        "wagtailforms",
        "wagtailsearch",
        "wagtailusers",
    }
)
UNRELATED_MODELS = frozenset(
    {
        "forms.datasubjectaction",
        "forms.dpacceptance",
        "forms.outboundemail",
        "forms.submission",
        "lumen_cms.seedrecord",
        "lumen_cms.webhookdelivery",
        "lumen_cms.webhookendpoint",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.modellogentry",
        "wagtailcore.pagelogentry",
        "wagtailcore.pagesubscription",
        "wagtailcore.referenceindex",
        "wagtailcore.revision",
        "wagtailcore.taskstate",
        "wagtailcore.uploadedfile",
        "wagtailcore.workflowstate",
        "wagtailimages.rendition",
    }
)
# A draft save touches only these columns of the live page row.
DRAFT_FIELDS = frozenset(
    {
        "comments",
        "wagtail_admin_comments",
        "draft_title",
        "has_unpublished_changes",
        "latest_revision",
        "latest_revision_created_at",
        "locked",
        "locked_at",
        "locked_by",
    }
)


# Part of the route index: a change starts a new index generation.
ROUTE_MODELS = (Page, PageViewRestriction, Site, Redirect)
# A save that publishes sets last_published_at to now.
PUBLISH_WINDOW = timedelta(minutes=5)


def is_publishing(page: Page) -> bool:
    """The save inside a publish (page_published follows): the live revision is the
    latest, published just now; the index stamps see the new version."""
    return bool(
        page.live
        and page.live_revision_id
        and page.live_revision_id == page.latest_revision_id
        and not page.has_unpublished_changes
        and page.last_published_at
        and timezone.now() - page.last_published_at < PUBLISH_WINDOW
    )


def bump(counter) -> None:
    """Bump now (this process's next read sees the change) and again once the
    transaction commits: an index or page another request built from the old rows
    in between belongs to the middle generation and is never used."""
    counter()
    transaction.on_commit(counter)


def changes_public_pages(sender, update_fields=None) -> bool:
    meta = sender._meta
    if meta.app_label in UNRELATED_APPS or meta.label_lower in UNRELATED_MODELS:
        return False
    return not (
        update_fields and issubclass(sender, Page) and update_fields <= DRAFT_FIELDS
    )


@receiver(page_published)
@receiver(page_unpublished)
@receiver(page_slug_changed)
@receiver(post_page_move)
def _page_changed(sender, instance, **kwargs) -> None:
    bump(invalidate_navigation_cache)
    bump(route_index.bump)


@receiver(post_save)
def _content_saved(sender, instance, update_fields=None, **kwargs) -> None:
    if not changes_public_pages(sender, update_fields):
        return
    if isinstance(instance, ROUTE_MODELS):
        bump(route_index.bump)
        if isinstance(instance, Site) or (
            isinstance(instance, Page) and instance.live and not is_publishing(instance)
        ):
            # A site's name is in every title; live content saved without a
            # publish: what changed is unknown.
            bump(page_cache.bump_generation)
        return
    bump(page_cache.bump_generation)


@receiver(post_delete)
def _content_deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        bump(invalidate_navigation_cache)
    if isinstance(instance, ROUTE_MODELS):
        bump(route_index.bump)
    shown_everywhere = isinstance(instance, Site) or not isinstance(
        instance, ROUTE_MODELS
    )
    if shown_everywhere and changes_public_pages(sender):
        bump(page_cache.bump_generation)


@receiver(post_save, sender=NavigationSettings)
def _navigation_saved(sender, instance, **kwargs) -> None:
    bump(partial(invalidate_navigation_cache, [instance.site_id]))


@receiver(post_save, sender=Site)
def _site_saved(sender, instance, **kwargs) -> None:
    bump(partial(invalidate_navigation_cache, [instance.pk]))
