"""POST data for Wagtail admin edit forms, as a browser would send it.

`querydict_from_html` reads the rendered inputs (rich text included); StreamFields
are drawn by JavaScript, so their inputs are rebuilt here from the saved value.
"""

from __future__ import annotations

from typing import Any

from django.db import models

from wagtail import blocks
from wagtail.admin.rich_text import DraftailRichTextArea
from wagtail.fields import StreamField
from wagtail.test.utils.form_data import querydict_from_html


def block_data(block: blocks.Block, value: Any, prefix: str) -> dict[str, str]:
    """The inputs the admin's block widgets post for `value`."""
    if isinstance(block, blocks.StreamBlock):
        data = {f"{prefix}-count": str(len(value))}
        for i, child in enumerate(value):
            data |= {
                f"{prefix}-{i}-type": child.block_type,
                f"{prefix}-{i}-deleted": "",
                f"{prefix}-{i}-order": str(i),
                f"{prefix}-{i}-id": child.id or "",
            }
            data |= block_data(child.block, child.value, f"{prefix}-{i}-value")
        return data
    if isinstance(block, blocks.ListBlock):
        items = value.bound_blocks
        data = {f"{prefix}-count": str(len(items))}
        for i, item in enumerate(items):
            data |= {
                f"{prefix}-{i}-deleted": "",
                f"{prefix}-{i}-order": str(i),
                f"{prefix}-{i}-id": item.id or "",
            }
            data |= block_data(block.child_block, item.value, f"{prefix}-{i}-value")
        return data
    if isinstance(block, blocks.StructBlock):
        data = {}
        for name, child in block.child_blocks.items():
            data |= block_data(child, value.get(name), f"{prefix}-{name}")
        return data
    form_value = block.value_for_form(value)
    widget = block.field.widget
    if isinstance(widget, DraftailRichTextArea):
        return {prefix: widget.format_value(form_value)}
    if isinstance(form_value, bool):
        return {prefix: "on"} if form_value else {}
    if isinstance(form_value, models.Model):
        form_value = form_value.pk
    return {prefix: "" if form_value is None else str(form_value)}


def admin_form_data(
    client, url: str, instance: models.Model, *, form_id: str | None = None
) -> dict[str, Any]:
    """The edit form at `url` as posted unchanged (StreamFields of `instance` added)."""
    html = client.get(url).content.decode()
    rendered = querydict_from_html(html, form_id=form_id)
    data: dict[str, Any] = {}
    for key, values in rendered.lists():
        if "__prefix__" in key:
            continue
        # Browsers drop the newline Django writes after <textarea>.
        values = [v[1:] if v.startswith("\n") else v for v in values]
        data[key] = values if len(values) > 1 else values[0]
    for field in instance._meta.get_fields():
        if isinstance(field, StreamField):
            value = getattr(instance, field.name)
            data |= block_data(field.stream_block, value, field.name)
    return data
