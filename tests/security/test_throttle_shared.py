"""API throttle counts are shared by every web process: the 121st anonymous request in a
minute is refused wherever it lands."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache as default_cache
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

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
from rest_framework.throttling import AnonRateThrottle
AnonRateThrottle.THROTTLE_RATES = {"anon": "120/minute"}
allowed = 0
for _ in range(70):
    request = RequestFactory().get("/api/v1/events/", REMOTE_ADDR="192.0.2.44")
    request.user = AnonymousUser()
    allowed += AnonRateThrottle().allow_request(request, None)
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


def test_two_processes_share_one_count(tmp_path):
    env = process_env(tmp_path)
    subprocess.run([sys.executable, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
    first = int(python(WORKER, env))
    second = int(python(WORKER, env))
    assert (first, second) == (70, 50)


def test_the_throttle_cache_is_the_database_or_redis_never_process_memory(tmp_path):
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'factdesk.settings'\n"
        "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    )
    env = process_env(tmp_path)
    assert python(code, env) == "django.core.cache.backends.db.DatabaseCache"
    with_redis = process_env(tmp_path, REDIS_URL="redis://127.0.0.1:6379/0")
    assert python(code, with_redis) == "factdesk.cache.ResilientRedisCache"
    assert AnonRateThrottle.cache is default_cache  # the alias those settings configure


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
