"""The admin: add an article by URL, see intake jobs, retry a failed one."""

from pathlib import Path

import pytest

from articles.models import Article
from intake.models import IntakeJob

from .conftest import article_html

pytestmark = pytest.mark.django_db
SEED = "003_98a10de63b462da8.txt"


def test_a_url_alone_is_fetched_in_the_background(
    work_off_queue, client, contributor, site, django_capture_on_commit_callbacks
):
    client.force_login(contributor)
    url = site.page("/world/meeting", article_html(SEED))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/articles/article/add/", {"url": url})
    job = IntakeJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/intake/intakejob/{job.pk}/change/"
    work_off_queue()
    job.refresh_from_db()
    assert job.status == "done" and job.article == Article.objects.get()
    page = client.get("/admin/intake/intakejob/").content.decode()
    assert "1/1" in page and "done" in page


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://10.0.0.5/news", "private, loopback"),
        ("http://no-such-host.invalid/", "does not resolve"),
    ],
)
def test_a_url_that_can_never_be_fetched_is_a_form_error(client, contributor, url, message):
    client.force_login(contributor)
    response = client.post("/admin/articles/article/add/", {"url": url})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not IntakeJob.objects.exists() and not Article.objects.exists()


def test_nothing_given_asks_for_text_file_or_url(client, contributor):
    client.force_login(contributor)
    response = client.post("/admin/articles/article/add/", {"text": "", "url": ""})
    assert "text, choose a file, or give its URL." in response.content.decode()
    assert not IntakeJob.objects.exists() and not Article.objects.exists()


def test_an_editor_retries_a_failed_job(
    work_off_queue, client, editor, site, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    url = site.page("/world/meeting", b"down", status=503)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/articles/article/add/", {"url": url})
    work_off_queue()
    job = IntakeJob.objects.get()
    assert job.status == "failed" and "503" in job.error
    page = client.get(f"/admin/intake/intakejob/{job.pk}/change/").content.decode()
    assert "Retry this job" in page
    site.page("/world/meeting", article_html(SEED))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/intake/intakejob/", {"action": "retry", "_selected_action": [job.pk]})
    work_off_queue()
    job.refresh_from_db()
    assert job.status == "done" and job.attempts == 2 and job.error == ""
    assert Article.objects.count() == 1


def test_a_contributor_cannot_retry(client, contributor):
    job = IntakeJob.objects.create(kind="url", url="https://example.org/", status="failed")
    client.force_login(contributor)
    page = client.get(f"/admin/intake/intakejob/{job.pk}/change/").content.decode()
    assert "Retry this job" not in page
    client.post("/admin/intake/intakejob/", {"action": "retry", "_selected_action": [job.pk]})
    job.refresh_from_db()
    assert job.status == "failed"


def test_a_done_job_is_not_retried(editor):
    from articles.reading import IngestError
    from intake.services import retry_job

    job = IntakeJob.objects.create(kind="url", url="https://example.org/", status="done")
    with pytest.raises(IngestError, match="only a failed job can be retried"):
        retry_job(job=job, user=editor)


def test_a_long_pasted_text_is_queued_in_plain_words(
    work_off_queue, client, editor, settings, django_capture_on_commit_callbacks
):
    settings.FACTDESK_BACKGROUND_BYTES = 1000
    client.force_login(editor)
    text = (Path(settings.BASE_DIR) / "seeds" / SEED).read_text(encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/articles/article/add/", {"text": text}, follow=True)
    job = IntakeJob.objects.get()
    page = response.content.decode()
    assert f"The article is long, so it is being ingested in the background: job {job.pk}" in page
    # A job cannot be edited: no Save buttons, no reader page to view.
    assert 'name="_save"' not in page and 'name="_continue"' not in page
    assert "View on site" not in page
    work_off_queue()
    listing = client.get("/admin/intake/intakejob/").content.decode()
    assert "pasted text" in listing and "0 characters" not in listing


def test_a_fault_is_told_in_editors_words_with_the_detail_folded(
    work_off_queue, client, editor, monkeypatch, django_capture_on_commit_callbacks
):
    from django.db import OperationalError

    from intake import services

    def locked(job, done):
        raise OperationalError("database is locked")

    monkeypatch.setattr(services, "_ingest_job_input", locked)
    job = IntakeJob.objects.create(kind="text", text="Some text. " * 50)
    services.run_job(job.pk)
    client.force_login(editor)
    listing = client.get("/admin/intake/intakejob/").content.decode()
    assert "a fault on its side" in listing and "OperationalError" not in listing
    page = client.get(f"/admin/intake/intakejob/{job.pk}/change/").content.decode()
    assert "<summary>Technical detail</summary>" in page
    assert "OperationalError: database is locked" in page
