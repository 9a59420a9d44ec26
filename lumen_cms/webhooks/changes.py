"""The integration seam: which paths and tags a content change affects.

`content_change()` is the one adapter function; the receivers below only feed it the
signals (Wagtail's page signals, settings, snippet and redirect saves, legal version
publication, price changes) and hand its answer to `batching.record`. When the page
cache computes this set itself and sends it as a signal, drop this module and
subscribe instead: ``that_signal.connect(lambda sender, change, **kw:
batching.record(change))``, mapping its set onto `ContentChange` if needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)
from wagtail.snippets.models import get_snippet_models

from catalog.models import (
    Currency,
    DataCenter,
    EstimatorPage,
    PriceSection,
    PricingCatalogPage,
    Product,
    SupportTier,
)
from legal.models import LegalDocumentVersion
from lumen_cms.models import (
    NavigationSettings,
    NotFoundSettings,
    WebhookDelivery,
    WebhookEndpoint,
)
from lumen_cms.navigation import navigation_page_ids
from lumen_cms.webhooks import batching, outbox
from lumen_cms.webhooks.change_set import ContentChange

PRICE_MODELS = (Currency, DataCenter, PriceSection, Product, SupportTier)
PAGE_KINDS = frozenset({"publish", "unpublish", "move", "delete"})


def content_change(kind: str, instance: Any, **details: Any) -> ContentChange:
    """THE adapter: what `instance`'s change of `kind` affects, as paths and tags.

    kinds: publish, unpublish, move (details: url_path_before, parents), delete,
    redirect, navigation, settings, site, snippet, legal_version, prices.
    """
    change = ContentChange(kinds={kind})
    if kind in PAGE_KINDS:
        _page_change(change, instance, related=kind != "delete", **details)
    elif kind == "redirect":
        variants = {instance.old_path}
        if "?" not in instance.old_path and not instance.old_path.endswith("/"):
            variants.add(instance.old_path + "/")
        for site_id in [instance.site_id] if instance.site_id else _all_site_ids():
            change.add_paths(site_id, variants)
            change.tags.add(f"redirects:{site_id}")
    elif kind == "navigation":
        change.add_all_paths(instance.site_id)
        change.tags.add(f"chrome:{instance.site_id}")
    elif kind == "settings" and isinstance(instance, NotFoundSettings):
        change.tags.add(f"not_found:{instance.site_id}")
    elif kind == "settings" and isinstance(instance, BaseSiteSetting):
        change.add_all_paths(instance.site_id)
    elif kind == "site":
        change.add_all_paths(instance.pk)
    elif kind in ("settings", "snippet"):
        for site_id in _all_site_ids():
            change.add_all_paths(site_id)
    elif kind == "legal_version":
        document = instance.document
        _page_change(change, document, related=False)
        _add_page_ids(change, _referencing_pages(document))
        for site_id, paths in _paths_by_site([document.url_path]).items():
            for path in paths:
                extra = {f"{path}versions/", f"{path}v/{instance.label}/"}
                change.add_paths(site_id, extra)
        change.tags.add(f"legal:{document.pk}")
    elif kind == "prices":
        pages = Page.objects.live().type(PricingCatalogPage, EstimatorPage)
        _add_page_rows(change, pages.values("pk", "url_path"))
        change.tags.add("prices")
    return change


def _page_change(
    change: ContentChange,
    page: Page,
    *,
    url_path_before: str | None = None,
    parents: Iterable[Page | None] = (),
    related: bool = True,
) -> None:
    """The page and its live descendants (old and new URLs); with `related`, also
    its parent's listing, pages that link to it and, when the menus link it, the
    chrome of the site."""
    url_paths = {page.url_path}
    moved = bool(url_path_before and url_path_before != page.url_path)
    if moved:
        url_paths.add(url_path_before)
        for url_path in (
            Page.objects.live().descendant_of(page).values_list("url_path", flat=True)
        ):
            url_paths |= {url_path, url_path_before + url_path[len(page.url_path) :]}
    for site_id, paths in _paths_by_site(url_paths).items():
        change.add_paths(site_id, paths)
        change.tags.add(f"sitemap:{site_id}")
        if moved:  # Wagtail bulk-creates redirects from the old addresses.
            change.tags.add(f"redirects:{site_id}")
    change.tags.add(f"page:{page.pk}")
    if not related:
        return
    parent_ids = {p.pk for p in parents if p is not None}
    if not parent_ids:
        parent_path = page.path[: -page.steplen]
        parent_ids = set(
            Page.objects.filter(path=parent_path).values_list("pk", flat=True)
        )
    _add_page_ids(change, _referencing_pages(page) | parent_ids)
    for settings in NavigationSettings.objects.all():
        if page.pk in navigation_page_ids(settings):
            change.add_all_paths(settings.site_id)
            change.tags.add(f"chrome:{settings.site_id}")


def _referencing_pages(page: Page) -> set[int]:
    rows = ReferenceIndex.get_references_to(page).values_list(
        "base_content_type_id", "object_id"
    )
    page_type = ContentType.objects.get_for_model(Page).pk
    return {int(pk) for type_id, pk in rows if type_id == page_type and pk.isdigit()}


def _add_page_ids(change: ContentChange, page_ids: set[int]) -> None:
    if page_ids:
        rows = Page.objects.live().filter(pk__in=page_ids).values("pk", "url_path")
        _add_page_rows(change, rows)


def _add_page_rows(change: ContentChange, rows: Iterable[dict[str, Any]]) -> None:
    rows = list(rows)
    change.tags.update(f"page:{row['pk']}" for row in rows)
    for site_id, paths in _paths_by_site(row["url_path"] for row in rows).items():
        change.add_paths(site_id, paths)


def _paths_by_site(url_paths: Iterable[str]) -> dict[int, set[str]]:
    """Site-relative paths of tree url_paths (a page may sit under several sites)."""
    found: dict[int, set[str]] = {}
    roots = Site.get_site_root_paths()
    for url_path in url_paths:
        for root in roots:
            if url_path.startswith(root.root_path):
                relative = "/" + url_path[len(root.root_path) :]
                found.setdefault(root.site_id, set()).add(relative)
    return found


def _all_site_ids() -> list[int]:
    return [root.site_id for root in Site.get_site_root_paths()]


# Receivers: each records `content_change(...)`, unless no endpoint listens.


def _record(kind: str, instance: Any, **details: Any) -> None:
    if outbox.active_endpoints():
        batching.record(content_change(kind, instance, **details))


def _published(sender, instance, **kwargs) -> None:
    _record("publish", instance)


def _unpublished(sender, instance, **kwargs) -> None:
    _record("unpublish", instance)


def _moved(sender, instance, url_path_before, parent_page_before=None, **kwargs):
    parents = (parent_page_before, kwargs.get("parent_page_after"))
    _record("move", instance, url_path_before=url_path_before, parents=parents)


def _slug_changed(sender, instance, instance_before, **kwargs) -> None:
    _record("move", instance, url_path_before=instance_before.url_path)


def _page_deleted(sender, instance, **kwargs) -> None:
    if instance.live:
        _record("delete", instance)


IGNORED_SNIPPETS = (*PRICE_MODELS, LegalDocumentVersion)


def _saved(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw:
        return
    kind = _kind_for(sender, instance, created=created, deleted=False)
    if kind:
        _record(kind, instance)


def _deleted(sender, instance, **kwargs) -> None:
    kind = _kind_for(sender, instance, created=False, deleted=True)
    if kind:
        _record(kind, instance)


def _kind_for(sender, instance, *, created: bool, deleted: bool) -> str | None:
    if sender in (WebhookDelivery, WebhookEndpoint):
        return None
    if issubclass(sender, Redirect):
        return "redirect"
    if issubclass(sender, NavigationSettings):
        return "navigation"
    if issubclass(sender, BaseSiteSetting | BaseGenericSetting):
        return "settings"
    if issubclass(sender, Site):
        return "site"
    if issubclass(sender, LegalDocumentVersion):
        return "legal_version" if created else None
    if issubclass(sender, PRICE_MODELS):
        return "prices"
    if sender in get_snippet_models() and not issubclass(sender, IGNORED_SNIPPETS):
        return "snippet"
    return None


def _endpoints_changed(sender, **kwargs) -> None:
    outbox.endpoints_changed()


def connect() -> None:
    batching.connect()
    uid = "lumen-webhooks"
    page_published.connect(_published, dispatch_uid=uid)
    page_unpublished.connect(_unpublished, dispatch_uid=uid)
    post_page_move.connect(_moved, dispatch_uid=uid)
    page_slug_changed.connect(_slug_changed, dispatch_uid=uid)
    pre_delete.connect(_page_deleted, sender=Page, dispatch_uid=uid)
    post_save.connect(_saved, dispatch_uid=uid)
    post_delete.connect(_deleted, dispatch_uid=uid)
    for signal in (post_save, post_delete):
        signal.connect(_endpoints_changed, sender=WebhookEndpoint, dispatch_uid=uid)
