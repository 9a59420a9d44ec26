"""Bulk loading for `/api/v2/pages/` listings: what the listed fields read is fetched
once for the whole page of results, never once per page (no N+1).

Wagtail's pages API serialises each page on its own, so every FK, child relation,
tag list, chooser block or computed field costs a query per page. A page type says
what its `api_fields` read, with any of these optional class attributes:

- `api_select_related`: foreign keys joined into the listing query;
- `api_prefetch_related`: `prefetch_related` lookups or `Prefetch` objects (child
  relations, tags, many-to-many, image renditions);
- `api_bulk_load(pages, *, fields, request)`: a classmethod for what the ORM cannot
  express (tree children, the version in effect, data shared by every page).

They apply only when the listing shows one of the type's own `api_fields` (the plain
listing pays nothing). StreamFields among the listed fields need no declaration:
their blocks are converted across all pages at once, one query per chooser.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet, prefetch_related_objects
from django.http import HttpRequest

from wagtail.blocks import StreamValue
from wagtail.fields import StreamField
from wagtail.models import Page, Site

# Page fields of the API whose value is another row: joined when listed.
PAGE_RELATIONS = ("locale", "alias_of")


def own_api_fields(model: type[Model]) -> set[str]:
    """Names of the fields a page type adds to the API (beyond Page's own)."""
    return {getattr(field, "name", field) for field in getattr(model, "api_fields", ())}


def select_for_api(queryset: QuerySet, fields: Collection[str]) -> QuerySet:
    """The listing query with the rows the shown fields read joined in."""
    related = [name for name in PAGE_RELATIONS if name in fields]
    model = queryset.model
    if own_api_fields(model) & set(fields):
        related += list(getattr(model, "api_select_related", ()))
    return queryset.select_related(*related) if related else queryset


def load_for_api(
    pages: list[Page], model: type[Model], fields: Collection[str], request: HttpRequest
) -> None:
    """Fetch in bulk what serialising `fields` of these pages would fetch one by one.

    Relations already joined by `select_for_api` are skipped; a search (whose results
    may not keep the join) gets them in one query each instead.
    """
    if not pages:
        return
    # html_url: one cache read for the listing, not one per page (the attribute is
    # where Page._get_site_root_paths keeps them when it has no request).
    site_root_paths = Site.get_site_root_paths()
    for page in pages:
        page._wagtail_cached_site_root_paths = site_root_paths
    fields = set(fields)
    lookups: list[Any] = [name for name in PAGE_RELATIONS if name in fields]
    shows_own_fields = bool(own_api_fields(model) & fields)
    if shows_own_fields:
        lookups += [
            *getattr(model, "api_select_related", ()),
            *getattr(model, "api_prefetch_related", ()),
        ]
    if lookups:
        prefetch_related_objects(pages, *lookups)
    if not shows_own_fields:
        return
    load_streams(pages, [name for name in fields if _is_stream_field(model, name)])
    bulk_load = getattr(model, "api_bulk_load", None)
    if bulk_load is not None:
        bulk_load(pages, fields=fields, request=request)


def load_streams(pages: Iterable[Model], names: Iterable[str]) -> None:
    """Convert the StreamFields `names` of all pages together, block type by block
    type, so a chooser costs one query for the listing instead of one per page."""
    for name in names:
        values = [getattr(page, name, None) for page in pages]
        convert_streams([v for v in values if isinstance(v, StreamValue)])


def convert_streams(values: list[StreamValue]) -> None:
    """What `StreamValue._prefetch_blocks` does for one stream, across many.

    Relies on StreamValue's lazy state (`_raw_data`, `_bound_blocks`, Wagtail 7.4);
    the listing tests fail (more queries per page) if that ever changes.
    """
    pending: dict[tuple[int, str], list[tuple[StreamValue, int]]] = defaultdict(list)
    for value in values:
        child_blocks = value.stream_block.child_blocks
        for index, raw in enumerate(value._raw_data):
            if value._bound_blocks[index] is not None or raw is None:
                continue
            if raw.get("type") in child_blocks:
                pending[(id(value.stream_block), raw["type"])].append((value, index))
    for (_, type_name), items in pending.items():
        block = items[0][0].stream_block.child_blocks[type_name]
        natives = block.bulk_to_python(
            [value._raw_data[index]["value"] for value, index in items]
        )
        for (value, index), native in zip(items, natives, strict=True):
            value._bound_blocks[index] = StreamValue.StreamChild(
                block, native, id=value._raw_data[index].get("id")
            )


def _is_stream_field(model: type[Model], name: str) -> bool:
    try:
        return isinstance(model._meta.get_field(name), StreamField)
    except FieldDoesNotExist:
        return False
