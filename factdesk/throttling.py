"""API throttling that costs one cache round trip: a counter per client and time window.

DRF's own throttles keep each client's request times as a list they read, unpickle,
append to and write back on every request; on the embedded default that was two queries
on the database cache table per API call. Here each request increments one counter
(`incr`, atomic in Redis and in process memory) for the current fixed window; the first
request of a window creates it. A client may thus make up to twice its rate across the
boundary of two windows, the usual price of fixed windows.

The counters live in the "throttle" cache (factdesk.settings): Redis when REDIS_URL is
set, so every web process on every machine shares one count; otherwise the memory of
each web process, which is exact for `make run` (one process) and, with N gunicorn
workers on one machine, lets a client make up to N times its rate.
"""

import time

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle

THROTTLE_CACHE = "throttle"


class FixedWindowThrottle(SimpleRateThrottle):
    @property
    def cache(self):
        return caches[THROTTLE_CACHE if THROTTLE_CACHE in settings.CACHES else "default"]

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        # The API's cache counted this request already, before DRF ran (page_cache).
        if getattr(getattr(request, "_request", request), "throttled_already", False):
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = time.time()
        window = int(now // self.duration)
        counter = f"{self.key}:{window}"
        count = self._count(counter)
        self.wait_seconds = self.duration - (now - window * self.duration)
        return count <= self.num_requests

    def _count(self, counter: str) -> int:
        # The counter outlives its window by a second so a late count still finds it.
        lifetime = self.duration + 1
        in_one_trip = getattr(self.cache, "count_in_window", None)
        if in_one_trip is not None:
            return in_one_trip(counter, lifetime)
        try:
            return self.cache.incr(counter)
        except ValueError:  # the window's first request: no counter yet
            if self.cache.add(counter, 1, lifetime):
                return 1
            return self.cache.incr(counter)  # another request created it meanwhile

    def wait(self):
        return max(1, round(getattr(self, "wait_seconds", self.duration)))


class AnonThrottle(FixedWindowThrottle, AnonRateThrottle):
    scope = "anon"


class UserThrottle(FixedWindowThrottle, UserRateThrottle):
    scope = "user"

    def get_cache_key(self, request, view):
        # Anonymous clients are AnonThrottle's: counting them here too cost a second trip.
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
