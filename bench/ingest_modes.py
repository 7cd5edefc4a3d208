"""bench/ingest_bench.py --languages and --background: CJK against English cost, and short
articles beside a long one in another process. Needs Django set up.
"""

import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

from synthetic import ingest_all, seed_files, synthetic_articles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def language_costs(rounds: int = 2) -> None:
    """Ingest bench/corpus in its labelled order --rounds times (the first pays the loading
    of the dictionaries and models) and compare, in the last round, the CPU time of CJK
    articles with that of English articles of the same length (in sentences).

    The corpus's CJK articles are short (3 to 5 sentences) and its English ones mostly
    longer; a fixed cost per article (event finding, counts) makes a per-sentence average
    favour long articles, so the comparison is made between articles of equal length: for
    each length both languages have, the median of each, and the ratio of their medians
    over all those articles. A line fitted to each language's costs (fixed + per sentence)
    is printed too.
    """
    from django.core.management import call_command

    from articles.services import ArticleHints, read_article_file
    from claims.pipeline import ingest_article
    from claims.text.sentences import split_sentences
    from languages import is_cjk

    corpus = ROOT / "bench" / "corpus"
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))["articles"]
    order = sorted(labels, key=lambda name: (labels[name].get("order", 0), name))
    for number in range(1, max(rounds, 1) + 1):
        if number > 1:
            call_command("flush", interactive=False, verbosity=0)
        costs: dict[str, list[tuple[int, float]]] = {"English": [], "CJK": []}
        for name in order:
            label = labels[name]
            hints = ArticleHints.from_dict(label)  # its outlet, address, language, date
            text = read_article_file(corpus / "articles" / name)
            started = time.process_time()
            article = ingest_article(text=text, file_name=name, hints=hints).article
            ms = (time.process_time() - started) * 1000
            group = "CJK" if is_cjk(article.language) else "English"
            costs[group].append((len(split_sentences(article.body, article.language)), ms))
        print(f"round {number} of {rounds}")
        for group, values in costs.items():
            fit = statistics.linear_regression([n for n, _ in values], [ms for _, ms in values])
            print(
                f"  {group:8} {len(values):3} articles of {min(n for n, _ in values)}"
                f"-{max(n for n, _ in values)} sentences: {fit.intercept:5.1f} ms + "
                f"{fit.slope:4.2f} ms a sentence (least squares, CPU)"
            )
        shared = sorted({n for n, _ in costs["CJK"]} & {n for n, _ in costs["English"]})
        cjk = [ms for n, ms in costs["CJK"] if n in shared]
        english = [ms for n, ms in costs["English"] if n in shared]
        print(
            f"  same length ({', '.join(map(str, shared))} sentences; {len(cjk)} CJK, "
            f"{len(english)} English): median {statistics.median(cjk):.1f} against "
            f"{statistics.median(english):.1f} ms, CJK/English "
            f"{statistics.median(cjk) / statistics.median(english):.2f}"
        )


# The long article, ingested by a process of its own; it says when it starts and ends.
BACKGROUND = """
import sys, time
sys.path[:0] = [{root!r}, {bench!r}]
import django
django.setup()
from longform import long_article
from claims.pipeline import ingest_article
text = long_article({sentences}, 0)
print("start", time.time(), flush=True)
ingest_article(text=text, file_name="long.txt")
print("end", time.time(), flush=True)
"""


def background_costs(args) -> None:
    """Short articles alone, then while another process ingests a long one."""
    import subprocess

    from django.db import connection

    ingest_all(list(seed_files()))
    # As many as it takes to keep ingesting until the long one is done.
    shorts = list(synthetic_articles(args.small_articles + 500, 10, args.seed))
    alone = [r["seconds"] for r in ingest_all(shorts[: args.small_articles])]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    code = BACKGROUND.format(root=str(ROOT), bench=str(ROOT / "bench"), sentences=args.long)
    connection.close()
    worker = subprocess.Popen(
        [sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True
    )
    started = float(worker.stdout.readline().split()[1])  # its text read, its work begins
    beside, ended = [], None
    for item in shorts[args.small_articles :]:
        if worker.poll() is not None:
            break
        beside.extend(r["seconds"] for r in ingest_all([item]))
    for line in worker.stdout:
        if line.startswith("end"):
            ended = float(line.split()[1])
    if worker.wait() or ended is None:
        raise SystemExit("the long article's process failed")
    for label, times in (("alone", alone), (f"beside the {args.long}-sentence article", beside)):
        times = sorted(times)
        p95 = times[max(math.ceil(0.95 * len(times)) - 1, 0)]
        print(
            f"short articles {label}: {len(times)}, median {statistics.median(times):.2f} s,"
            f" p95 {p95:.2f} s, longest {times[-1]:.2f} s"
        )
    print(f"the long article: {ended - started:.1f} s in its own process")
