"""Generation counters in the shared cache: any change bumps one, so what was stored
under an older value is never used again (the page cache, the route index)."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from django.core.cache import cache


def current(key: str, found: Mapping[str, Any] | None = None) -> int | None:
    """The counter (read from `found`, a get_many result, when given); a fresh value
    when missing or evicted; None while the cache is out."""
    value = found.get(key) if found is not None else cache.get(key)
    if value is None:
        cache.add(key, time.time_ns(), timeout=None)
        value = cache.get(key)
    return value


def bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        # Missing (evicted or never set): a fresh value no old entry can carry.
        cache.set(key, time.time_ns(), timeout=None)
