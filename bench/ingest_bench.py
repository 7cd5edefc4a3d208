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
import importlib
import json
import math
import os
import random
import re
import statistics
import sys
import tempfile
import time
import zlib
from datetime import date, timedelta
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# Seeds 000-003 report the foreign ministers' meeting in Busan, 004 the forum in Tokyo.
FAMILIES = [
    {"seeds": [0, 1, 2, 3], "place": "Busan", "ordinal": 10},
    {"seeds": [4], "place": "Tokyo", "ordinal": 20},
]
PLACES = [
    "Busan",
    "Tokyo",
    "Osaka",
    "Dalian",
    "Incheon",
    "Sapporo",
    "Qingdao",
    "Fukuoka",
    "Tianjin",
    "Nagoya",
    "Daegu",
    "Xiamen",
]
OUTLETS = [
    ("Example Times", "example.com"),
    ("Daily Ledger", "ledger.example"),
    ("Asia Wire", "asiawire.example"),
    ("Crypto Courier", "courier.example"),
    ("Pacific Post", "pacificpost.example"),
    ("Morning Digest", "digest.example"),
]
# Events 0 and 1 are the seed stories themselves; the others retell them in another
# "world": other countries, people and technologies, so they are distinct events.
WORLDS = [
    {},
    {
        "South Korean": "Polish",
        "South Korea": "Poland",
        "Korea": "Poland",
        "ROK": "Poland",
        "Chinese": "German",
        "China": "Germany",
        "Sino-Japanese": "German-French",
        "Japanese": "French",
        "Japan": "France",
        "Wang Yi": "Anna Berg",
        "Wang": "Berg",
        "Yi": "Berg",
        "Park Jin": "Ewa Nowak",
        "Yoko Kamikawa": "Luc Moreau",
        "Kamikawa": "Moreau",
        "Kishida": "Lemaire",
        "Xu Zhilong": "Jonas Weber",
        "Xu": "Weber",
        "Gao Shaolin": "Marta Kowal",
        "Fumihiko Kamio": "Paul Girard",
        "big data": "robotics",
        "blockchain": "quantum computing",
        "artificial intelligence": "biotechnology",
        "AI": "biotech",
        "East Asian": "European",
        "Northeast Asia": "Central Europe",
        "Asia-Pacific": "Euro-Atlantic",
        "Beijing": "Berlin",
    },
    {
        "South Korean": "Chilean",
        "South Korea": "Chile",
        "Korea": "Chile",
        "ROK": "Chile",
        "Chinese": "Brazilian",
        "China": "Brazil",
        "Sino-Japanese": "Brazilian-Argentine",
        "Japanese": "Argentine",
        "Japan": "Argentina",
        "Wang Yi": "Lucas Prado",
        "Wang": "Prado",
        "Yi": "Prado",
        "Park Jin": "Diego Mena",
        "Yoko Kamikawa": "Sofia Ruiz",
        "Kamikawa": "Ruiz",
        "Kishida": "Alvarez",
        "Xu Zhilong": "Rafael Costa",
        "Xu": "Costa",
        "Gao Shaolin": "Beatriz Lima",
        "Fumihiko Kamio": "Martin Sosa",
        "big data": "genomics",
        "blockchain": "satellite launches",
        "artificial intelligence": "renewable energy",
        "AI": "clean power",
        "East Asian": "South American",
        "Northeast Asia": "the Southern Cone",
        "Asia-Pacific": "Pan-American",
        "Beijing": "Brasilia",
    },
    {
        "South Korean": "Nigerian",
        "South Korea": "Nigeria",
        "Korea": "Nigeria",
        "ROK": "Nigeria",
        "Chinese": "Kenyan",
        "China": "Kenya",
        "Sino-Japanese": "Kenyan-Ghanaian",
        "Japanese": "Ghanaian",
        "Japan": "Ghana",
        "Wang Yi": "Amina Otieno",
        "Wang": "Otieno",
        "Yi": "Otieno",
        "Park Jin": "Ngozi Bello",
        "Yoko Kamikawa": "Kofi Mensah",
        "Kamikawa": "Mensah",
        "Kishida": "Boateng",
        "Xu Zhilong": "Peter Kamau",
        "Xu": "Kamau",
        "Gao Shaolin": "Grace Wanjiru",
        "Fumihiko Kamio": "Kwame Asante",
        "big data": "agritech",
        "blockchain": "mobile payments",
        "artificial intelligence": "vaccine research",
        "AI": "vaccines",
        "East Asian": "African",
        "Northeast Asia": "West Africa",
        "Asia-Pacific": "Pan-African",
        "Beijing": "Nairobi",
    },
    {
        "South Korean": "Peruvian",
        "South Korea": "Peru",
        "Korea": "Peru",
        "ROK": "Peru",
        "Chinese": "Canadian",
        "China": "Canada",
        "Sino-Japanese": "Canadian-Mexican",
        "Japanese": "Mexican",
        "Japan": "Mexico",
        "Wang Yi": "Claire Dubois",
        "Wang": "Dubois",
        "Yi": "Dubois",
        "Park Jin": "Rosa Quispe",
        "Yoko Kamikawa": "Mateo Cruz",
        "Kamikawa": "Cruz",
        "Kishida": "Herrera",
        "Xu Zhilong": "Owen Clarke",
        "Xu": "Clarke",
        "Gao Shaolin": "Julie Tremblay",
        "Fumihiko Kamio": "Luis Ortega",
        "big data": "semiconductors",
        "blockchain": "critical minerals",
        "artificial intelligence": "electric vehicles",
        "AI": "batteries",
        "East Asian": "North American",
        "Northeast Asia": "the Americas",
        "Asia-Pacific": "Pacific Rim",
        "Beijing": "Ottawa",
    },
]
SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
WORD_RE = re.compile(r"\b[a-z]{4,}\b")
WORLD_RES = [
    re.compile(r"\b(?:" + "|".join(map(re.escape, world)) + r")\b") if world else None
    for world in WORLDS
]
KINDS = ["copy", "trim", "shuffle", "mix", "number"]
KIND_WEIGHTS = [2, 3, 2, 2, 2]
SENTENCE_RE = re.compile(r"(?<=[.!?”\"])\s+(?=[“\"A-Z0-9])")
NUMBER_RE = re.compile(r"(?<![\d,.])\d{1,3}(?:,\d{3})*(?![\d,]*\d)(?!st|nd|rd|th)")


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


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


# --- synthetic articles -----------------------------------------------------------------


def load_seed_texts() -> list[tuple[str, list[str]]]:
    """(headline, body paragraphs) of each seed file, after the desk's own cleaning."""
    from articles.cleaning import clean_text

    seeds = []
    for path in sorted(SEEDS.glob("*.txt")):
        cleaned = clean_text(path.read_text(encoding="utf-8"))
        paragraphs = [p.strip() for p in cleaned.body.split("\n") if p.strip()]
        seeds.append((cleaned.title, paragraphs))
    return seeds


def _shift_numbers(text: str, delta: int) -> str:
    """Move quantities (not years, days of the month or list markers) by delta."""

    def shift(match: re.Match) -> str:
        value = int(match.group(0).replace(",", ""))
        if value < 30 or 1900 <= value <= 2099:
            return match.group(0)
        shifted = value + delta * (1000 if value >= 100_000 else 1)
        return f"{shifted:,}" if "," in match.group(0) else str(shifted)

    return NUMBER_RE.sub(shift, text)


@cache
def _kept_words() -> frozenset[str]:
    """Words the desk's rules look for (verbs of saying, opinion, stance, places, events)."""
    # Fails loudly if a module moves: a benchmark that quietly kept fewer words would
    # measure something else without saying so.
    modules = [importlib.import_module(f"claims.{name}") for name in ("extraction", "variants")]
    patterns = [
        value.pattern
        for module in modules
        for value in vars(module).values()
        if isinstance(value, re.Pattern)
    ]
    return frozenset(word.lower() for p in patterns for word in re.findall(r"[A-Za-z]+", p))


@cache
def _coined(word: str, world: int) -> str:
    """A made-up word standing for word in another world; forms of one word share one."""
    from claims.matching import profile

    stems = list(profile(word).words)
    if not stems or word in _kept_words():
        return word
    code = zlib.crc32(f"{world}:{stems[0]}".encode())
    parts = []
    for _ in range(3):
        code, index = divmod(code, len(SYLLABLES))
        parts.append(SYLLABLES[index])
    return "".join(parts) + "n"


def _for_event(text: str, family: dict, event: int) -> str:
    text = text.replace(family["place"], PLACES[event % len(PLACES)])
    world = (event // len(FAMILIES)) % len(WORLDS)
    if WORLD_RES[world]:
        # Other countries, people and things, and other words for everything else, so
        # the retelling is a distinct event, not a paraphrase of the seed story.
        text = WORD_RE.sub(lambda m: _coined(m.group(0), world), text)
        text = WORLD_RES[world].sub(lambda m: WORLDS[world][m.group(0)], text)
    text = text.replace(ordinal(family["ordinal"]), ordinal(family["ordinal"] + event))
    return _shift_numbers(text, 5 * event)


def _sentences(paragraph: str) -> list[str]:
    return SENTENCE_RE.split(paragraph)


def _drop_sentences(paragraphs: list[str], rng: random.Random, share: float) -> list[str]:
    kept = []
    for paragraph in paragraphs:
        sentences = [s for s in _sentences(paragraph) if rng.random() >= share]
        if sentences:
            kept.append(" ".join(sentences))
    return kept or paragraphs[:1]


def _change_one_number(paragraphs: list[str], rng: random.Random) -> list[str]:
    spots = [(i, m) for i, p in enumerate(paragraphs) for m in NUMBER_RE.finditer(p) if m.group(0)]
    if not spots:
        return paragraphs
    i, match = rng.choice(spots)
    value = int(match.group(0).replace(",", "")) + rng.randint(1, 9)
    changed = list(paragraphs)
    changed[i] = f"{changed[i][: match.start()]}{value}{changed[i][match.end() :]}"
    return changed


def synthetic_articles(count: int, events: int, seed: int):
    """(file name, text, hints) for count articles, the same every run for one seed."""
    from articles.services import ArticleHints

    seeds = load_seed_texts()
    for number in range(count):
        rng = random.Random(f"{seed}:{number}")
        event = number % events if number < events else rng.randrange(events)
        family = FAMILIES[event % len(FAMILIES)]
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        headline, paragraphs = seeds[rng.choice(family["seeds"])]
        if kind == "trim":
            paragraphs = _drop_sentences(paragraphs, rng, 0.3)
        elif kind == "shuffle":
            rest = _drop_sentences(paragraphs[1:], rng, 0.15)
            rng.shuffle(rest)
            paragraphs = paragraphs[:1] + rest
        elif kind == "mix":
            _, other = seeds[rng.choice(family["seeds"])]
            paragraphs = paragraphs[: len(paragraphs) // 2] + other[len(other) // 2 :]
        elif kind == "number":
            paragraphs = _change_one_number(paragraphs, rng)
        if rng.random() < 0.15:  # a report that never names the city
            paragraphs = [re.sub(r"\bin Busan|\bin Tokyo", "in the city", p) for p in paragraphs]
        outlet_name, domain = rng.choice(OUTLETS + [("", "")] * 2)
        collected = date(2023, 12, 1) + timedelta(days=3 * event + rng.randrange(6))
        header = [_for_event(headline, family, event)]
        if kind != "copy":
            header[0] += rng.choice(["", " (update)", ": what we know", " – analysis"])
        dating = rng.random()
        if dating < 0.4:
            header.append(f"{collected:%B} {collected.day}, {collected.year}")
        elif dating < 0.6:
            header.append(f"{rng.randint(1, 11)} days ago")
        body = [_for_event(p, family, event) for p in paragraphs]
        footer = [f"Desk reference {number:04d}."]  # copies are near-identical, not identical
        text = "\n\n".join(header + body + footer)
        hints = ArticleHints(
            source=outlet_name,
            domain=domain,
            collected_on=collected if outlet_name else None,
        )
        yield f"bench_{number:04d}_{kind}.txt", text + "\n", hints


def seed_files():
    from articles.services import read_article_file

    for path in sorted(SEEDS.glob("*.txt")):
        yield path.name, read_article_file(path), None


# --- running and reporting --------------------------------------------------------------


def ingest_all(items) -> list[dict]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    from claims.pipeline import ingest_article

    runs = []
    for file_name, text, hints in items:
        reset_queries()  # the query log keeps 9,000 entries at most
        with CaptureQueriesContext(connection) as queries:
            started, cpu = time.perf_counter(), time.process_time()
            result = ingest_article(text=text, file_name=file_name, hints=hints)
            elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        runs.append(
            {"seconds": elapsed, "cpu": cpu, "queries": len(queries), "created": result.created}
        )
    return runs


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
        import importlib

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

    from claims.extraction import split_sentences

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

    from articles.languages import is_cjk
    from articles.services import ArticleHints, read_article_file
    from claims.extraction import split_sentences
    from claims.pipeline import ingest_article

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
