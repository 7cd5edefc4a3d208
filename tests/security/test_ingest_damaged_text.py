"""Holes 3 and 11: damaged text gets a clear refusal, and never stops a batch.

A NUL byte after the first 8 KB of a file used to reach PostgreSQL, which cannot store
it: the admin upload answered 500 and `manage.py ingest` died with a traceback, skipped
the files after it and printed no `Done:` line. A pasted text with a NUL was told to
"Paste the article's text or choose a file".
"""

import json
import re
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from rest_framework.test import APIClient

from articles.models import Article, Source
from articles.reading import IngestError, decode_upload
from claims.models import Appearance, Claim, Event
from claims.pipeline import events, ingest_article
from claims.services import review_claim, set_event_published

BUSAN = "003_98a10de63b462da8.txt"
FORUM = "004_b261335234301b8b.txt"
PAST_8_KB = 9000


@pytest.fixture
def busan_text(seeds_dir):
    return (seeds_dir / BUSAN).read_text(encoding="utf-8")


@pytest.fixture
def forum_text(seeds_dir):
    return (seeds_dir / FORUM).read_text(encoding="utf-8")


def _with_nul_past_8_kb(text: str) -> str:
    padded = text + "\n" + "More of the same report, paragraph after paragraph. " * 200
    assert len(padded.encode()) > PAST_8_KB + 100
    return padded[:PAST_8_KB] + "\x00" + padded[PAST_8_KB:]


def _stored() -> dict:
    return {m.__name__: m.objects.count() for m in (Article, Source, Event, Claim, Appearance)}


def _ingest(*paths):
    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("ingest", *map(str, paths), stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code
    return out.getvalue(), err.getvalue(), code


# --- the command ---------------------------------------------------------------------


@pytest.mark.django_db
def test_nul_past_8_kb_fails_that_file_and_the_batch_goes_on(tmp_path, busan_text, forum_text):
    (tmp_path / "a_busan.txt").write_text(busan_text, encoding="utf-8")
    (tmp_path / "b_damaged.txt").write_text(_with_nul_past_8_kb(forum_text), encoding="utf-8")
    (tmp_path / "c_forum.txt").write_text(forum_text, encoding="utf-8")
    out, err, code = _ingest(tmp_path)
    assert code == 1
    assert "Done: 2 new, 0 unchanged, 1 failed." in out
    assert "a_busan.txt: new" in out and "c_forum.txt: new" in out
    (line,) = err.strip().splitlines()
    assert "b_damaged.txt" in line and "NUL" in line and "binary" in line
    assert sorted(Article.objects.values_list("file_name", flat=True)) == [
        "a_busan.txt",
        "c_forum.txt",
    ]


@pytest.mark.django_db
def test_an_unexpected_error_fails_one_file_with_its_reason(
    tmp_path, busan_text, forum_text, monkeypatch
):
    real_find_event = events.find_event

    def find_event(*, title, body, published_on=None, **options):
        if "Beijing-Tokyo Forum" in body:
            raise RuntimeError("the event finder broke\non two lines")
        return real_find_event(title=title, body=body, published_on=published_on, **options)

    monkeypatch.setattr(events, "find_event", find_event)
    (tmp_path / "a_forum.txt").write_text(forum_text, encoding="utf-8")
    (tmp_path / "b_busan.txt").write_text(busan_text, encoding="utf-8")
    out, err, code = _ingest(tmp_path)
    assert code == 1
    assert "Done: 1 new, 0 unchanged, 1 failed." in out
    (line,) = err.strip().splitlines()
    assert "a_forum.txt" in line
    assert "RuntimeError: the event finder broke on two lines" in line
    assert "Traceback" not in err
    assert list(Article.objects.values_list("file_name", flat=True)) == ["b_busan.txt"]
    assert not Event.objects.filter(title__icontains="Forum").exists()


def test_decode_upload_finds_a_nul_anywhere():
    data = ("Headline\n\n" + "A sentence of the report. " * 400).encode() + b"\x00tail"
    with pytest.raises(IngestError, match=r"upload.txt: file is binary.*NUL byte at byte"):
        decode_upload(data, name="upload.txt")


# --- the service, whatever the way in ------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("damage", "message"),
    [("\x00", "NUL character"), ("\ud800", "U+D800"), ("\udfff", "U+DFFF")],
)
def test_service_refuses_a_text_the_database_cannot_store(busan_text, damage, message):
    text = _with_nul_past_8_kb(busan_text).replace("\x00", damage)
    with pytest.raises(IngestError, match=re.escape(message)) as raised:
        ingest_article(text=text, file_name="pasted.txt")
    assert f"character {PAST_8_KB + 1:,}" in str(raised.value)
    assert _stored() == {"Article": 0, "Source": 0, "Event": 0, "Claim": 0, "Appearance": 0}


@pytest.mark.django_db
def test_control_characters_are_dropped_so_the_feeds_stay_valid(busan_text, editor, client):
    damaged = busan_text.replace("Foreign Minister", "Foreign\x0b Minister\x01", 3)
    article = ingest_article(text=damaged, file_name="a.txt").article
    assert not any(c in article.body + article.original_text for c in "\x01\x0b")
    set_event_published(event=article.event, editor=editor, published=True)
    claim = Claim.objects.filter(appearances__article=article).first()
    review_claim(claim=claim, editor=editor, status="verified", rationale="Checked.")
    assert client.get("/feed/").status_code == 200


# --- the admin -----------------------------------------------------------------------


@pytest.mark.django_db
def test_admin_upload_with_a_nul_past_8_kb_shows_the_error(client, contributor, forum_text):
    client.force_login(contributor)
    upload = SimpleUploadedFile("damaged.txt", _with_nul_past_8_kb(forum_text).encode())
    response = client.post("/admin/articles/article/add/", {"file": upload})
    assert response.status_code == 200
    assert "damaged.txt: file is binary" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_admin_paste_with_a_nul_says_what_is_wrong(client, contributor, forum_text):
    client.force_login(contributor)
    response = client.post(
        "/admin/articles/article/add/", {"text": _with_nul_past_8_kb(forum_text)}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Null characters are not allowed" in page
    assert "Paste the article" not in page
    assert not Article.objects.exists()


# --- the API -------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("damage", ["\x00", "\ud800", "\udfff"])
def test_api_refuses_a_damaged_text_with_400(contributor, busan_text, damage):
    api = APIClient()
    api.force_authenticate(contributor)
    text = busan_text.replace("Foreign Minister", f"Foreign{damage} Minister", 1)
    # json.dumps writes them as escapes (\\u0000, \\ud800), as a client would send them.
    response = api.post(
        "/api/v1/articles/", json.dumps({"text": text}), content_type="application/json"
    )
    assert response.status_code == 400
    assert set(response.json()) == {"status", "code", "detail", "errors"}
    assert not Article.objects.exists()
