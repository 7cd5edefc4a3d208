"""POST /api/v1/articles/ with a URL or a long text: 202, and a job to follow."""

import pytest
from rest_framework.test import APIClient

from articles.models import Article
from intake.models import IntakeJob

from .conftest import SEEDS, article_html

pytestmark = pytest.mark.django_db
SEED = "003_98a10de63b462da8.txt"


@pytest.fixture
def api(contributor):
    client = APIClient()
    client.force_authenticate(contributor)
    return client


def post(api, body, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return api.post("/api/v1/articles/", body, format="json")


def test_a_url_is_accepted_and_ingested_in_the_background(
    work_off_queue, api, site, django_capture_on_commit_callbacks
):
    url = site.page("/world/meeting", article_html(SEED))
    response = post(api, {"url": url}, django_capture_on_commit_callbacks)
    assert response.status_code == 202
    location = response["Location"]
    job = IntakeJob.objects.get()
    assert location == f"/api/v1/intake/{job.pk}/"
    assert api.get(location).json()["status"] == "queued"
    assert not Article.objects.exists()

    work_off_queue()

    body = api.get(location).json()
    assert body["status"] == "done", body
    article = Article.objects.get()
    assert article.url == url  # where the page was found
    assert body["article"] == article.pk
    assert body["article_url"].endswith(f"/api/v1/articles/{article.pk}/")
    assert body["outcome"] == "new"
    assert body["done"] == body["total"] == 1
    assert body["started_at"] and body["finished_at"]


def test_a_page_that_fails_leaves_a_failed_job_with_the_reason(
    work_off_queue, api, site, django_capture_on_commit_callbacks
):
    url = site.page("/logo.png", b"\x89PNG", content_type="image/png")
    response = post(api, {"url": url}, django_capture_on_commit_callbacks)
    work_off_queue()
    body = api.get(response["Location"]).json()
    assert body["status"] == "failed"
    assert "not an HTML page (image/png)" in body["error"]
    assert not Article.objects.exists()


def test_a_long_text_is_ingested_in_the_background(
    work_off_queue, api, settings, django_capture_on_commit_callbacks
):
    settings.FACTDESK_BACKGROUND_BYTES = 1000
    text = (SEEDS / SEED).read_text()
    response = post(api, {"text": text}, django_capture_on_commit_callbacks)
    assert response.status_code == 202
    work_off_queue()
    job = IntakeJob.objects.get()
    assert job.status == "done" and job.article == Article.objects.get()
    assert job.text == ""  # kept only until it is an article


def test_a_short_text_is_still_ingested_at_once(api):
    text = (SEEDS / SEED).read_text()
    assert api.post("/api/v1/articles/", {"text": text}, format="json").status_code == 201
    assert not IntakeJob.objects.exists()


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://10.1.2.3/news", "private, loopback"),
        ("http://169.254.169.254/latest/", "private, loopback"),
        ("ftp://example.org/news", "starting with http:// or https://"),
        ("http://no-such-host.invalid/", "does not resolve"),
    ],
)
def test_a_url_that_can_never_be_fetched_is_refused_at_once(api, url, message):
    response = api.post("/api/v1/articles/", {"url": url}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"status", "code", "detail", "errors"}
    assert body["status"] == 400 and body["code"] == "invalid"
    assert message in body["detail"]
    assert not IntakeJob.objects.exists()
    assert not Article.objects.exists()


def test_neither_text_nor_url_is_refused(api):
    response = api.post("/api/v1/articles/", {}, format="json")
    assert response.status_code == 400
    assert "text" in response.json()["errors"]


def test_a_contributor_sees_only_their_own_jobs_and_readers_none(
    api, editor, contributor, django_capture_on_commit_callbacks
):
    mine = IntakeJob.objects.create(kind="url", url="https://example.org/a", added_by=contributor)
    theirs = IntakeJob.objects.create(kind="url", url="https://example.org/b", added_by=editor)
    assert api.get(f"/api/v1/intake/{mine.pk}/").status_code == 200
    assert api.get(f"/api/v1/intake/{theirs.pk}/").status_code == 404
    editor_api = APIClient()
    editor_api.force_authenticate(editor)
    assert editor_api.get(f"/api/v1/intake/{mine.pk}/").status_code == 200
    assert APIClient().get(f"/api/v1/intake/{mine.pk}/").status_code == 401
