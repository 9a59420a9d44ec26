"""What one seed run did, as the command prints it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass
class SeedReport:
    """What one run did, for the command's summary."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    drafted: list[str] = field(default_factory=list)
    kept: list[tuple[str, list[str], str]] = field(default_factory=list)
    left: list[tuple[str, str]] = field(default_factory=list)

    @property
    def kept_count(self) -> int:
        return sum(len(names) for _, names, _ in self.kept)

    def keep(self, label: str, names: list[str], note: str = "") -> None:
        self.kept.append((label, names, note))

    def summary(self) -> str:
        parts = [f"{len(self.created)} created", f"{len(self.updated)} updated"]
        if self.drafted:
            parts.append(f"{len(self.drafted)} drafts for review")
        count = self.kept_count
        parts.append(f"kept {count} editor change{'' if count == 1 else 's'}")
        return ", ".join(parts)

    def lines(self) -> Iterator[str]:
        for label, names, note in self.kept:
            yield f"  kept   {label}: {', '.join(names)}" + (
                f" ({note})" if note else ""
            )
        for label, reason in self.left:
            yield f"  left   {label}: {reason}"
        for label in self.drafted:
            yield f"  draft  {label}: the seed's update awaits its workflow"
