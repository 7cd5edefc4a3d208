"""Real workers in their own processes: on the database backend, and on Celery with Redis.

Two workers ingest four reports of one event at once (one event, no duplicate claims),
and a worker killed in the middle of a job leaves nothing behind; the job is taken again
and done once. The workers reach the test database, so this needs PostgreSQL (the SQLite
test database lives in this process's memory). The Celery runs need a Redis broker in
FACTDESK_TEST_CELERY_BROKER (CI sets it); without it they are skipped.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from articles.models import Article
from claims.models import Claim
from intake import services
from intake.models import IntakeJob, PageSnapshot

from .conftest import article_html

ROOT = Path(__file__).resolve().parents[2]
BROKER = os.environ.get("FACTDESK_TEST_CELERY_BROKER", "")
MEETING = [
    "000_10dd2e685f804502.txt",
    "001_533a638f6e0689a8.txt",
    "002_a6ad21ee82dba230.txt",
    "003_98a10de63b462da8.txt",
]
BACKENDS = [
    "database",
    pytest.param(
        "celery",
        marks=pytest.mark.skipif(not BROKER, reason="FACTDESK_TEST_CELERY_BROKER is not set"),
    ),
]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor == "sqlite",
        reason="worker processes cannot reach the in-memory SQLite test database; CI runs "
        "these on PostgreSQL",
    ),
]


def database_url() -> str:
    """The test database (not the one DATABASE_URL names), for the workers."""
    db = connection.settings_dict
    user = db["USER"] + (f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else "")
    return f"postgres://{user}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def backend(request, settings):
    """Route this test's tasks to the backend, and start its workers on demand."""
    name = request.param
    workers: list[subprocess.Popen] = []
    if name == "celery":
        import redis

        from factdesk.celery import app

        redis.Redis.from_url(BROKER).flushdb()
        app.conf.broker_url = BROKER
        settings.TASKS = {"default": {"BACKEND": "intake.celery_backend.CeleryBackend"}}

    def start(stale_seconds: int = 900) -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": database_url(),
            "FACTDESK_FETCH_ALLOWED_HOSTS": "127.0.0.1",
            "FACTDESK_INTAKE_STALE_SECONDS": str(stale_seconds),
            "CELERY_BROKER_URL": BROKER if name == "celery" else "",
            "CELERY_VISIBILITY_TIMEOUT": "4",
        }
        if name == "celery":
            command = [
                str(Path(sys.executable).parent / "celery"), "-A", "factdesk", "worker",
                "--pool=solo", "--loglevel=WARNING", "--without-gossip", "--without-mingle",
                f"--hostname=test{len(workers)}@%h",
            ]  # fmt: skip
        else:
            command = [sys.executable, "manage.py", "intake_worker", "--no-startup-delay"]
            command += ["--interval", "0.2"]
        worker = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        if worker.poll() is None:
            worker.kill()
        worker.wait(timeout=10)


def wait_for(condition, seconds: float = 90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError("timed out waiting for the workers")


def finished(jobs) -> bool:
    states = IntakeJob.objects.filter(pk__in=[job.pk for job in jobs])
    return all(s in {"done", "failed"} for s in states.values_list("status", flat=True))


@pytest.mark.parametrize("backend", BACKENDS, indirect=True)
def test_two_workers_ingest_four_reports_of_one_event_into_one_event(backend, site):
    jobs = [
        services.submit_url(url=site.page(f"/news/{n}", article_html(seed)))
        for n, seed in enumerate(MEETING)
    ]
    backend()
    backend()
    wait_for(lambda: finished(jobs))
    assert set(IntakeJob.objects.values_list("status", flat=True)) == {"done"}
    articles = Article.objects.all()
    assert articles.count() == 4
    assert len({article.event_id for article in articles}) == 1
    wordings = Counter(Claim.objects.values_list("event_id", "text"))
    assert wordings and max(wordings.values()) == 1  # no claim twice


@pytest.mark.parametrize("backend", BACKENDS, indirect=True)
def test_a_worker_killed_mid_job_leaves_nothing_and_the_job_is_done_once(
    backend, site, editor, request, settings
):
    settings.FACTDESK_INTAKE_STALE_SECONDS = 2
    release = threading.Event()
    page = article_html(MEETING[0])

    def stall_then_answer(handler):
        if not release.is_set():
            release.wait(30)  # the first worker is killed while it waits here
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(page)))
        handler.end_headers()
        handler.wfile.write(page)

    site.routes["/news/slow"] = stall_then_answer
    job = services.submit_url(url=site.url("/news/slow"))
    first = backend(stale_seconds=2 if "celery" in request.node.callspec.id else 900)
    wait_for(lambda: site.hits("/news/slow") == 1)
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    release.set()
    job.refresh_from_db()
    assert job.status == "running"
    assert not Article.objects.exists() and not PageSnapshot.objects.exists()

    if "celery" in request.node.callspec.id:
        time.sleep(2.5)  # the dead worker's job is now abandoned
        backend(stale_seconds=2)  # Celery hands the unacknowledged task out again
    else:
        # No editor's Retry: the next worker of this machine sees the process is gone,
        # long before the job would count as stale.
        backend(stale_seconds=900)
    wait_for(lambda: IntakeJob.objects.get(pk=job.pk).status in {"done", "failed"})
    job.refresh_from_db()
    assert job.status == "done", job.error
    assert job.attempts == 2
    assert Article.objects.count() == 1 and PageSnapshot.objects.count() == 1
