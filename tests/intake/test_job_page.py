"""A job's page says what the job made, with links, and its errors in editors' words."""

import pytest
from django.urls import reverse

from articles.models import Article
from intake.models import Feed, FeedItem, IntakeJob
from intake.services import fault_message

from .conftest import article_html

pytestmark = pytest.mark.django_db
SEED = "003_98a10de63b462da8.txt"


def test_a_finished_job_links_the_article_event_and_claims_it_made(
    work_off_queue, client, editor, site, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    url = site.page("/world/meeting", article_html(SEED))
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/admin/articles/article/add/", {"url": url})
    work_off_queue()
    job = IntakeJob.objects.get()
    article = Article.objects.get()
    claims = article.appearances.values("claim_id").distinct().count()
    page = client.get(f"/admin/intake/intakejob/{job.pk}/change/").content.decode()
    assert "What it made" in page
    article_admin = reverse("admin:articles_article_change", args=[article.pk])
    assert f'Article: <a href="{article_admin}"><bdi>{article.title}</bdi></a> (new)' in page
    event_admin = reverse("admin:claims_event_change", args=[article.event_id])
    assert f'Event: <a href="{event_admin}"><bdi>{article.event.title}</bdi></a>' in page
    assert f"{claims} claims from this article" in page and claims > 1
    assert " characters" not in page  # a finished job's text is never counted as 0


def test_a_job_still_queued_says_so(client, editor):
    job = IntakeJob.objects.create(kind="url", url="https://example.org/a")
    client.force_login(editor)
    page = client.get(f"/admin/intake/intakejob/{job.pk}/change/").content.decode()
    assert "Nothing yet: the job is queued." in page


def test_a_feed_items_fault_is_told_in_words_with_the_detail_folded(client, editor):
    feed = Feed.objects.create(url="https://example.org/feed")
    FeedItem.objects.create(
        feed=feed, guid="1", error=fault_message(RuntimeError("connection reset by peer"))
    )
    client.force_login(editor)
    page = client.get(f"/admin/intake/feed/{feed.pk}/change/").content.decode()
    assert "a fault on its side, not in the article" in page
    assert (
        "<details><summary>Technical detail</summary><code>RuntimeError: connection reset" in page
    )
