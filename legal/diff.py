"""Clause-level comparison of two frozen versions, with word-level markup.

Clauses are matched by their stable block id, so reordering shows as "moved" rather
than as a removal plus an addition. Word diffs escape every token before marking up.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

_TOKEN = re.compile(r"\s+|[^\s]+")

ADDED, REMOVED, CHANGED, MOVED, UNCHANGED = (
    "added",
    "removed",
    "changed",
    "moved",
    "unchanged",
)


@dataclass
class DiffUnit:
    """One comparable unit: a clause's own text (without its sub-clauses) or a
    free-standing paragraph, list or appendix heading."""

    id: str
    kind: str
    ref: str
    depth: int
    title: str
    text: str
    scope: str = ""

    @property
    def label(self) -> str:
        if self.kind == "clause":
            return f"Clause {self.ref}" if not self.scope else self.ref
        if self.kind == "appendix":
            return self.title
        return f"{self.scope} text" if self.scope else "Text"


@dataclass
class DiffEntry:
    status: str
    old: DiffUnit | None
    new: DiffUnit | None
    html: SafeString = field(default_factory=lambda: mark_safe(""))
    text_changed: bool = False

    @property
    def unit(self) -> DiffUnit:
        return self.new or self.old  # type: ignore[return-value]

    @property
    def renumbered(self) -> bool:
        return bool(self.old and self.new and self.old.ref != self.new.ref)

    def as_dict(self) -> dict:
        return {
            "status": self.status,
            "clause_id": self.unit.id,
            "kind": self.unit.kind,
            "old_ref": self.old.ref if self.old else None,
            "new_ref": self.new.ref if self.new else None,
            "old_text": self.old.text if self.old else None,
            "new_text": self.new.text if self.new else None,
            "text_changed": self.text_changed,
            "html": str(self.html),
        }


def _list_text(node: dict) -> list[str]:
    lines = []
    for item in node["items"]:
        lines.append(f"- {item['text']}")
        lines.extend(f"  - {sub}" for sub in item["items"])
    return lines


def _own_text(nodes: list[dict]) -> str:
    lines: list[str] = []
    for node in nodes:
        if node["kind"] == "paragraph":
            lines.append(node["text"])
        elif node["kind"] == "list":
            lines.extend(_list_text(node))
    return "\n".join(lines)


def flatten(body: dict) -> list[DiffUnit]:
    """The body's comparable units in document order."""
    units: list[DiffUnit] = []

    def walk(
        nodes: list[dict], depth: int, scope: str, parent: str, in_clause: bool
    ) -> None:
        for index, node in enumerate(nodes):
            kind = node["kind"]
            if kind == "clause":
                units.append(
                    DiffUnit(
                        id=node["id"] or f"{parent}.{index}",
                        kind="clause",
                        ref=node["ref"],
                        depth=depth,
                        title=node["title"],
                        text=_own_text(node["content"]),
                        scope=scope,
                    )
                )
                walk(node["content"], depth + 1, scope, node["id"] or parent, True)
            elif kind == "appendix":
                units.append(
                    DiffUnit(
                        id=node["id"] or f"{parent}.{index}",
                        kind="appendix",
                        ref=node["title"],
                        depth=depth,
                        title=node["title"],
                        text=node["heading"],
                        scope=node["title"],
                    )
                )
                owner = node["id"] or parent
                walk(node["content"], depth + 1, node["title"], owner, False)
            elif not in_clause:
                units.append(
                    DiffUnit(
                        id=node.get("id") or f"{parent}.{index}",
                        kind=kind,
                        ref="",
                        depth=depth,
                        title="",
                        text=_own_text([node]),
                        scope=scope,
                    )
                )

    walk(body["content"], 0, "", "root", False)
    return units


def word_diff(old: str, new: str) -> SafeString:
    """HTML of ``new`` with insertions in <ins> and deletions in <del>; escaped."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            parts.append(f"<del>{escape(''.join(a[i1:i2]))}</del>")
        if op in ("insert", "replace"):
            parts.append(f"<ins>{escape(''.join(b[j1:j2]))}</ins>")
    return mark_safe("".join(parts))  # noqa: S308 - every token escaped above


def _full(unit: DiffUnit) -> str:
    return f"{unit.title}\n{unit.text}" if unit.title else unit.text


def compare(old_body: dict, new_body: dict) -> list[DiffEntry]:
    """Entries in the new version's order, removed units where they used to be."""
    old_units, new_units = flatten(old_body), flatten(new_body)
    old_by_id = {u.id: u for u in old_units}
    new_ids = {u.id for u in new_units}
    matcher = difflib.SequenceMatcher(
        None, [u.id for u in old_units], [u.id for u in new_units], autojunk=False
    )
    in_order: set[str] = set()
    for block in matcher.get_matching_blocks():
        in_order.update(u.id for u in old_units[block.a : block.a + block.size])

    entries: list[DiffEntry] = []
    old_index = 0

    def flush_removed(until_id: str | None) -> None:
        nonlocal old_index
        while old_index < len(old_units):
            unit = old_units[old_index]
            if unit.id == until_id:
                old_index += 1
                return
            old_index += 1
            if unit.id not in new_ids:
                entries.append(
                    DiffEntry(REMOVED, unit, None, word_diff(_full(unit), ""), True)
                )

    for unit in new_units:
        old = old_by_id.get(unit.id)
        if old is None:
            entries.append(
                DiffEntry(ADDED, None, unit, word_diff("", _full(unit)), True)
            )
            continue
        if unit.id in in_order:
            flush_removed(unit.id)
        same = _full(old) == _full(unit)
        status = (UNCHANGED if same else CHANGED) if unit.id in in_order else MOVED
        html = word_diff(_full(old), _full(unit)) if not same else escape(_full(unit))
        entries.append(
            DiffEntry(status, old, unit, mark_safe(html), text_changed=not same)  # noqa: S308
        )
    flush_removed(None)
    return entries


def summarise(entries: list[DiffEntry]) -> dict[str, int]:
    counts = {ADDED: 0, REMOVED: 0, CHANGED: 0, MOVED: 0, UNCHANGED: 0}
    for entry in entries:
        counts[entry.status] += 1
    return counts


@dataclass
class UnchangedRun:
    """Consecutive unchanged units, shown as one row ("12 unchanged clauses")."""

    entries: list[DiffEntry]
    status: str = UNCHANGED

    @property
    def count(self) -> int:
        return len(self.entries)

    @property
    def noun(self) -> str:
        """ "clause(s)" when every unit is a clause, else "part(s)"."""
        word = (
            "clause"
            if all(entry.unit.kind == "clause" for entry in self.entries)
            else "part"
        )
        return word if self.count == 1 else f"{word}s"

    @property
    def first(self) -> DiffUnit:
        return self.entries[0].unit

    @property
    def last(self) -> DiffUnit:
        return self.entries[-1].unit


def group_unchanged(entries: list[DiffEntry]) -> list[DiffEntry | UnchangedRun]:
    """The entries with every run of unchanged ones folded into one UnchangedRun."""
    grouped: list[DiffEntry | UnchangedRun] = []
    for entry in entries:
        if entry.status != UNCHANGED:
            grouped.append(entry)
        elif grouped and isinstance(grouped[-1], UnchangedRun):
            grouped[-1].entries.append(entry)
        else:
            grouped.append(UnchangedRun([entry]))
    return grouped
