"""Idempotent page and setting writers shared by the seed steps.

A value only counts as changed when it differs after normalisation (block ids and the
ListBlock item wrapper removed), so a second seed run saves and publishes nothing.
"""

import html
from typing import Any

from django.db import models

from wagtail.blocks import StreamValue
from wagtail.models import Page


def normalize(value: Any) -> Any:
    """Comparable field data: no block ids, no empty keys, list items unwrapped."""
    if isinstance(value, StreamValue):
        value = list(value.raw_data)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, dict):
        if (
            "type" in value
            and "value" in value
            and set(value) <= {"type", "value", "id"}
        ):
            if value["type"] == "item":
                return normalize(value["value"])
            return {"type": value["type"], "value": normalize(value["value"])}
        return {
            k: normalize(v)
            for k, v in value.items()
            if k != "id" and v not in (None, "", [], {})
        }
    if isinstance(value, list | tuple):
        return [normalize(v) for v in value]
    return value


def changed_fields(instance: models.Model, fields: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value
        for name, value in fields.items()
        if normalize(getattr(instance, name)) != normalize(value)
    }


def child_by_slug(parent: Page, slug: str) -> Page | None:
    return Page.objects.child_of(parent).filter(slug=slug).first()


def publish(page: Page) -> None:
    page.save_revision().publish()


def upsert_page(*, parent: Page, model: type[Page], slug: str, **fields: Any) -> Page:
    """Create the page under parent, or update it in place when its seed fields changed.

    A page of another type already at that slug is left alone (its app owns it).
    """
    existing = child_by_slug(parent, slug)
    if existing is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        publish(page)
        return page
    page = existing.specific
    if not isinstance(page, model):
        return page
    changes = changed_fields(page, fields)
    if changes or not page.live:
        for name, value in changes.items():
            setattr(page, name, value)
        publish(page)
    return page


def update_page(page: Page, **fields: Any) -> bool:
    """Set fields on an existing page and publish only if something differs."""
    changes = changed_fields(page, fields)
    if changes:
        for name, value in changes.items():
            setattr(page, name, value)
        publish(page)
    return bool(changes)


def update_instance(instance: models.Model, **fields: Any) -> bool:
    changes = changed_fields(instance, fields)
    if changes:
        for name, value in changes.items():
            setattr(instance, name, value)
        instance.full_clean()
        instance.save()
    return bool(changes)


def paragraphs_html(paragraphs: list[str]) -> str:
    """Rich text from plain paragraphs (apostrophes kept as typed)."""
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
