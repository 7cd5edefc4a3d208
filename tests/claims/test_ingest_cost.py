"""Ingesting one more report costs the same however many reports its event already holds."""

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from articles.models import Article
from articles.services import ArticleHints
from claims.models import Claim
from claims.pipeline import ingest_article, ingest_file, refresh_event

TOLD = "001_533a638f6e0689a8.txt"


def _retellings(seeds_dir, count: int):
    """Seed 001 retold by other outlets, each leaving out another of its paragraphs."""
    headline, rest = (seeds_dir / TOLD).read_text(encoding="utf-8").split("\n", 1)
    paragraphs = rest.split("\n\n")
    for n in range(count):
        kept = [p for i, p in enumerate(paragraphs) if i != 3 + n % (len(paragraphs) - 4)]
        text = "\n\n".join([f"{headline}: report {n}", *kept, f"Filed by desk {n}."])
        yield text, ArticleHints(source=f"Outlet {n % 5}", domain=f"outlet{n % 5}.example")


def _reprint(seeds_dir, mark: str) -> str:
    headline, rest = (seeds_dir / TOLD).read_text(encoding="utf-8").split("\n", 1)
    return f"{headline} ({mark})\n{rest}"


def _queries_to_ingest(text: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        result = ingest_article(text=text, file_name="probe.txt")
    assert result.created
    return [q["sql"] for q in queries.captured_queries]


def _state(event, *, tally: bool = True):
    claims = Claim.objects.filter(event=event).order_by("id")
    return (
        list(event.articles.order_by("id").values_list("id", "copy_of_id")),
        [
            (c.source_count, c.independent_source_count, c.variants, c.tally if tally else None)
            for c in claims
        ],
    )


def test_queries_to_ingest_a_report_are_as_many_in_a_big_event_as_in_a_small_one(db, seeds_dir):
    with transaction.atomic():
        ingest_file(seeds_dir / TOLD)
        small = _queries_to_ingest(_reprint(seeds_dir, "syndicated"))
        transaction.set_rollback(True)

    for path in sorted(seeds_dir.glob("*.txt")):
        ingest_file(path)
    for text, hints in _retellings(seeds_dir, 24):
        ingest_article(text=text, hints=hints)
    event = Article.objects.get(file_name=TOLD).event
    assert event.articles.count() >= 28
    big = _queries_to_ingest(_reprint(seeds_dir, "syndicated"))

    assert len(big) == len(small), "\n".join(big)


def test_counts_kept_report_by_report_are_those_of_a_full_recount(db, seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        ingest_file(path)
    for text, hints in _retellings(seeds_dir, 12):
        ingest_article(text=text, hints=hints)
    ingest_article(text=_reprint(seeds_dir, "syndicated"))
    event = Article.objects.get(file_name=TOLD).event
    kept = _state(event)
    assert any(copy_of for _, copy_of in kept[0])
    assert any(independent < sources for sources, independent, _, _ in kept[1])

    with CaptureQueriesContext(connection) as queries:
        refresh_event(event)
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert writes == []
    assert _state(event) == kept


def test_a_claim_whose_tally_was_lost_is_counted_again_from_its_reports(db, seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        ingest_file(path)
    Claim.objects.update(tally={})  # as for claims kept before tallies were
    ingest_article(text=_reprint(seeds_dir, "syndicated"))
    event = Article.objects.get(file_name=TOLD).event
    by_report = _state(event, tally=False)

    refresh_event(event)
    assert _state(event, tally=False) == by_report
    fta = Claim.objects.get(
        appearances__article__file_name="003_98a10de63b462da8.txt",
        appearances__quote__contains="FTA",
    )
    assert (fta.source_count, fta.independent_source_count) == (5, 2)
