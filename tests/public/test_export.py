"""Exports: an event as JSON and CSV (API and admin), and the whole desk, which imports
back into an empty database and gives the same pages."""

import csv
import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from articles.models import Article, Source
from claims import export
from claims.models import Claim, Event

from .conftest import BUSAN_SLUG


def _export(client, fmt):
    return client.get(f"/api/v1/events/{BUSAN_SLUG}/export/", {"format": fmt})


def test_event_exports_as_json_and_csv_with_decisions_reports_and_evidence(client, decided):
    body = _export(client, "json").json()
    by_id = {c["id"]: c for c in body["claims"]}
    fta = by_id[decided.fta.pk]
    assert fta["status"] == "verified" and fta["decisions"][0]["to"] == "verified"
    assert fta["evidence"] == [
        {
            "url": "https://example.org/mofa-readout",
            "title": "Foreign ministry readout",
            "stance": "supports",
        }
    ]
    assert len({r["article_id"] for r in fta["reports"]}) == 4  # one article gives it twice
    announced = by_id[decided.announced.pk]
    assert {d["value"]: d["status"] for d in announced["variant_decisions"]} == {
        "announced": "disputed",
        "called for": "verified",
    }
    response = _export(client, "csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    fta_rows = [r for r in rows if r["claim_id"] == str(decided.fta.pk)]
    assert len(fta_rows) == len(fta["reports"]) and {r["status"] for r in fta_rows} == {"verified"}
    assert "[supports] https://example.org/mofa-readout" in fta_rows[0]["evidence"]
    # Every claim of the JSON export is in the CSV, in the same order.
    assert list(dict.fromkeys(int(r["claim_id"]) for r in rows)) == list(by_id)


def test_export_of_an_unpublished_event_is_not_found_for_readers(client, seeded, editor):
    event = Event.objects.get(slug=BUSAN_SLUG)
    assert not event.is_published
    assert _export(client, "json").status_code == 404
    client.force_login(editor)
    assert _export(client, "json").status_code == 200


def test_unknown_export_format_is_refused(client, decided):
    assert _export(client, "xml").status_code == 404


def test_admin_exports_selected_events(client, editor, decided):
    client.force_login(editor)
    event = Event.objects.get(slug=BUSAN_SLUG)
    url = reverse("admin:claims_event_changelist")
    response = client.post(url, {"action": "export_json", "_selected_action": [event.pk]})
    (data,) = json.loads(response.content)
    assert data["event"]["slug"] == BUSAN_SLUG
    assert len(data["claims"]) == Claim.objects.active().filter(event=event).count()
    response = client.post(url, {"action": "export_csv", "_selected_action": [event.pk]})
    assert response.content.decode("utf-8-sig").splitlines()[0].startswith("event,claim_id,claim")


# What differs between any two responses: the CSRF token and the CSP nonce.
PER_RESPONSE = re.compile(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"')


def _pages(client) -> dict[str, str]:
    paths = [reverse("public:home"), "/sitemap.xml", "/feed/"]
    paths += [e.get_absolute_url() for e in Event.objects.published()]
    paths += [c.get_absolute_url() for c in Claim.objects.published()]
    paths += [a.get_absolute_url() for a in Article.objects.published()]
    paths += [s.get_absolute_url() for s in Source.objects.published()]
    pages = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        pages[path] = PER_RESPONSE.sub("", response.content.decode())
    return pages


def test_desk_export_imports_into_an_empty_database_and_gives_the_same_pages(
    client, decided, tmp_path, django_db_blocker
):
    before = _pages(client)
    dump = tmp_path / "desk.json"
    call_command("export_desk", str(dump))
    for model in reversed(export.DESK_MODELS):  # empty the desk (the raw way: as a new DB)
        model.objects.all()._raw_delete(model.objects.db)
    assert not Claim.objects.exists()
    out = io.StringIO()
    call_command("import_desk", str(dump), stdout=out)
    assert "Imported" in out.getvalue()
    after = _pages(client)
    assert after.keys() == before.keys()
    for path, html in before.items():
        assert after[path] == html, path


def test_import_refuses_a_desk_that_is_not_empty_and_writes_nothing(seeded, tmp_path):
    dump = tmp_path / "desk.json"
    call_command("export_desk", str(dump))
    count = Claim.objects.count()
    with pytest.raises(CommandError, match="not empty"):
        call_command("import_desk", str(dump))
    assert Claim.objects.count() == count


@pytest.mark.parametrize(
    ("content", "message"),
    [("not json", "cannot read it as JSON"), ('{"format": "other"}', "not a FactDesk desk export")],
)
def test_import_refuses_what_is_not_a_desk_export(db, tmp_path, content, message):
    path = tmp_path / "bad.json"
    path.write_text(content)
    with pytest.raises(CommandError, match=message):
        call_command("import_desk", str(path))
    assert not Claim.objects.exists()
