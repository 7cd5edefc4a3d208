"""The embedded default under a newsroom's concurrency: writers queue, none fails.

Three processes (as `make run`'s server and worker are) each run transactions that read
and then write, the pattern of a review or an ingestion. With SQLite's default deferred
transactions the second writer fails at once with "database is locked", whatever the
busy timeout; the desk's settings make it wait its turn instead.
"""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

WRITERS = 3
WRITES = 40
WRITER = """
import time
import django
django.setup()
from django.db import transaction
from articles.models import Source
for n in range({writes}):
    with transaction.atomic():
        # Read, then write in the same transaction: the lock upgrade SQLite refuses.
        Source.objects.filter(name__startswith="writer").count()
        time.sleep(0.02)  # the work between reading and writing (matching, scoring)
        Source.objects.create(name=f"writer {{WHO}} {{n}}")
"""


def _run(code: str, env: dict) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_concurrent_writers_on_a_sqlite_file_all_succeed(tmp_path: Path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'desk.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "factdesk.settings",
    }
    migrate = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert migrate.returncode == 0, migrate.stderr
    code = WRITER.format(writes=WRITES)
    writers = [_run(code.replace("{WHO}", str(who)), env) for who in range(WRITERS)]
    errors = []
    for writer in writers:
        _, stderr = writer.communicate(timeout=300)
        if writer.returncode:
            errors.append(stderr.strip().splitlines()[-1])
    assert errors == []
    count = _run(
        "import django; django.setup(); from articles.models import Source; "
        "print(Source.objects.filter(name__startswith='writer').count())",
        env,
    ).communicate(timeout=60)[0]
    assert int(count) == WRITERS * WRITES
    journal = _run(
        "import django; django.setup(); from django.db import connection; "
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0])",
        env,
    ).communicate(timeout=60)[0]
    assert journal.strip() == "wal"
