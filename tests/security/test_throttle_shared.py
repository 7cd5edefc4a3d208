"""API throttle counts: with Redis, shared by every web process (the 121st anonymous
request in a minute is refused wherever it lands); on the embedded default, kept in each
process's memory, one counter increment a request (factdesk/throttling.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core.cache import caches
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

from factdesk.throttling import AnonThrottle
from tests.redis_service import scratch_redis_url

ROOT = Path(__file__).resolve().parents[2]

# One web process: 70 anonymous requests from one address through DRF's throttle, as
# configured by the settings. Prints how many were let through.
WORKER = """
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "factdesk.settings"
import django
django.setup()
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from factdesk.throttling import AnonThrottle
# A day's window: the two processes never straddle a boundary where counts start over.
AnonThrottle.THROTTLE_RATES = {"anon": "120/day"}
allowed = 0
for _ in range(70):
    request = RequestFactory().get("/api/v1/events/", REMOTE_ADDR="192.0.2.44")
    request.user = AnonymousUser()
    allowed += AnonThrottle().allow_request(request, None)
print(allowed)
"""


def process_env(tmp_path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'shared.sqlite3'}",
        DJANGO_SECRET_KEY="tests-only-key-for-two-processes",
        **extra,
    )
    return env


def python(code: str, env: dict) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def _redis_url() -> str:
    return scratch_redis_url(7, "the shared throttle")


def test_two_processes_share_one_count_through_redis(tmp_path):
    env = process_env(tmp_path, REDIS_URL=_redis_url())
    first = int(python(WORKER, env))
    second = int(python(WORKER, env))
    assert (first, second) == (70, 50)


def test_on_the_embedded_default_each_process_counts_in_memory(tmp_path):
    env = process_env(tmp_path)
    assert (int(python(WORKER, env)), int(python(WORKER, env))) == (70, 70)


def test_the_throttle_cache_is_redis_when_configured_else_process_memory(tmp_path):
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'factdesk.settings'\n"
        "from django.conf import settings; c = settings.CACHES\n"
        "print(c['default']['BACKEND'], c['throttle']['BACKEND'])"
    )
    env = process_env(tmp_path)
    assert python(code, env) == (
        "django.core.cache.backends.db.DatabaseCache django.core.cache.backends.locmem.LocMemCache"
    )
    with_redis = process_env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")
    assert python(code, with_redis) == (
        "factdesk.cache.ResilientRedisCache factdesk.cache.ResilientRedisCache"
    )
    assert AnonThrottle().cache is caches["throttle"]


def test_a_request_costs_one_counter_increment(db, monkeypatch):
    """Not DRF's list of timestamps read and written back: one incr per request."""
    throttle_cache = caches["throttle"]
    calls = []
    real_incr = throttle_cache.incr

    def counted_incr(*args, **kwargs):
        calls.append("incr")
        return real_incr(*args, **kwargs)

    monkeypatch.setattr(throttle_cache, "incr", counted_incr)
    monkeypatch.setattr(throttle_cache, "get", lambda *a, **k: pytest.fail("throttle read"))
    monkeypatch.setattr(throttle_cache, "set", lambda *a, **k: pytest.fail("throttle write"))
    api = APIClient(REMOTE_ADDR="192.0.2.48")
    for _ in range(3):
        api.get("/api/v1/sources/")
    assert calls == ["incr"] * 3


def test_migrate_creates_the_cache_table(db):
    from django.db import connection

    assert "factdesk_cache" in connection.introspection.table_names()


@pytest.fixture
def one_minute():
    with time_machine.travel(timezone.now(), tick=False):
        yield


def test_the_121st_anonymous_request_in_a_minute_gets_429_in_the_error_shape(
    db, monkeypatch, one_minute
):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "120/minute"})
    api = APIClient(REMOTE_ADDR="192.0.2.45")
    codes = [api.get("/api/v1/sources/").status_code for _ in range(120)]
    assert codes == [200] * 120
    refused = api.get("/api/v1/sources/")
    assert refused.status_code == 429
    body = json.loads(refused.content)
    assert set(body) == {"status", "code", "detail", "errors"}
    assert (body["status"], body["code"], body["errors"]) == (429, "throttled", {})
    assert 0 < int(refused["Retry-After"]) <= 60
    # Another client is not held back by this one.
    assert APIClient(REMOTE_ADDR="192.0.2.46").get("/api/v1/sources/").status_code == 200


def test_a_forged_forwarded_for_header_does_not_reset_the_count(db, monkeypatch, one_minute):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    api = APIClient(REMOTE_ADDR="192.0.2.47")
    codes = [
        api.get("/api/v1/sources/", HTTP_X_FORWARDED_FOR=f"10.9.8.{n}").status_code
        for n in range(4)
    ]
    assert codes == [200, 200, 200, 429]
