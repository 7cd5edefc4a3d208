"""A job whose worker died is queued again by the next sweep, once; a live one is left."""

import os
import socket
import subprocess
import sys
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from intake import services, tasks
from intake.models import IntakeJob

pytestmark = pytest.mark.django_db


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def _running(worker: str, started_ago: timedelta) -> IntakeJob:
    return IntakeJob.objects.create(
        kind="url",
        url="https://example.org/story",
        status="running",
        worker=worker,
        started_at=timezone.now() - started_ago,
        attempts=1,
    )


def test_the_sweep_requeues_dead_and_stale_jobs_once(settings, monkeypatch):
    settings.FACTDESK_INTAKE_STALE_SECONDS = 900
    enqueued = []
    monkeypatch.setattr(tasks, "run_intake_job", SimpleNamespace(enqueue=enqueued.append))
    here = socket.gethostname()
    dead_here = _running(f"{here}:{_dead_pid()}", timedelta(seconds=5))
    alive_here = _running(f"{here}:{os.getpid()}", timedelta(seconds=5))
    stale_elsewhere = _running("another-host:123", timedelta(seconds=901))
    fresh_elsewhere = _running("another-host:456", timedelta(seconds=60))

    assert sorted(services.requeue_abandoned()) == sorted([dead_here.pk, stale_elsewhere.pk])
    assert sorted(enqueued) == sorted([dead_here.pk, stale_elsewhere.pk])
    states = dict(IntakeJob.objects.values_list("pk", "status"))
    assert states[alive_here.pk] == states[fresh_elsewhere.pk] == "running"
    assert states[dead_here.pk] == states[stale_elsewhere.pk] == "queued"
    # A second sweep finds nothing more to hand back.
    assert services.requeue_abandoned() == []
