"""Synthetic articles for bench/ingest_bench.py, recombined from the seed texts.

Each belongs to one of up to 10 events (the seed story moved to another city, with its
own ordinal and numbers), and is a copy, a trimmed, reshuffled or mixed retelling, or a
copy with one number changed; ingest_all runs them through the pipeline, timed. Needs
Django set up (ingest_bench.setup_django).
"""

import random
import re
import time
import zlib
from datetime import date, timedelta
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

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
    from claims.text import extraction, variants

    modules = [extraction, variants]
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
    from claims.text.profiles import profile

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
