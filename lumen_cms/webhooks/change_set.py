"""What one content change affects: kinds, site-relative paths per site, and tags.

Tags name what a front end may have cached (the resolve endpoint returns the same
tags in `cache.tags`): ``page:<id>``, ``legal:<page id>``, ``prices``, and per site
``site:<id>`` (every path of the site), ``chrome:<id>`` (navigation and footer),
``sitemap:<id>``, ``redirects:<id>`` and ``not_found:<id>``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# Tags that name one site, as "<prefix>:<site id>".
SITE_TAG_PREFIXES = ("site", "chrome", "sitemap", "redirects", "not_found")
# More paths than this for one site and the body says "every path" instead. With
# `all_paths` the paths known to have changed are still listed (e.g. a moved page's
# old address, which a statically built front end must drop).
MAX_PATHS_PER_SITE = 1000


@dataclass
class ContentChange:
    kinds: set[str] = field(default_factory=set)
    paths: dict[int, set[str]] = field(default_factory=dict)
    all_paths: set[int] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)

    def __bool__(self) -> bool:
        return bool(self.kinds)

    def add_paths(self, site_id: int, paths: set[str] | list[str]) -> None:
        self.paths.setdefault(site_id, set()).update(paths)

    def add_all_paths(self, site_id: int) -> None:
        self.all_paths.add(site_id)
        self.tags.add(f"site:{site_id}")

    def merge(self, other: ContentChange) -> None:
        self.kinds |= other.kinds
        for site_id, paths in other.paths.items():
            self.add_paths(site_id, paths)
        self.all_paths |= other.all_paths
        self.tags |= other.tags

    @property
    def site_ids(self) -> set[int]:
        tagged = {_tag_site(tag) for tag in self.tags} - {None}
        return set(self.paths) | self.all_paths | tagged

    def for_site(self, site_id: int | None) -> ContentChange | None:
        """The part of the change a site's endpoint hears about (all when None);
        None when the change names sites, not this one."""
        if site_id is None:
            return self
        if self.site_ids and site_id not in self.site_ids:
            return None
        return ContentChange(
            kinds=set(self.kinds),
            paths={site_id: set(self.paths[site_id])} if site_id in self.paths else {},
            all_paths=self.all_paths & {site_id},
            tags={tag for tag in self.tags if _tag_site(tag) in (None, site_id)},
        )

    def body(self, *, message_id: str, created_at: str, sites: dict[int, Any]) -> dict:
        """The webhook body; `sites` maps site ids to Site objects."""
        site_entries = []
        every_path: set[str] = set()
        for site_id in sorted(self.site_ids):
            site = sites.get(site_id)
            if site is None:
                continue
            paths = sorted(self.paths.get(site_id, ()))
            all_paths = site_id in self.all_paths
            if len(paths) > MAX_PATHS_PER_SITE:
                all_paths, paths = True, []
            every_path.update(paths)
            site_entries.append(
                {
                    "id": site_id,
                    "hostname": site.hostname,
                    "root_url": site.root_url,
                    "all_paths": all_paths,
                    "paths": paths,
                }
            )
        tags = set(self.tags) | {
            f"site:{entry['id']}" for entry in site_entries if entry["all_paths"]
        }
        return {
            "type": "content.changed",
            "id": message_id,
            "created_at": created_at,
            "changes": sorted(self.kinds),
            "paths": sorted(every_path),
            "tags": sorted(tags),
            "sites": site_entries,
        }


def _tag_site(tag: str) -> int | None:
    prefix, _, value = tag.partition(":")
    if prefix in SITE_TAG_PREFIXES and value.isdigit():
        return int(value)
    return None
