"""A cache outage degrades pages to uncached, never to a 500.

Django's Redis backend raises on a refused or timed-out connection (django-redis's
IGNORE_EXCEPTIONS would swap in another client library for one flag): this subclass
reads an outage as a miss and drops writes. Staleness is bounded: entries written
before an outage expire with PAGE_CACHE_TIMEOUT.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache.backends.redis import RedisCache

from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _fail_open(name: str, fallback: Any):
    def method(self, *args, **kwargs):
        try:
            return getattr(RedisCache, name)(self, *args, **kwargs)
        except (RedisError, OSError) as exc:
            logger.warning(
                "cache %s failed (%s): answered without the cache", name, exc
            )
            return fallback(*args, **kwargs) if callable(fallback) else fallback

    method.__name__ = name
    return method


def _default(key, default=None, *args, **kwargs):
    return default


def _incr(*args, **kwargs):
    raise ValueError("cache unavailable")


class FailOpenRedisCache(RedisCache):
    get = _fail_open("get", _default)
    get_many = _fail_open("get_many", lambda *args, **kwargs: {})
    has_key = _fail_open("has_key", False)
    add = _fail_open("add", False)
    set = _fail_open("set", None)
    set_many = _fail_open("set_many", lambda *args, **kwargs: [])
    touch = _fail_open("touch", False)
    delete = _fail_open("delete", False)
    delete_many = _fail_open("delete_many", None)
    incr = _fail_open("incr", _incr)
    clear = _fail_open("clear", None)
