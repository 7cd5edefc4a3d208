"""Search benchmark: the reader search page, uncached, for a fixed list of queries.

    DJANGO_DEBUG=1 .venv/bin/python bench/desk.py --size L        # once per database
    .venv/bin/python bench/search.py --label "L, SQLite" --out bench/results/search.md
    DATABASE_URL=postgres://USER@127.0.0.1:5432/NAME .venv/bin/python bench/search.py ...

Each query (common and rare words, a word's start, several words, Japanese, a number,
one that finds nothing) is requested --repeat times through Django's test client with
the page cache off, so every request runs the search. For each it prints p50, p95, the
number of claims and articles found, and a digest of what was found (claim wordings and
article file names, not ids): the same desk built on SQLite and on PostgreSQL must give
the same digests, which is how "same results on both databases" is checked at scale.
"""

import argparse
import hashlib
import os
import secrets
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
# Words of bench/desk.py's reports: in nine reports of ten, in a few, a word's start,
# several words, a name, Japanese (two characters and one), a number, none.
QUERIES = [
    "minister",
    "fisheries",
    "expan",
    "rail link Busan",
    "Kamikawa",
    "外相",
    "協",
    "percent 42",
    "nonexistentword",
]


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=20, help="requests per query")
    parser.add_argument("--label", default="", help="names the run in the table")
    parser.add_argument("--out", help="append the table (Markdown) to this file")
    args = parser.parse_args(argv)
    if not 0 < args.repeat <= 1000:
        parser.error("--repeat must be between 1 and 1000")
    return args


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(40))
    os.environ["FACTDESK_PAGE_CACHE"] = "0"
    import django

    django.setup()


def found(query: str) -> tuple[int, int, str]:
    """Claims and articles the search finds for query, and a digest of them all."""
    from claims import selectors
    from claims.reader.search import ArticleSearch, ClaimSearch

    claims = ClaimSearch({"q": query}, queryset=selectors.public_claims()).qs
    articles = ArticleSearch({"q": query}, queryset=selectors.public_articles()).qs
    texts = sorted(claims.values_list("text", flat=True))
    names = sorted(articles.values_list("file_name", flat=True))
    digest = hashlib.sha256("\n".join([*texts, "--", *names]).encode()).hexdigest()[:12]
    return len(texts), len(names), digest


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django()
    from django.conf import settings
    from django.db import connection
    from django.test import Client

    settings.ALLOWED_HOSTS = ["*"]
    # Pages name their static files; no collectstatic is needed to time the search.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client()
    rows = []
    for query in QUERIES:
        url = "/search/?" + urlencode({"q": query})
        client.get(url)  # the first request warms the database's page cache
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            if response.status_code != 200:
                print(f"{query}: HTTP {response.status_code}", file=sys.stderr)
                return 1
        claims, articles, digest = found(query)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        rows.append((query, statistics.median(times), p95, claims, articles, digest))
        print(
            f"{query}: p50 {rows[-1][1]:.1f} ms  p95 {p95:.1f} ms  "
            f"claims {claims}  articles {articles}  digest {digest}",
            flush=True,
        )
    if args.out:
        lines = [
            f"\n### {args.label or connection.vendor} ({args.repeat} requests a query)\n",
            "| query | p50 ms | p95 ms | claims | articles | digest |",
            "|---|---|---|---|---|---|",
            *(
                f"| `{q}` | {p50:.1f} | {p95:.1f} | {c} | {a} | `{d}` |"
                for q, p50, p95, c, a, d in rows
            ),
        ]
        with open(args.out, "a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
