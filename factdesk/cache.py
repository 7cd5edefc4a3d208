"""A Redis cache whose failures degrade the desk instead of breaking it.

Everything FactDesk keeps in the cache can be worked out again: cached pages, throttle
counts, the desk's version token (whose lasting copy is in the database, see
factdesk/page_cache.py). So when Redis cannot be reached, a read is a miss and a write is
skipped, with a warning in the log, and the page is rendered from the database. After a
failure the cache is left alone for a moment (`FACTDESK_CACHE_RETRY_SECONDS`), so readers
do not each wait for a connection timeout while Redis is down.
"""

import logging
import threading
import time

from django.conf import settings
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

FAILURES = (RedisError, OSError)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _failed(self, operation: str, error: Exception) -> None:
        retry = getattr(settings, "FACTDESK_CACHE_RETRY_SECONDS", 1.0)
        with self._lock:
            first = self._available()
            self._down_until = time.monotonic() + retry
        if first:
            logger.warning("Cache %s failed, serving without the cache: %s", operation, error)

    def _call(self, operation: str, default, method, *args, **kwargs):
        if not self._available():
            return default
        try:
            return method(*args, **kwargs)
        except FAILURES as error:
            self._failed(operation, error)
            return default

    def get(self, key, default=None, version=None):
        return self._call("get", default, super().get, key, default, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, super().get_many, keys, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), super().set_many, data, timeout, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, super().add, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, super().touch, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, super().delete, key, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, super().delete_many, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, super().has_key, key, version)

    def incr(self, key, delta=1, version=None):
        # A counter that cannot be read counts from nothing: the throttle lets it through.
        return self._call("incr", delta, super().incr, key, delta, version)

    def clear(self):
        return self._call("clear", False, super().clear)

    def count_in_window(self, key, timeout: int) -> int:
        """Add one to a counter that expires timeout seconds after its first count, in
        one round trip (the throttle's), instead of Django's exists-then-incr."""

        def count():
            stored = self.make_and_validate_key(key)
            pipeline = self._cache.get_client(stored, write=True).pipeline()
            pipeline.set(stored, 0, ex=timeout, nx=True)
            pipeline.incr(stored)
            return pipeline.execute()[1]

        # Unreachable: the request is let through (the throttle fails open).
        return self._call("count_in_window", 1, count)
