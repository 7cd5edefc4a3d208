"""Schemathesis drives every documented operation with generated input, in process.

Its pytest plugin does not run under pytest 9 yet, so each operation's Hypothesis
strategy is used directly; every default check runs on every response (no 5xx,
status codes, content types and bodies as documented).
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import positive_data_acceptance

from factdesk.wsgi import application

FUZZ = settings(
    max_examples=12,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def _operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.fixture(scope="module")
def operations(django_db_blocker):
    with django_db_blocker.unblock():
        return _operations()


@pytest.fixture(autouse=True)
def keep_test_transaction_open():
    """Requests go straight to the WSGI app, not through Django's test client, so the
    request signals would close the connection holding the test's transaction (as the
    test client does, they are disconnected for the test)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _fuzz(operation, headers=None, excluded_checks=()):
    @FUZZ
    @given(case=operation.as_strategy())
    def run(case):
        case.call_and_validate(headers=headers, excluded_checks=list(excluded_checks))

    run()


def test_schema_lists_every_endpoint(operations):
    labels = {op.label for op in operations}
    assert "POST /api/v1/claims/{id}/review/" in labels
    assert "GET /api/v1/events/{slug}/" in labels
    assert len(labels) >= 10


def test_every_operation_as_anonymous_reader(published, operations):
    for operation in operations:
        _fuzz(operation)


def test_every_operation_as_editor(published, operations, editor):
    """Writes are refused by rules no schema can state (a text with no article in it,
    deciding a claim's current status again), so a schema-valid write may get a 400;
    every other check still runs."""
    token = Token.objects.create(user=editor).key
    for operation in operations:
        _fuzz(
            operation,
            headers={"Authorization": f"Token {token}"},
            excluded_checks=[positive_data_acceptance],
        )
