"""The admin's big lists page without counting the whole table on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from factdesk import paging
from tests.factories import make_desk


@pytest.mark.parametrize("url", ["/admin/claims/claim/", "/admin/articles/article/"])
def test_big_lists_are_paged_on_the_planner_estimate(client, editor, url, monkeypatch):
    make_desk(3)
    monkeypatch.setattr(paging, "EXACT_BELOW", 0)  # every list counts as big
    client.force_login(editor)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    # The database caches count their own small tables before they cull: not a list's count.
    counts = [
        q["sql"]
        for q in queries
        if "COUNT(" in q["sql"].upper()
        and "factdesk_cache" not in q["sql"]
        and "factdesk_desk_version" not in q["sql"]
    ]
    if connection.vendor == "postgresql":
        assert counts == []
        assert any(q["sql"].startswith("EXPLAIN") for q in queries)
    else:  # SQLite has no cheap estimate: the exact count, as Django does
        assert counts


def test_short_lists_are_counted_exactly(client, editor):
    make_desk(2)
    client.force_login(editor)
    response = client.get("/admin/claims/claim/")
    assert response.context["cl"].result_count == 6
