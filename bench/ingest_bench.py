"""Ingestion benchmark on synthetic articles recombined from the seed texts.

    .venv/bin/python bench/ingest_bench.py [--articles N] [--seed S] [--dump FILE]
    .venv/bin/python bench/ingest_bench.py --seed-files [--rounds R] [--dump FILE]
    .venv/bin/python bench/ingest_bench.py --scaling [events|length]
    .venv/bin/python bench/ingest_bench.py --languages [--rounds R]
    .venv/bin/python bench/ingest_bench.py --background [--long 1750 --small-articles 20]

Articles are generated deterministically from seeds/: each belongs to one of up to 10 events
(the seed story moved to another city, with its own ordinal and numbers), and is a copy,
a trimmed, reshuffled or mixed retelling, or a copy with one number changed. Everything
runs through claims.pipeline.ingest_article on a throwaway SQLite database.
--dump writes every event, article, claim and appearance as JSON, to compare results
between two versions of the code.

--scaling measures how the cost of one article grows: with the size of the event it
joins (the same reports ingested into an event of --small and of --big reports), and
with the article's own length (one long article of each of --lengths sentences, from
bench/longform.py, ingested beside the seeds), with the fitted growth exponent.

--background times short articles ingested one after another while another process
ingests a long one (--long sentences: 1750 is about 130 KB) into the same SQLite
database, as `make run`'s server and worker do, against the same articles with nothing
beside them: how long a long article in the background delays a short one.
"""

import argparse
import json
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ingest_modes import background_costs, language_costs
from ingest_scaling import run_scaling
from synthetic import FAMILIES, WORLDS, ingest_all, seed_files, synthetic_articles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=200, help="synthetic articles (200)")
    parser.add_argument(
        "--events", type=int, default=10, help="events to spread them over (10, at most 10)"
    )
    parser.add_argument("--seed", type=int, default=0, help="generator seed (0)")
    parser.add_argument(
        "--seed-files", action="store_true", help="ingest the 5 files of seeds/ instead"
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=1,
        help="ingest everything this many times in one process, emptying the database between"
        " rounds; later rounds show the warm process the test suite runs in (1)",
    )
    parser.add_argument("--dump", type=Path, help="write the resulting events and claims here")
    parser.add_argument(
        "--scaling",
        nargs="?",
        const="all",
        choices=["all", "events", "length"],
        help="measure how the cost per article grows with the event and with its length",
    )
    parser.add_argument(
        "--languages",
        action="store_true",
        help="CPU time per sentence of bench/corpus's CJK articles against its English ones",
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help="short articles' time while another process ingests a long one",
    )
    parser.add_argument(
        "--long", type=int, default=1750, help="--background: the long article's sentences"
    )
    parser.add_argument(
        "--small-articles", type=int, default=20, help="--background: short articles (20)"
    )
    parser.add_argument("--small", type=int, default=40, help="--scaling: small event (40)")
    parser.add_argument("--big", type=int, default=400, help="--scaling: big event (400)")
    parser.add_argument(
        "--probes", type=int, default=20, help="--scaling: reports timed per event size (20)"
    )
    parser.add_argument(
        "--lengths",
        default="250,500,1000,2000",
        help="--scaling: sentences per long article, comma-separated (250,500,1000,2000)",
    )
    args = parser.parse_args(argv)
    try:
        args.lengths = [int(n) for n in args.lengths.split(",")]
    except ValueError:
        parser.error("--lengths takes whole numbers separated by commas")
    if not 1 <= args.small < args.big or args.probes < 1 or min(args.lengths) < 1:
        parser.error("--small must be at least 1 and below --big; --probes and --lengths positive")
    # Each event needs its own world and story; past that, "events" would merge into one.
    most_events = len(FAMILIES) * len(WORLDS)
    if not 1 <= args.events <= most_events:
        parser.error(f"--events must be between 1 and {most_events}")
    if args.articles < 1 or args.rounds < 1:
        parser.error("--articles and --rounds must be at least 1")
    return args


def setup_django(folder: str) -> None:
    """A throwaway SQLite database in folder, migrated quietly."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "factdesk.settings"
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
    # Settings refuse to start without a key when DEBUG is off; this database is thrown away.
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-key-for-a-throwaway-database")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def dump_results(path: Path) -> None:
    """Everything ingestion decided, keyed by file names rather than database ids."""
    from articles.models import Article
    from claims.models import Claim, Event

    names = dict(Article.objects.values_list("id", "file_name"))
    events = []
    for event in Event.objects.order_by("id"):
        articles = event.articles.select_related("source").order_by("id")
        claims = Claim.objects.filter(event=event).order_by("id").prefetch_related("appearances")
        events.append(
            {
                "title": event.title,
                "slug": event.slug,
                "place": event.place,
                "dates": [str(event.starts_on), str(event.ends_on)],
                "articles": [
                    [
                        a.file_name,
                        a.title,
                        names.get(a.copy_of_id),
                        str(a.published_on),
                        a.date_precision,
                        a.source.name if a.source else None,
                    ]
                    for a in articles
                ],
                "claims": [
                    {
                        "text": claim.text,
                        "appearances": sorted(
                            [names[p.article_id], p.quote, p.start, p.end, p.speaker, p.similarity]
                            for p in claim.appearances.all()
                        ),
                        "source_count": claim.source_count,
                        "independent_source_count": claim.independent_source_count,
                        "has_variants": claim.has_variants,
                        "variants": [
                            {
                                "kind": v["kind"],
                                "values": {
                                    value: [names[int(i)] for i in ids]
                                    for value, ids in v["values"].items()
                                },
                            }
                            for v in claim.variants
                        ],
                    }
                    for claim in claims
                ],
            }
        )
    path.write_text(json.dumps(events, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def report(runs: list[dict], total: float) -> None:
    from claims.models import Appearance, Claim, Event

    times = sorted(r["seconds"] * 1000 for r in runs)
    queries = [r["queries"] for r in runs if r["created"]]
    p95 = times[max(math.ceil(0.95 * len(times)) - 1, 0)]
    new = sum(r["created"] for r in runs)
    tenth = max(len(queries) // 10, 1)
    print(f"articles:        {len(runs)} ({new} new, {len(runs) - new} unchanged)")
    print(f"total:           {total:.2f} s")
    print(f"throughput:      {len(runs) / total:.1f} articles/s")
    print(f"per article:     mean {statistics.fmean(times):.1f} ms, p95 {p95:.1f} ms")
    if queries:
        print(
            f"SQL per article: mean {statistics.fmean(queries):.1f}, max {max(queries)}"
            f" (first tenth {statistics.fmean(queries[:tenth]):.1f},"
            f" last tenth {statistics.fmean(queries[-tenth:]):.1f})"
        )
    print(
        f"final counts:    {Event.objects.count()} events, {Claim.objects.count()} claims,"
        f" {Appearance.objects.count()} appearances"
    )


# --- scaling ----------------------------------------------------------------------------


def main(argv=None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="factdesk-bench-") as folder:
        setup_django(folder)
        if args.background:
            background_costs(args)
            from django.db import connections

            connections.close_all()
            return
        if args.languages:
            language_costs(args.rounds if args.rounds > 1 else 2)
            from django.db import connections

            connections.close_all()
            return
        if args.scaling:
            run_scaling(args)
            from django.db import connections

            connections.close_all()
            return
        if args.seed_files:
            items = list(seed_files())
        else:
            items = list(synthetic_articles(args.articles, args.events, args.seed))
        for number in range(1, args.rounds + 1):
            if number > 1:
                from django.core.management import call_command

                call_command("flush", interactive=False, verbosity=0)
                print()
            if args.rounds > 1:
                print(f"round {number} of {args.rounds}")
            started = time.perf_counter()
            runs = ingest_all(items)
            report(runs, time.perf_counter() - started)
        if args.dump:
            dump_results(args.dump)
            print(f"results dump:    {args.dump}")
        from django.db import connections

        connections.close_all()


if __name__ == "__main__":
    main()
