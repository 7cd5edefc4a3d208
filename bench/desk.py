"""Build a deterministic synthetic desk straight through the ORM, for the page benchmark.

    DJANGO_DEBUG=1 .venv/bin/python bench/desk.py --size S      # 1k articles, seconds
    DJANGO_DEBUG=1 .venv/bin/python bench/desk.py --size L      # 20k articles, 200k reports

It migrates the database of DATABASE_URL (SQLite by default), refuses one that already
holds articles unless --reset (which empties the desk's tables first), and writes with
bulk_create, not through ingestion: the point is the size of the data the pages read,
not the cost of consolidation (bench/ingest_bench.py measures that).

What it builds, the same rows for the same size every time (a seeded random generator):
outlets (a few unidentified), events (nine in ten published), claims per event with a
canonical wording, articles whose bodies paraphrase some of their event's claims (three
rewordings, numbers that differ between reports flagged as variants), one report per
claim sentence with the exact quote and offsets, reviews with their audit entries, some
copies, one article in twenty in Japanese, and one long article repeating one claim
--big times (the claim with tens of thousands of reports that once timed out).
"""

import argparse
import hashlib
import os
import random
import secrets
import sys
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SIZES = {
    # "big": the reports of the one claim that a single long article repeats
    "S": {"articles": 1_000, "events": 10, "claims": 400, "appearances": 10_000, "big": 1_500},
    "L": {
        "articles": 20_000,
        "events": 200,
        "claims": 8_000,
        "appearances": 200_000,
        "big": 30_000,
    },
}
OUTLETS = 60
BENCH_ADMIN = "bench-admin"

NAMES = "Kamikawa Wang Park Blinken Tanaka Lee Chen Sato Kim Zhang Suzuki Choi".split()
TOPICS = (
    "trade talks|supply chains|the summit agenda|tariff cuts|the fisheries deal|"
    "artificial intelligence research|disaster relief|student exchanges|the climate fund|"
    "port inspections|digital payments|the rail link|energy prices|visa rules"
).split("|")
PLACES = "Busan Tokyo Seoul Beijing Osaka Incheon Shanghai Kyoto Daegu Nagoya".split()
# Three rewordings of one claim: reports paraphrase each other, as outlets do.
WORDINGS = (
    "Minister {name} said {topic} would grow by {n} percent in {place}.",
    "{topic_cap} will expand by {n} percent, Minister {name} told reporters in {place}.",
    "In {place}, foreign minister {name} announced that {topic} is set to rise {n} percent.",
)
JA_WORDINGS = (
    "{place}で外相{name}氏は{n}件の協力を発表した。",
    "外相の{name}氏によると、{place}での協議は{n}回目となる。",
)
FILLER = (
    "Officials from the three countries met behind closed doors for several hours.",
    "The talks were the first of their kind in four years.",
    "Analysts said the outcome would depend on follow-up meetings.",
)


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="S")
    parser.add_argument("--reset", action="store_true", help="empty the desk's tables first")
    parser.add_argument("--seed", type=int, default=11)
    return parser.parse_args(argv)


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(40))
    import django

    django.setup()


def empty_desk() -> None:
    from django.db import connection

    tables = [
        "claims_auditentry",
        "claims_review",
        "claims_wordingchange",
        "claims_evidence",
        "claims_articlesketch",
        "claims_appearance",
        "claims_claim",
        "articles_article",
        "claims_event",
        "articles_source",
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)


class Builder:
    def __init__(self, size: dict, seed: int):
        self.size = size
        self.rng = random.Random(seed)

    def build(self) -> dict:
        from articles.models import Source
        from claims.models import Event

        sources = Source.objects.bulk_create(
            Source(
                name=f"Bench Outlet {n:02d}",
                domain=f"outlet{n:02d}.example.com",
                country=["JP", "KR", "CN", "US", "GB"][n % 5],
                language="ja" if n % 10 == 0 else "en",
            )
            for n in range(OUTLETS)
        )
        start = date(2023, 1, 1)
        events = Event.objects.bulk_create(
            Event(
                title=f"Bench meeting {e} in {PLACES[e % len(PLACES)]}",
                slug=f"bench-meeting-{e}",
                place=PLACES[e % len(PLACES)],
                starts_on=start + timedelta(days=e),
                is_published=e % 10 != 9,
            )
            for e in range(self.size["events"])
        )
        claims_per_event = self.size["claims"] // len(events)
        articles_per_event = self.size["articles"] // len(events)
        # The big claim's article holds `big` reports; the others share the rest.
        reports_per_article = max(
            1, (self.size["appearances"] - self.size["big"]) // self.size["articles"]
        )
        for e, event in enumerate(events):
            self._event(
                e,
                event,
                sources,
                claims_per_event,
                articles_per_event,
                reports_per_article,
                big=self.size["big"] if e == 0 else 0,
            )
        self._editor()
        return {"sources": len(sources), "events": len(events)}

    def _event(self, e, event, sources, n_claims, n_articles, per_article, big):
        from articles.models import Article
        from claims.models import Appearance, Claim
        from factdesk import fulltext

        rng = self.rng
        facts = [
            {
                "name": rng.choice(NAMES),
                "topic": rng.choice(TOPICS),
                "place": event.place,
                "n": rng.randint(2, 60),
            }
            for _ in range(n_claims)
        ]
        claims = Claim.objects.bulk_create(
            Claim(event=event, text=WORDINGS[0].format(topic_cap="", **f)) for f in facts
        )
        articles, plans = [], []
        for a in range(n_articles):
            japanese = a % 20 == 7
            long_one = big and a == 0
            # Popular claims first: a few claims are in most reports, most in a few.
            count = big if long_one else min(per_article, n_claims)
            if long_one:
                picked = [0] * count
            else:
                picked = sorted(
                    {
                        min(int(rng.expovariate(3 / n_claims)), n_claims - 1)
                        for _ in range(count * 2)
                    }
                )[:count]
            sentences, spans = [], []
            offset = 0
            for i, c in enumerate(picked):
                fact = dict(facts[c])
                if rng.random() < 0.1:
                    fact["n"] += 1  # a report that gives another number: a variant
                wording = (JA_WORDINGS if japanese else WORDINGS)[(a + i) % (2 if japanese else 3)]
                text = wording.format(topic_cap=fact["topic"].capitalize(), **fact)
                spans.append((c, offset, offset + len(text), text, fact["n"]))
                sentences.append(text)
                offset += len(text) + 1
                if not long_one and i % 3 == 2:
                    filler = FILLER[(a + i) % len(FILLER)]
                    sentences.append(filler)
                    offset += len(filler) + 1
            body = " ".join(sentences)
            title = (
                f"{event.place}で外相会談 第{e}報 {a}"
                if japanese
                else f"{facts[picked[0]]['topic'].capitalize()}: report {a} on {event.title}"
            )
            source = sources[(e * 7 + a) % len(sources)] if a % 25 != 3 else None
            articles.append(
                Article(
                    event=event,
                    source=source,
                    title=title[:500],
                    author=f"{rng.choice(NAMES)} {rng.choice(NAMES)}",
                    url=f"https://outlet{(e + a) % OUTLETS:02d}.example.com/{e}/{a}",
                    published_on=event.starts_on + timedelta(days=a % 5),
                    date_precision="day",
                    date_phrase="",
                    language="ja" if japanese else "en",
                    body=body,
                    original_text=body,
                    content_hash=hashlib.sha256(f"bench-{e}-{a}".encode()).hexdigest(),
                    file_name=f"bench-{e}-{a}.txt",
                    search_text=fulltext.search_text(title[:500], body),
                )
            )
            plans.append(spans)
        articles = Article.objects.bulk_create(articles)
        # A tenth of the articles copy the event's first: not independent confirmation.
        copies = [a for i, a in enumerate(articles) if i % 10 == 5 and i > 0]
        for copy in copies:
            copy.copy_of = articles[0]
        Article.objects.bulk_update(copies, ["copy_of"])
        reports, by_claim = [], {}
        for article, spans in zip(articles, plans, strict=True):
            for c, start, end, quote, n in spans:
                reports.append(
                    Appearance(claim=claims[c], article=article, quote=quote, start=start, end=end)
                )
                by_claim.setdefault(c, []).append((article, n))
        Appearance.objects.bulk_create(reports, batch_size=5_000)
        quotes: dict[int, set[str]] = {}
        for report in reports:
            quotes.setdefault(report.claim_id, set()).add(report.quote)
        for claim in claims:
            claim.search_text = fulltext.search_text(claim.text, *quotes.get(claim.pk, ()))
        Claim.objects.bulk_update(claims, ["search_text"], batch_size=1_000)
        self._consolidate(claims, facts, by_claim, event)

    def _consolidate(self, claims, facts, by_claim, event):
        """Counts, variants and decisions as consolidation and editors would leave them."""
        from claims.models import AuditEntry, Claim, Review

        rng = self.rng
        reviews, entries = [], []
        for c, claim in enumerate(claims):
            reported = by_claim.get(c, [])
            outlets = {a.source_id or f"a{a.pk}" for a, _n in reported}
            independent = {
                (a.source_id or f"a{a.pk}") for a, _n in reported if a.copy_of_id is None
            }
            claim.source_count = len(outlets)
            claim.independent_source_count = min(len(independent), len(outlets))
            values: dict[str, list[int]] = {}
            for article, n in reported:  # each article once per value, as consolidation keeps
                holders = values.setdefault(str(n), [])
                if article.pk not in holders[-1:]:
                    holders.append(article.pk)
            if len(values) > 1:
                claim.variants = [{"kind": "number", "values": values}]
                claim.has_variants = True
            roll = rng.random()
            if roll < 0.3 and reported:
                status = Claim.Status.VERIFIED if roll < 0.2 else Claim.Status.DISPUTED
                claim.status = status
                claim.rationale = f"Checked against the official readout of {event.title}."
                claim.version = 2
                reviews.append(
                    Review(
                        claim=claim,
                        from_status=Claim.Status.UNREVIEWED,
                        to_status=status,
                        rationale=claim.rationale,
                    )
                )
                entries.append(
                    AuditEntry(
                        action=AuditEntry.Action.REVIEW,
                        event=event,
                        claim=claim,
                        summary=f"Marked {status}",
                        reason=claim.rationale,
                        data={"from": "unreviewed", "to": status},
                    )
                )
        Claim.objects.bulk_update(
            claims,
            [
                "source_count",
                "independent_source_count",
                "variants",
                "has_variants",
                "status",
                "rationale",
                "version",
            ],
            batch_size=1_000,
        )
        Review.objects.bulk_create(reviews)
        AuditEntry.objects.bulk_create(entries)

    def _editor(self):
        from django.contrib.auth.models import User

        user, _ = User.objects.get_or_create(
            username=BENCH_ADMIN, defaults={"is_staff": True, "is_superuser": True}
        )
        user.set_unusable_password()  # the benchmark signs it in by session, never by password
        user.save()


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django()
    from django.core.management import call_command
    from django.db import transaction

    from articles.models import Article

    call_command("migrate", verbosity=0)
    if args.reset:
        empty_desk()
    elif Article.objects.exists():
        print("The database already holds articles: use --reset to replace them.", file=sys.stderr)
        return 2
    began = time.perf_counter()
    with transaction.atomic():
        Builder(SIZES[args.size], args.seed).build()
    from django.db import connection

    with connection.cursor() as cursor:
        # Fresh statistics, as autovacuum would leave them: plans for 20k rows, not for 0.
        cursor.execute("ANALYZE")
    from claims.models import Appearance, Claim, Event

    print(
        f"size {args.size}: {Event.objects.count()} events, {Article.objects.count()} articles, "
        f"{Claim.objects.count()} claims, {Appearance.objects.count()} reports "
        f"in {time.perf_counter() - began:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
