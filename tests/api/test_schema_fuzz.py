"""Schemathesis against the live schema, as an anonymous reader and as an editor.

The real command-line runner tests a live server with every check and all its phases:
coverage (each parameter's boundary and invalid values), fuzzing (positive and negative
data) and stateful (chains of calls through the schema's links). tests/api/schemathesis.toml
turns on every check and lists the few exclusions, each with the business rule that
no schema can state.

Bounded for CI: a fixed seed and a few examples per operation. The coverage phase's
sweep of the read operations' parameters runs once, as the reader (validation does not
depend on who asks); the editor's run sweeps the write operations. To explore further
locally, raise FUZZ_EXAMPLES or change FUZZ_SEED.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import schemathesis
from rest_framework.authtoken.models import Token

from claims.models import Event

CONFIG = Path(__file__).with_name("schemathesis.toml")
FUZZ_EXAMPLES = os.environ.get("FUZZ_EXAMPLES", "8")
FUZZ_SEED = os.environ.get("FUZZ_SEED", "13")


def test_schema_lists_every_endpoint(db, client):
    # Through the test client, not the raw WSGI app: the app's request signals close the
    # database connection, which on PostgreSQL breaks the test's open transaction.
    response = client.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = schemathesis.openapi.from_dict(response.json())
    labels = {result.ok().label for result in schema.get_all_operations()}
    assert "POST /api/v1/claims/{id}/review/" in labels
    assert "GET /api/v1/events/{slug}/" in labels
    assert len(labels) >= 10


@pytest.fixture
def published_desk(seeded):
    Event.objects.update(is_published=True)


# Appended to the shared configuration for the editor's run.
READS_SWEPT_ONCE = """
[[operations]]
include-method = "GET"
phases.coverage.enabled = false
"""


def run_schemathesis(server_url: str, workdir: Path, *extra: str, config_extra: str = "") -> str:
    config = workdir / "schemathesis.toml"
    config.write_text(CONFIG.read_text() + config_extra)
    command = [
        sys.executable,
        "-m",
        "schemathesis.cli",
        "--config-file",
        str(config),
        "--no-color",
        "run",
        f"{server_url}/api/v1/schema/",
        "--max-examples",
        FUZZ_EXAMPLES,
        "--seed",
        FUZZ_SEED,
        "--workers",
        "1",  # the test server shares one database connection
        "--generation-database",
        "none",
        "--request-timeout",
        "30",
        *extra,
    ]
    result = subprocess.run(
        command, cwd=workdir, capture_output=True, text=True, timeout=600, check=False
    )
    assert result.returncode == 0, result.stdout[-8000:] + result.stderr[-2000:]
    assert " passed" in result.stdout, result.stdout[-2000:]
    return result.stdout


def test_schemathesis_finds_no_failure_as_anonymous_reader(live_server, published_desk, tmp_path):
    run_schemathesis(live_server.url, tmp_path)


def test_schemathesis_finds_no_failure_as_editor(live_server, published_desk, editor, tmp_path):
    token = Token.objects.create(user=editor).key
    run_schemathesis(
        live_server.url,
        tmp_path,
        "--header",
        f"Authorization: Token {token}",
        config_extra=READS_SWEPT_ONCE,
    )
