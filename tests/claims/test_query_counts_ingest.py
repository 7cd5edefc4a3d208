"""Ingesting one more article costs as many queries in a big event as in a small one."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from claims.models import Claim, Event
from claims.pipeline import ingest_article, ingest_file, refresh_event

REPRINTED = "001_533a638f6e0689a8.txt"


def _reprint(seeds_dir) -> str:
    """Seed 001 under another headline: the same reports, so it makes no new claim."""
    headline, rest = (seeds_dir / REPRINTED).read_text(encoding="utf-8").split("\n", 1)
    return f"{headline} (syndicated)\n{rest}"


def _ingest_reprint(seeds_dir) -> tuple[list[str], Event]:
    """The queries that ingesting the reprint takes, and the event it joins."""
    event = Event.objects.get(articles__file_name=REPRINTED)
    claims = Claim.objects.filter(event=event).count()
    with CaptureQueriesContext(connection) as queries:
        article = ingest_article(text=_reprint(seeds_dir), file_name="reprint.txt").article
    assert article.event == event
    assert Claim.objects.filter(event=event).count() == claims
    return [q["sql"] for q in queries.captured_queries], event


def test_queries_per_article_do_not_grow_with_the_event(db, seeds_dir):
    with transaction.atomic():
        ingest_file(seeds_dir / REPRINTED)
        small, small_event = _ingest_reprint(seeds_dir)
        small_claims = small_event.claims.count()
        transaction.set_rollback(True)

    for path in sorted(seeds_dir.glob("*.txt")):
        ingest_file(path)
    big, big_event = _ingest_reprint(seeds_dir)

    assert big_event.claims.count() >= 3 * small_claims
    assert big_event.articles.count() > 4
    assert len(big) == len(small), "\n".join(big)


def test_refreshing_an_unchanged_event_reads_four_times_and_writes_nothing(seeded):
    event = seeded["000"].event
    assert event.claims.count() > 20
    with CaptureQueriesContext(connection) as queries:
        refresh_event(event)
    statements = [q["sql"].split()[0] for q in queries.captured_queries]
    assert statements == ["SELECT"] * 4, statements
