"""Page and setting writers shared by the seed steps, on top of the seed's ledger.

They create what is missing and update only the fields that still hold the value
the seed last wrote (`lumen_cms.seed.ledger`), so a second run saves and publishes
nothing and an editor's change is never overwritten.
"""

import html
from typing import Any

from django.db import models

from wagtail.models import Page

from lumen_cms.seed.ledger import child_by_slug, current_run, publish
from lumen_cms.seed.values import Related, normalize

__all__ = [
    "Related",
    "child_by_slug",
    "normalize",
    "paragraphs_html",
    "publish",
    "update_instance",
    "update_page",
    "upsert_page",
]


def upsert_page(
    *, parent: Page, model: type[Page], slug: str, **fields: Any
) -> Page | None:
    """Create the page under parent, or update the fields the seed still owns.

    A page of another type already at that slug is left alone (its app owns it);
    None when an editor deleted the seeded page.
    """
    return current_run().page(parent=parent, model=model, slug=slug, fields=fields)


def update_page(page: Page, **fields: Any) -> Page | None:
    """Update the fields of an existing seeded page that the seed still owns."""
    run = current_run()
    return run.page(
        parent=page.get_parent(),
        model=type(page),
        slug=page.slug,
        fields=fields,
        key=run.page_keys.get(page.pk),
    )


def update_instance(instance: models.Model, **fields: Any) -> bool:
    """Update a settings object's fields that the seed still owns; True if saved."""
    key = f"{instance._meta.label_lower}:{instance.pk}"
    return current_run().instance(key=key, obj=instance, fields=fields)


def paragraphs_html(paragraphs: list[str]) -> str:
    """Rich text from plain paragraphs (apostrophes kept as typed)."""
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
