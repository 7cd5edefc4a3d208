"""Hole 1: a link readers can follow is an http or https address, whatever the way in.

A `javascript:` address stored as an article's URL used to be rendered as the
"original page" link on the article, claim and event pages and returned by the API.
"""

import json
from io import StringIO

import lxml.html
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from rest_framework.test import APIClient

from articles.models import Article, Source
from articles.reading import ArticleHints, IngestError
from claims.models import Claim, Event, Evidence
from claims.pipeline import ingest_article
from claims.reader.sitemaps import article_path, claim_path, event_path
from claims.services import EditorialError, review_claim

HOSTILE_URLS = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "ftp://example.com/article.txt",
    "//example.com/no-scheme",
    "https://",
]


@pytest.fixture
def article_text(seeds_dir):
    return (seeds_dir / "004_b261335234301b8b.txt").read_text(encoding="utf-8")


@pytest.fixture
def published(seeded):
    Event.objects.update(is_published=True)
    return seeded


def _hrefs(response) -> list[str]:
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode()).xpath("//a/@href")


def _stored() -> dict:
    return {m.__name__: m.objects.count() for m in (Article, Source, Event, Claim)}


# --- refused on the way in -----------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_service_refuses_an_article_url_that_is_not_a_web_address(article_text, url):
    with pytest.raises(IngestError, match="http:// or https://"):
        ingest_article(text=article_text, file_name="a.txt", hints=ArticleHints(url=url))
    assert _stored() == {"Article": 0, "Source": 0, "Event": 0, "Claim": 0}


@pytest.mark.django_db
def test_service_keeps_a_web_address(article_text):
    url = "https://example.com/news/2023/11/26/busan?ref=a#top"
    result = ingest_article(text=article_text, hints=ArticleHints(url=url))
    assert result.article.url == url


@pytest.mark.django_db
def test_manifest_with_a_javascript_url_fails_that_file_and_stores_nothing(tmp_path, article_text):
    (tmp_path / "a.txt").write_text(article_text, encoding="utf-8")
    manifest = {"a.txt": {"source": "Example Times", "url": "javascript:alert(document.cookie)"}}
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit):
        call_command("ingest", str(tmp_path), stdout=out, stderr=err)
    assert "a.txt" in err.getvalue() and "http:// or https://" in err.getvalue()
    assert "Done: 0 new, 0 unchanged, 1 failed." in out.getvalue()
    assert _stored() == {"Article": 0, "Source": 0, "Event": 0, "Claim": 0}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.com/a.txt"])
def test_api_refuses_a_url_that_is_not_a_web_address(contributor, article_text, url):
    api = APIClient()
    api.force_authenticate(contributor)
    response = api.post("/api/v1/articles/", {"text": article_text, "url": url}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"]
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://example.com/a.txt"])
def test_admin_add_form_refuses_a_url_that_is_not_a_web_address(client, editor, article_text, url):
    client.force_login(editor)
    response = client.post("/admin/articles/article/add/", {"text": article_text, "url": url})
    assert response.status_code == 200
    assert "http" in response.content.decode()
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_page_metadata_with_a_javascript_url_is_not_kept(monkeypatch, article_text):
    # trafilatura drops most bad addresses itself; the desk does not rely on it.
    from articles import services

    meta = {"title": "", "author": "", "date": "", "sitename": "", "language": ""}
    monkeypatch.setattr(
        services, "_from_html", lambda html: (article_text, {**meta, "url": "javascript:x()"})
    )
    article = ingest_article(text="<html><body><p>page</p></body></html>").article
    assert article.url == ""


def test_model_validation_refuses_a_url_that_is_not_a_web_address():
    article = Article(url="ftp://example.com/article.txt")
    with pytest.raises(ValidationError) as raised:
        article.full_clean(exclude=[f.name for f in Article._meta.fields if f.name != "url"])
    assert "url" in raised.value.message_dict


# --- never a link on the way out, even for rows stored before the check --------------


@pytest.fixture
def stored_before_the_check(published):
    """The probe's article: a javascript: URL already in the database, in a public event."""
    article = published["002"]
    Article.objects.filter(pk=article.pk).update(url="javascript:alert(document.cookie)")
    article.refresh_from_db()
    return article


def test_pages_never_link_a_stored_javascript_url(client, stored_before_the_check):
    article = stored_before_the_check
    claim = Claim.objects.filter(appearances__article=article).first()
    for path in (article_path(article), claim_path(claim), event_path(article.event)):
        hrefs = _hrefs(client.get(path))
        assert hrefs, path
        assert not [h for h in hrefs if "javascript" in h.lower()], path


def test_pages_still_link_a_web_address(client, published):
    article = published["002"]
    Article.objects.filter(pk=article.pk).update(url="https://example.com/story")
    claim = Claim.objects.filter(appearances__article=article).first()
    for path in (article_path(article), claim_path(claim), event_path(article.event)):
        assert "https://example.com/story" in _hrefs(client.get(path)), path


def test_api_never_returns_a_stored_javascript_url(client, stored_before_the_check):
    article = stored_before_the_check
    detail = client.get(f"/api/v1/articles/{article.pk}/").json()
    assert detail["url"] is None
    claim = Claim.objects.filter(appearances__article=article).first()
    reports = client.get(f"/api/v1/claims/{claim.pk}/").json()["appearances"]
    assert [r["article_url"] for r in reports if r["article"] == article.pk] == [None]
    listed = client.get("/api/v1/articles/?page_size=100").json()["results"]
    assert "javascript" not in json.dumps(listed).lower()


def test_claim_review_markup_never_carries_a_stored_javascript_url(
    client, stored_before_the_check, editor
):
    # A claim whose reports agree: one with differing values is verified value by value.
    claim = Claim.objects.filter(
        appearances__article=stored_before_the_check, has_variants=False
    ).first()
    review_claim(claim=claim, editor=editor, status="verified", rationale="Checked.")
    markup = client.get(f"/api/v1/claims/{claim.pk}/claimreview/").json()
    assert "javascript" not in json.dumps(markup).lower()
    assert "javascript" not in client.get(claim_path(claim)).content.decode().lower()


# --- evidence links ------------------------------------------------------------------


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "ftp://a.example/x"])
def test_evidence_link_must_be_a_web_address(published, editor, url):
    claim = Claim.objects.filter(has_variants=False).first()
    with pytest.raises(EditorialError, match="http:// or https://"):
        review_claim(
            claim=claim,
            editor=editor,
            status="verified",
            rationale="Checked.",
            evidence=[{"url": url, "title": "Readout", "stance": "supports"}],
        )
    claim.refresh_from_db()
    assert claim.status == "unreviewed" and not Evidence.objects.exists()


def test_stored_javascript_evidence_is_not_linked(client, published, editor):
    claim = Claim.objects.filter(has_variants=False).first()
    review_claim(
        claim=claim,
        editor=editor,
        status="verified",
        rationale="Checked.",
        evidence=[{"url": "https://example.org/readout", "title": "Readout", "stance": "supports"}],
    )
    Evidence.objects.update(url="javascript:alert(1)")
    hrefs = _hrefs(client.get(claim_path(claim)))
    assert not [h for h in hrefs if "javascript" in h.lower()]
    assert "Readout" in client.get(claim_path(claim)).content.decode()
