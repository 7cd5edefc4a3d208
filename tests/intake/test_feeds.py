"""Feeds: conditional GET, new items ingested by URL, per-feed status, bad items isolated."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article, Source
from intake.feeds import add_feed, poll_feed
from intake.models import Feed, FeedItem

from .conftest import PAGES, article_html

pytestmark = pytest.mark.django_db
ETAG = '"feed-v1"'


def serve_feed(site):
    """The feed answers 304 to a client that sends back its ETag."""
    body = (PAGES / "feed.xml").read_text().replace("{{base}}", site.base).encode()

    def answer(handler):
        if handler.headers.get("If-None-Match") == ETAG:
            handler.send_response(304)
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("ETag", ETAG)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    site.routes["/feed.xml"] = answer
    site.page("/news/one", article_html("003_98a10de63b462da8.txt"))
    site.page("/news/two", article_html("004_b261335234301b8b.txt"))
    return site.url("/feed.xml")


def test_polling_ingests_new_items_and_isolates_a_bad_one(site):
    source = Source.objects.create(name="Harbour Courier", domain="127.0.0.1")
    feed = add_feed(url=serve_feed(site), source=source)
    assert poll_feed(feed) == "2 new item(s), 1 failed"
    feed.refresh_from_db()
    assert feed.title == "Harbour Courier: World"
    assert feed.last_polled_at and feed.last_new_items == 2
    assert feed.last_error == "1 item(s) could not be ingested"
    assert set(Article.objects.values_list("source__name", flat=True)) == {"Harbour Courier"}
    broken = FeedItem.objects.get(title="Broken report")
    assert "the server answered 404" in broken.error and broken.article is None
    assert FeedItem.objects.filter(article__isnull=False).count() == 2


def test_an_unchanged_feed_costs_a_304_and_changes_nothing(site):
    feed = add_feed(url=serve_feed(site))
    poll_feed(feed)
    feed.refresh_from_db()
    assert feed.etag == ETAG
    assert poll_feed(feed) == "not modified"
    feed.refresh_from_db()
    assert feed.last_new_items == 0 and feed.last_error == ""
    assert Article.objects.count() == 2 and FeedItem.objects.count() == 3
    assert site.hits("/news/one") == 1


def test_a_failing_feed_keeps_its_items_and_shows_its_error(site):
    feed = add_feed(url=serve_feed(site))
    poll_feed(feed)
    site.routes["/feed.xml"] = (500, {"Content-Type": "text/plain"}, b"down")
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit):
        call_command("poll_feeds", stdout=out, stderr=err)
    assert "the server answered 500" in err.getvalue()
    feed.refresh_from_db()
    assert "the server answered 500" in feed.last_error
    assert FeedItem.objects.filter(feed=feed).count() == 3
    assert Article.objects.count() == 2


def test_one_failing_feed_never_stops_the_others(site):
    add_feed(url=site.page("/bad.xml", b"down", status=503))
    add_feed(url=serve_feed(site))
    out, err = StringIO(), StringIO()
    with pytest.raises(SystemExit):
        call_command("poll_feeds", stdout=out, stderr=err)
    assert f"{site.url('/feed.xml')}: 2 new item(s), 1 failed" in out.getvalue()
    assert "503" in err.getvalue()


def test_something_that_is_not_a_feed_is_an_error_on_the_feed(site):
    feed = add_feed(url=site.page("/page", b"<html>nothing</html>", content_type="text/xml"))
    with pytest.raises(Exception, match="not a readable RSS or Atom feed"):
        poll_feed(feed)
    feed.refresh_from_db()
    assert "not a readable RSS or Atom feed" in feed.last_error


@pytest.mark.parametrize(
    ("url", "message"),
    [("http://10.0.0.1/feed", "private, loopback"), ("gopher://x.org/", "not a web address")],
)
def test_a_feed_that_could_never_be_fetched_is_refused(url, message):
    with pytest.raises(Exception, match=message):
        add_feed(url=url)
    assert not Feed.objects.exists()


def test_editors_register_feeds_in_the_api(site, editor, contributor):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(contributor)
    url = serve_feed(site)
    assert api.post("/api/v1/feeds/", {"url": url}, format="json").status_code == 403
    api.force_authenticate(editor)
    response = api.post("/api/v1/feeds/", {"url": url}, format="json")
    assert response.status_code == 201
    again = api.post("/api/v1/feeds/", {"url": url}, format="json")
    assert again.status_code == 400
    private = api.post("/api/v1/feeds/", {"url": "http://192.168.0.1/rss"}, format="json")
    assert private.status_code == 400 and "private" in private.json()["detail"]
    assert Feed.objects.count() == 1


def test_an_item_pointing_inside_the_network_is_refused_and_the_others_go_on(site):
    rss = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
<item><title>Inside</title><link>http://169.254.169.254/latest/meta-data/</link></item>
<item><title>Fine</title><link>{site.url("/news/one")}</link></item>
</channel></rss>""".encode()
    site.page("/news/one", article_html("003_98a10de63b462da8.txt"))
    feed = add_feed(url=site.page("/inside.xml", rss, content_type="application/rss+xml"))
    assert poll_feed(feed) == "1 new item(s), 1 failed"
    inside = FeedItem.objects.get(title="Inside")
    assert "private, loopback" in inside.error and inside.article is None
    assert Article.objects.count() == 1


def test_the_periodic_task_polls_each_active_feed_as_a_job(
    site, work_off_queue, django_capture_on_commit_callbacks
):
    from intake.models import IntakeJob
    from intake.tasks import poll_feeds

    feed = add_feed(url=serve_feed(site))
    Feed.objects.create(url="https://example.org/paused.xml", active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert poll_feeds.call() == 1
    work_off_queue()
    job = IntakeJob.objects.get()
    assert (job.kind, job.feed, job.status) == ("feed", feed, "done")
    assert job.outcome == "2 new item(s), 1 failed"
    assert Article.objects.count() == 2
