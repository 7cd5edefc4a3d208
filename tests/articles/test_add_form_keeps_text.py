"""An editor's pasted text is never lost: a busy database gives the form back with the
text in it, and a body over the request cap gets a page saying the limits."""

from django.db import OperationalError

from articles import admin as article_admin
from articles.models import Article

PASTED = "Harbour crane collapses in storm\n\n" + "Workers left the quay before it fell. " * 20


def test_a_busy_database_gives_the_form_back_with_the_text(client, editor, monkeypatch):
    def locked(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(article_admin, "ingest_article", locked)
    client.force_login(editor)
    response = client.post("/admin/articles/article/add/", {"text": PASTED})
    page = response.content.decode()
    assert response.status_code == 200
    assert "database is busy and nothing was saved" in page
    assert "Workers left the quay before it fell." in page
    assert not Article.objects.exists()


def test_a_body_over_the_request_cap_says_the_limits(client, editor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    client.force_login(editor)
    response = client.post("/admin/articles/article/add/", {"text": "x" * 50_000})
    page = response.content.decode()
    assert response.status_code == 413
    assert "What you sent is 50 KB; the desk accepts at most 10 KB in one request" in page
    assert "Choose a file" in page
    assert not Article.objects.exists()
