"""Redis down: pages and API answers are served uncached, writes succeed, nothing 500s.

The probe cut Redis for a few seconds: every reader page and API read gave 500, and an
editor's unpublish gave 500 although the database had saved it; once Redis was back, the
old answers (the unpublished event's page among them) were served for up to ten minutes.
Here the cache points at a port where nothing listens, as when Redis is down, or at a
proxy in front of the real Redis that is cut and restored.
"""

import logging
import socket
import time

import pytest
from django.core.cache import caches
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import Event
from claims.services import set_event_published
from factdesk import page_cache
from factdesk.cache import ResilientRedisCache
from tests.redis_service import CuttableProxy, scratch_redis_url


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free once closed: nothing answers there


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "factdesk.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    # Django resets its cache handlers when CACHES changes.
    return caches["default"]


def test_an_unreachable_cache_is_a_miss_and_a_skipped_write(redis_down, caplog):
    assert isinstance(redis_down, ResilientRedisCache)
    with caplog.at_level(logging.WARNING, logger="factdesk.cache"):
        assert redis_down.get("anything", "default") == "default"
        redis_down.set("anything", "value")
        assert redis_down.incr("counter") == 1
    assert "serving without the cache" in caplog.text


def test_pages_api_and_writes_work_while_redis_is_down(redis_down, client, seeded, editor):
    event = Event.objects.order_by("pk").first()
    set_event_published(event=event, editor=editor, published=True)
    assert client.get(reverse("public:home")).status_code == 200
    assert client.get(reverse("public:event", args=[event.slug])).status_code == 200
    assert APIClient().get("/api/v1/claims/").status_code == 200
    set_event_published(event=event, editor=editor, published=False)
    assert client.get(reverse("public:event", args=[event.slug])).status_code == 404


def _redis_url() -> str:
    return scratch_redis_url(9, "the cache outage")


@pytest.fixture
def redis_cache(settings, db):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "factdesk.cache.ResilientRedisCache",
            "LOCATION": _redis_url(),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    return caches["default"]


def test_a_write_made_while_redis_was_down_takes_effect_once_it_is_back(redis_cache, monkeypatch):
    before = page_cache.desk_version()
    # Redis unreachable for the write: the new token reaches only the database.
    monkeypatch.setattr(redis_cache, "_available", lambda: False)
    written = page_cache.new_version()
    monkeypatch.undo()
    assert redis_cache.get(page_cache.VERSION_KEY) == before  # Redis kept the old token
    time.sleep(page_cache.STORE_CHECK_SECONDS + 0.1)
    assert page_cache.desk_version() == written  # within a second of recovery
    assert redis_cache.get(page_cache.VERSION_KEY) == written


def test_an_older_lasting_token_never_replaces_a_newer_one(redis_cache):
    page_cache.new_version()
    newer = f"{time.time_ns() + 10**9:020d}ffffffffffff"
    redis_cache.set(page_cache.VERSION_KEY, newer, timeout=None)
    time.sleep(page_cache.STORE_CHECK_SECONDS + 0.1)
    assert page_cache.desk_version() == newer


def test_culling_the_page_cache_never_forgets_the_desk_version(settings, db):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "factdesk_cache",
            "OPTIONS": {"MAX_ENTRIES": 5, "CULL_FREQUENCY": 1},  # a cull empties it
        },
    }
    version = page_cache.desk_version()
    for n in range(20):
        caches["default"].set(f"page-{n}", "x" * 100)
    assert page_cache.desk_version() == version


@pytest.fixture
def redis_behind_a_proxy(settings, db):
    number = int(scratch_redis_url(9, "a cut to Redis").rsplit("/", 1)[1])
    proxy = CuttableProxy()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "factdesk.cache.ResilientRedisCache",
            "LOCATION": proxy.url(number),
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    yield proxy
    proxy.close()


def test_no_stale_page_is_served_two_seconds_after_redis_is_back(
    redis_behind_a_proxy, client, seeded, editor
):
    event = Event.objects.order_by("pk").first()
    set_event_published(event=event, editor=editor, published=True)
    page = reverse("public:event", args=[event.slug])
    assert client.get(page).status_code == 200  # rendered, and kept in Redis
    token_in_redis = caches["default"].get(page_cache.VERSION_KEY)

    redis_behind_a_proxy.cut()
    set_event_published(event=event, editor=editor, published=False)
    assert client.get(page).status_code == 404
    assert client.get(reverse("public:home")).status_code == 200
    assert APIClient().get("/api/v1/claims/").status_code == 200

    redis_behind_a_proxy.restore()
    back = time.monotonic()
    # Redis never heard of the unpublishing: it still files the published page under
    # its old token, which only the desk's own copy in the database can overrule.
    assert caches.create_connection("default").get(page_cache.VERSION_KEY) == token_in_redis
    answers = []
    while time.monotonic() - back < 3:
        answers.append((time.monotonic() - back, client.get(page).status_code))
        time.sleep(0.05)
    after_two_seconds = [status for at, status in answers if at >= 2]
    assert after_two_seconds and set(after_two_seconds) == {404}, answers
