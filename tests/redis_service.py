"""A scratch Redis database for the tests that need a real Redis (on 127.0.0.1:6379).

CI runs the SQLite and the PostgreSQL suites side by side: each takes its own database
number, so one suite's flush never empties the other's counters.
"""

import os

import pytest
from django.db import connection


def scratch_redis_url(number: int, what: str) -> str:
    import redis

    number += 1 if connection.vendor == "postgresql" else 0
    url = f"redis://127.0.0.1:6379/{number}"
    try:
        redis.Redis.from_url(url, socket_timeout=2).flushdb()
    except redis.RedisError:
        if os.environ.get("CI"):
            pytest.fail(f"CI must test {what}: start Redis on 127.0.0.1:6379")
        pytest.skip("no Redis on 127.0.0.1:6379")
    return url
