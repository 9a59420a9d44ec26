"""Seed values made comparable: what counts as the same value, and as empty.

Saving in the admin re-serialises values (block ids, list item wrappers, empty keys,
rich-text block keys) without changing them; none of that may look like an edit.
"""

from __future__ import annotations

import datetime
import hashlib
import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models

from wagtail.blocks import StreamValue
from wagtail.rich_text import RichText

BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')
EMPTY = (None, "", [], {})


def normalize(value: Any) -> Any:
    """Comparable data: no block ids, no empty keys, list items unwrapped, rich text
    without the editor's block keys (saving in the admin adds them)."""
    if isinstance(value, StreamValue):
        value = list(value.raw_data)
    if isinstance(value, RichText):
        value = value.source
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str):
        return html.unescape(BLOCK_KEY.sub("", value)).strip()
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
            k: normalize(v) for k, v in value.items() if k != "id" and v not in EMPTY
        }
    if isinstance(value, list | tuple):
        return [normalize(v) for v in value]
    if isinstance(value, models.QuerySet | models.Manager):
        return sorted(obj.pk for obj in value.all())
    return value


def digest(value: Any) -> str:
    data = json.dumps(normalize(value), sort_keys=True, default=str)
    return hashlib.sha256(data.encode()).hexdigest()


def is_empty(value: Any) -> bool:
    return normalize(value) in EMPTY


@dataclass
class Related:
    """A seeded value that is not a plain attribute (child rows, many-to-many)."""

    value: Any
    read: Callable[[models.Model], Any]
    write: Callable[[models.Model, Any], None]


def child_rows(
    name: str, model: type[models.Model], rows: list[dict], **defaults: Any
) -> Related:
    """The ordered inline rows of a page or cluster (form fields, routes, links)."""
    wanted = [{**defaults, **row} for row in rows]
    keys = sorted({key for row in wanted for key in row})

    def read(obj: models.Model) -> list[dict]:
        related = getattr(obj, name).all()
        return [{key: getattr(row, key) for key in keys} for row in related]

    def write(obj: models.Model, value: list[dict]) -> None:
        setattr(obj, name, [model(sort_order=i, **row) for i, row in enumerate(value)])

    return Related(wanted, read, write)


def value_of(wanted: Any) -> Any:
    return wanted.value if isinstance(wanted, Related) else wanted
