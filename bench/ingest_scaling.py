"""bench/ingest_bench.py --scaling: how one article's cost grows with its event and its length,
stage by stage. Needs Django set up (ingest_bench.setup_django).
"""

import importlib
import math
import statistics
import time
from pathlib import Path

from synthetic import ingest_all, seed_files, synthetic_articles

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Ingestion's stages, timed separately so that a slow one can be named: (module of
# claims.pipeline, function). plan_claims is the matching, before the write;
# attach_claims the write (and the matching again if the event changed meanwhile);
# refresh_event's time includes naming's.
STAGES = (
    ("candidates", "candidates_for"),
    ("events", "find_event"),
    ("attaching", "plan_claims"),
    ("attaching", "attach_claims"),
    ("refresh", "refresh_event"),
    ("naming", "date_event"),
    ("naming", "name_event"),
)


class StageClock:
    """CPU seconds spent in each stage of claims.pipeline while it is installed."""

    def __init__(self):
        self.seconds: dict[str, float] = {}

    def __enter__(self):

        self.originals = []
        for module_name, name in STAGES:
            module = importlib.import_module(f"claims.pipeline.{module_name}")
            function = getattr(module, name)
            self.originals.append((module, name, function))
            setattr(module, name, self._timed(name, function))
        return self

    def __exit__(self, *exc):
        for module, name, function in self.originals:
            setattr(module, name, function)

    def _timed(self, name, function):
        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                spent = time.process_time() - started
                self.seconds[name] = self.seconds.get(name, 0.0) + spent

        return timed

    def line(self, runs: int = 1) -> str:
        parts = [f"{n} {1000 * s / runs:.0f}" for n, s in self.seconds.items()]
        return "  CPU ms by stage: " + ", ".join(parts)


def _rolled_back(items) -> tuple[list[dict], StageClock]:
    """ingest_all inside a transaction that is undone, so the database is left as it was."""
    from django.db import transaction

    with transaction.atomic(), StageClock() as clock:
        runs = ingest_all(items)
        transaction.set_rollback(True)
    return runs, clock


def _refiled(items, mark: str):
    """The same reports with another desk reference, so no earlier result is remembered."""
    for file_name, text, hints in items:
        text = text.replace("Desk reference ", f"Desk reference {mark}")
        yield f"{mark}_{file_name}", text, hints


def _event_size_costs(args) -> None:
    """The same reports ingested into one event of args.small and of args.big reports."""
    from claims.models import Event

    base = list(synthetic_articles(args.big, 1, args.seed))
    probes = list(synthetic_articles(args.probes, 1, args.seed + 1))
    ingest_all(base[: args.small])
    measured = {}
    for size, mark in ((args.small, "P"), (args.big, "Q")):
        if size == args.big:
            ingest_all(base[args.small :])
        biggest = max(e.article_count for e in Event.objects.with_counts())
        runs, clock = _rolled_back(list(_refiled(probes, mark)))
        cpu = [r["cpu"] for r in runs]
        measured[size] = statistics.median(cpu)
        print(
            f"event of {biggest:4d} reports ({Event.objects.count()} events):"
            f" {len(runs)} more reports, CPU median {1000 * measured[size]:.0f} ms,"
            f" mean {1000 * statistics.fmean(cpu):.0f} ms; wall median"
            f" {1000 * statistics.median(r['seconds'] for r in runs):.0f} ms;"
            f" {statistics.fmean(r['queries'] for r in runs):.1f} queries each"
        )
        print(clock.line(len(runs)))
    print(
        f"event size ratio: {measured[args.big] / measured[args.small]:.2f}"
        f" (median CPU time per report, {args.big} against {args.small} reports)"
    )


def _growth_exponent(points: list[tuple[float, float]]) -> float:
    """The least-squares slope of log(y) on log(x)."""
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def _length_costs(args) -> None:
    """Long articles of each length ingested beside the seeds, one at a time."""
    from longform import long_article

    from claims.text.sentences import split_sentences

    ingest_all(list(seed_files()))
    points = []
    for sentences in args.lengths:
        text = long_article(sentences, args.seed)
        runs, clock = _rolled_back([(f"long_{sentences}.txt", text, None)])
        run = runs[0]
        points.append((sentences, run["cpu"]))
        found = len(split_sentences(text))
        print(
            f"article of {sentences:5d} sentences ({found} found, {len(text.encode()) / 1000:.0f}"
            f" KB): CPU {run['cpu']:.2f} s, wall {run['seconds']:.2f} s, {run['queries']} queries"
        )
        print(clock.line())
    if len(points) > 1:
        reference = _growth_exponent([(n, n * math.log(n)) for n, _ in points])
        print(
            f"growth exponent of CPU time: {_growth_exponent(points):.2f}"
            f" (n·log n over these lengths: {reference:.2f}; n²: 2.00)"
        )


def run_scaling(args) -> None:
    from django.core.management import call_command

    if args.scaling in ("all", "length"):
        _length_costs(args)
    if args.scaling == "all":
        call_command("flush", interactive=False, verbosity=0)
    if args.scaling in ("all", "events"):
        _event_size_costs(args)
