"""Feeds: registering one, and polling it for new items, each submitted as a job by URL."""

import logging

import feedparser
from django.utils import timezone

from articles.links import is_web_url
from articles.reading import ArticleHints, IngestError

from . import fetching
from .models import Feed, FeedItem
from .services import check_url, fault_message, ingest_url

logger = logging.getLogger(__name__)


def add_feed(*, url: str, source=None, title: str = "") -> Feed:
    if not is_web_url(url):
        raise IngestError(f"{url}: not a web address (only http:// and https://)")
    check_url(url)
    if Feed.objects.filter(url=url).exists():
        raise IngestError(f"{url}: this feed is already registered")
    return Feed.objects.create(url=url, source=source, title=title[:300])


def poll_feed(feed: Feed) -> str:
    """Fetch a feed (conditional GET) and ingest its new items by URL.

    One bad item is recorded on its row and never stops the others; a feed that cannot
    be fetched keeps its items and shows its error. Returns a one-line summary.
    """
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    now = timezone.now()
    try:
        page = fetching.fetch(feed.url, accept=fetching.FEED_TYPES, headers=headers)
    except IngestError as error:
        Feed.objects.filter(pk=feed.pk).update(
            last_polled_at=now, last_new_items=0, last_error=str(error)
        )
        raise
    if page.not_modified:
        Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_new_items=0, last_error="")
        return "not modified"
    parsed = feedparser.parse(page.body)
    if not parsed.entries and (parsed.bozo or not parsed.version):
        # feedparser names the format it recognised in version; none means not a feed.
        why = parsed.get("bozo_exception") or "no RSS or Atom elements"
        error = f"{feed.url}: not a readable RSS or Atom feed ({why})"
        Feed.objects.filter(pk=feed.pk).update(last_polled_at=now, last_error=error)
        raise IngestError(error)
    new = failed = 0
    hints = ArticleHints(
        source=feed.source.name if feed.source else "",
        domain=feed.source.domain if feed.source else "",
    )
    for entry in parsed.entries:
        link = entry.get("link", "")
        guid = (entry.get("id") or link)[:1000]
        if not guid or FeedItem.objects.filter(feed=feed, guid=guid).exists():
            continue
        item = FeedItem(feed=feed, guid=guid, url=link[:1000], title=entry.get("title", "")[:500])
        try:
            if not is_web_url(link):
                raise IngestError(f"{link or 'an item'}: the item has no web address")
            item.article = ingest_url(url=link, hints=hints).article
            new += 1
        except IngestError as error:
            item.error, failed = str(error), failed + 1
        except Exception as error:  # one bad item never stops the others
            logger.exception("Feed %s item %s failed", feed.pk, link)
            item.error, failed = fault_message(error), failed + 1
        if not is_web_url(item.url):
            item.url = ""
        item.save()
    title = (parsed.feed.get("title") or "")[:300]
    Feed.objects.filter(pk=feed.pk).update(
        etag=page.etag[:300],
        last_modified=page.last_modified[:100],
        last_polled_at=now,
        last_new_items=new,
        last_error=f"{failed} item(s) could not be ingested" if failed else "",
        **({"title": title} if title and not feed.title else {}),
    )
    return f"{new} new item(s), {failed} failed"


def poll_feeds(feeds=None) -> dict[Feed, str]:
    """Poll every active feed; one failing feed never stops the others."""
    results = {}
    for feed in (
        feeds if feeds is not None else Feed.objects.filter(active=True).select_related("source")
    ):
        try:
            results[feed] = poll_feed(feed)
        except IngestError as error:
            results[feed] = f"error: {error}"
    return results
