"""Freeze a legal StreamField into numbered, plain JSON and render it as text.

The frozen form is what a ``LegalDocumentVersion`` stores: it never depends on block
definitions again, so old versions render the same after the blocks evolve.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

SCHEMA = 1
_ROMAN = [
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
]


def roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out += numeral
            n -= value
    return out


def letter(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (spreadsheet style)."""
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def clause_number(level: int, position: int) -> str:
    """Human marker of a clause at ``level`` (1-based) and ``position`` (1-based)."""
    if level == 1:
        return str(position)
    if level == 2:
        return f"({letter(position)})"
    return f"({roman(position)})"


def _children(raw: Any) -> list[dict]:
    """Raw stream/list data as ``[{type, value, id}]`` (ListBlock items included)."""
    items = []
    for child in raw or []:
        if isinstance(child, dict) and "value" in child:
            items.append(child)
        else:
            items.append({"type": "item", "value": child, "id": None})
    return items


def _freeze_list(value: dict) -> dict:
    items = []
    for item in _children(value.get("items")):
        v = item["value"]
        sub = [str(s["value"]) for s in _children(v.get("items"))]
        items.append({"text": str(v.get("text", "")), "items": sub})
    return {"kind": "list", "style": value.get("style") or "bullet", "items": items}


def _freeze_content(raw: Any, *, level: int, prefix: str, scope: str) -> list[dict]:
    nodes: list[dict] = []
    position = 0
    for child in _children(raw):
        kind, value, block_id = child["type"], child["value"], child.get("id")
        if kind == "paragraph":
            nodes.append({"kind": "paragraph", "id": block_id, "text": str(value)})
        elif kind == "list":
            node = _freeze_list(value)
            node["id"] = block_id
            nodes.append(node)
        elif kind == "clause":
            position += 1
            number = clause_number(level, position)
            ref = f"{prefix}{number}"
            nodes.append(
                {
                    "kind": "clause",
                    "id": block_id,
                    "level": level,
                    "number": number,
                    "ref": ref,
                    "scope": scope,
                    "title": str(value.get("title") or ""),
                    "content": _freeze_content(
                        value.get("content"), level=level + 1, prefix=ref, scope=scope
                    ),
                }
            )
        elif kind == "appendix":
            title = str(value.get("title") or "")
            nodes.append(
                {
                    "kind": "appendix",
                    "id": block_id,
                    "heading": str(value.get("heading") or ""),
                    "title": title,
                    "content": _freeze_content(
                        value.get("content"),
                        level=1,
                        prefix=f"{title}, clause ",
                        scope=title,
                    ),
                }
            )
    return nodes


def freeze_body(*, title: str, intro: str, raw_body: Any) -> dict:
    """Numbered plain JSON of a page's body (``raw_body``: StreamValue prep data)."""
    return {
        "schema": SCHEMA,
        "title": title,
        "intro": intro,
        "content": _freeze_content(raw_body, level=1, prefix="", scope=""),
    }


def _list_lines(node: dict, indent: str) -> Iterator[str]:
    for position, item in enumerate(node["items"], start=1):
        marker = f"{position}." if node["style"] == "number" else "-"
        yield f"{indent}{marker} {item['text']}"
        for sub in item["items"]:
            yield f"{indent}    - {sub}"


def _text_lines(nodes: Iterable[dict], indent: str = "") -> Iterator[str]:
    for node in nodes:
        if node["kind"] == "paragraph":
            yield f"{indent}{node['text']}"
        elif node["kind"] == "list":
            yield from _list_lines(node, indent)
        elif node["kind"] == "clause":
            marker = node["number"] + ("." if node["level"] == 1 else "")
            head = f"{indent}{marker}"
            if node["title"]:
                head += f" {node['title']}"
            content = node["content"]
            if content and content[0]["kind"] == "paragraph":
                head += f" {content[0]['text']}"
                content = content[1:]
            yield head
            yield from _text_lines(content, indent + "    ")
        elif node["kind"] == "appendix":
            if node["heading"]:
                yield f"{indent}{node['heading']}"
            yield f"{indent}{node['title']}"
            yield from _text_lines(node["content"], indent)


def render_text(body: dict) -> str:
    """Canonical plain-text rendering of a frozen body; its SHA-256 identifies it."""
    lines = [body["title"]]
    if body.get("intro"):
        lines.append(body["intro"])
    lines.extend(_text_lines(body["content"]))
    return "\n".join(line.rstrip() for line in lines) + "\n"


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def iter_clauses(nodes: Iterable[dict]) -> Iterator[dict]:
    """Every clause at every level, in document order."""
    for node in nodes:
        if node["kind"] == "clause":
            yield node
            yield from iter_clauses(node["content"])
        elif node["kind"] == "appendix":
            yield from iter_clauses(node["content"])
