"""Redis down: pages and API answers are served uncached, writes succeed, nothing 500s.

The probe cut Redis for a few seconds: every reader page and API read gave 500, and an
editor's unpublish gave 500 although the database had saved it. Here the cache points at
a port where nothing listens, as when Redis is down.
"""

import logging
import socket

import pytest
from django.core.cache import caches
from django.urls import reverse
from rest_framework.test import APIClient

from claims.models import Event
from claims.services import set_event_published
from factdesk.cache import ResilientRedisCache


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # free once closed: nothing answers there


@pytest.fixture
def redis_down(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "factdesk.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{_closed_port()}/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
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
