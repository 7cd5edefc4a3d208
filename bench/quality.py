"""Quality benchmarks: the consolidation's own decisions measured on labelled data.

    .venv/bin/python bench/quality.py matching --claims FILE --queries FILE --qrels FILE \
        [--unmatched FILE.json] [--stress FILE.json] [--sweep] [--min-map5 F]
        [--min-gold-accepted F] [--max-wrong-accepted F]
    .venv/bin/python bench/quality.py checkworthy --data FILE.json [--min-f1 F] [--min-map F]
    .venv/bin/python bench/quality.py dates --data FILE.json [--min-right N] [--max-wrong N]
    .venv/bin/python bench/quality.py sentences --data FILE.json [--min-exact N] [--verbose]
    .venv/bin/python bench/quality.py events --corpus bench/corpus \
        [--min-event-f1 F] [--min-claim-f1 F] [--min-link-precision F]
        [--min-link-recall F] [--verbose]
    .venv/bin/python bench/quality.py events --articles FILE.jsonl [--order-seed N] \
        [--min-b3-f1 F] [--min-pairwise-f1 F] [--verbose]

Each subcommand prints its figures on its last line and exits 1 when a figure falls
below a floor given on the command line (CI uses the floors to catch regressions).

matching: CheckThat! 2020 Task 2 (verified claim retrieval). Every verified claim is
put in the same index that ingestion attaches sentences with (claims.text.matching.Index),
as one document of its text and its title, as ingestion indexes a claim as one
document of its reports' wordings; each query (tweet) is searched there, with the
same score and threshold that decide whether a sentence joins a claim. The last line
holds MAP@5 (the official measure: per query, the precision at each rank up to 5 that
holds a relevant claim, summed and divided by the number of relevant claims; averaged
over queries), P@1 and R@5, then what ingestion's decision (Index.decide: join outright,
propose to an editor, or a new claim) does: gold-accepted, the share of queries whose
claim it names (joined or proposed), and wrong-accepted, the share of queries that,
their claim left out of the index (and its word-for-word twins), would join a wrong
claim outright. The line above gives the four bands.

checkworthy: a ClaimBuster-format JSON list of {"text", "label"} items, maybe with a
"group" (a debate). Each item is one unit, judged and scored by the desk's own function
(claims.text.extraction.assess): a tweet is scored whole, as ingestion scores a post. The last
line holds precision, recall and F1 of the check-worthy class, then MAP: per group (one
list when there is none), the average precision of all items ranked by the desk's score,
then the mean over the groups that hold a check-worthy item.
"""

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database_url: str | None = None) -> None:
    """Django with the project's settings; with database_url, that database, migrated."""
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "factdesk.settings"
    # The settings refuse to start without a key when DEBUG is off; a benchmark's
    # throwaway database needs no secret.
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-key-for-a-throwaway-database")
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    if database_url:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)


def _below_floors(figures: dict[str, float], floors: dict[str, float | None]) -> list[str]:
    return [
        f"{name} {figures[name]:.3f} is below the floor {floor:.3f}"
        for name, floor in floors.items()
        if floor is not None and figures[name] < floor
    ]


# --- events: event grouping and claim grouping on a labelled corpus ----------------------


def _pairwise(gold: dict[str, str], system: dict[str, object]) -> tuple[float, float, float]:
    """Precision, recall and F1 over pairs of items: same gold group vs same system group."""
    true_positive = false_positive = false_negative = 0
    for first, second in combinations(sorted(gold), 2):
        same_gold = gold[first] == gold[second]
        same_system = system[first] == system[second]
        true_positive += same_gold and same_system
        false_positive += same_system and not same_gold
        false_negative += same_gold and not same_system
    precision = true_positive / (true_positive + false_positive) if true_positive else 0.0
    recall = true_positive / (true_positive + false_negative) if true_positive else 0.0
    if not true_positive and not false_positive and not false_negative:
        precision = recall = 1.0  # nothing to pair: every item alone, rightly
    return precision, recall, _f1(precision, recall)


def _b_cubed(gold: dict, system: dict) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of system clusters against gold ones (same items)."""
    gold_members, system_members = defaultdict(set), defaultdict(set)
    for item in gold:
        gold_members[gold[item]].add(item)
        system_members[system[item]].add(item)
    precision = recall = 0.0
    for item in gold:
        shared = len(gold_members[gold[item]] & system_members[system[item]])
        precision += shared / len(system_members[system[item]])
        recall += shared / len(gold_members[gold[item]])
    count = len(gold) or 1
    precision, recall = precision / count, recall / count
    return precision, recall, _f1(precision, recall)


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _quote_claim(article, text: str, appearances: list) -> int | None:
    """The claim of the article's appearance that covers a labelled quote, if any.

    The quote is found in the clean body and the appearance overlapping it most wins;
    when cleaning changed the text around it, a quote contained in an appearance (or
    holding one) counts.
    """
    start = article.body.find(text) if article else -1
    best, best_overlap = None, 0
    if start >= 0:
        end = start + len(text)
        for appearance in appearances:
            overlap = min(end, appearance.end) - max(start, appearance.start)
            if overlap > best_overlap:
                best, best_overlap = appearance.claim_id, overlap
        return best
    for appearance in appearances:
        if text in appearance.quote or appearance.quote in text:
            return appearance.claim_id
    return None


def _load_labels(corpus: Path) -> dict:
    path = corpus / "labels.json"
    try:
        labels = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise SystemExit(f"{path}: not a readable labels file ({error})") from error
    for key in ("events", "articles"):
        if not isinstance(labels.get(key), dict):
            raise SystemExit(f"{path}: {key!r} must be an object")
    labels.setdefault("claims", {})
    for name, article in labels["articles"].items():
        if article.get("event") not in labels["events"]:
            raise SystemExit(f"{path}: article {name} has unknown event {article.get('event')!r}")
        if not (corpus / "articles" / name).is_file():
            raise SystemExit(f"{path}: article {name} is not in {corpus / 'articles'}")
    return labels


def events(args) -> int:
    """Ingest a labelled corpus in order; score event and claim grouping against labels."""
    if args.articles:
        return events_on_articles(args)
    if not args.corpus:
        raise SystemExit("events: give --corpus FOLDER or --articles FILE.jsonl")
    corpus = args.corpus
    labels = _load_labels(corpus)
    articles = labels["articles"]
    order = sorted(articles, key=lambda name: (articles[name].get("order", 0), name))
    with tempfile.TemporaryDirectory(prefix="factdesk-quality-") as folder:
        setup_django(f"sqlite:///{Path(folder) / 'quality.sqlite3'}")
        from django.db import connections

        from articles.services import ArticleHints, IngestError, read_article_file
        from claims.models import Appearance
        from claims.pipeline import ingest_article

        stored = {}
        for name in order:
            label = articles[name]
            hints = ArticleHints.from_dict(label)  # its outlet, address, language, date
            try:
                text = read_article_file(corpus / "articles" / name)
                stored[name] = ingest_article(text=text, file_name=name, hints=hints).article
            except IngestError as error:
                print(f"not ingested: {error}")
        # An article that was not ingested is an event and a claim set of its own.
        system_events = {
            name: stored[name].event_id if name in stored else f"missing:{name}"
            for name in articles
        }
        gold_events = {name: articles[name]["event"] for name in articles}
        by_article = defaultdict(list)
        for appearance in Appearance.objects.filter(article__in=stored.values()):
            by_article[appearance.article_id].append(appearance)
        gold_claims, system_claims = {}, {}
        for claim_id, claim in labels["claims"].items():
            for number, (name, text) in enumerate(claim["quotes"]):
                item = (claim_id, number)
                article = stored.get(name)
                found = _quote_claim(article, text, by_article[article.id]) if article else None
                gold_claims[item] = claim_id
                system_claims[item] = found if found is not None else f"alone:{claim_id}:{number}"
                if args.verbose and found is None:
                    print(f"no claim for {claim_id} in {name}: {text[:70]}")
        links = _cross_language_links(labels, stored, by_article, system_claims, args.verbose)
        if args.verbose:
            _print_events(labels, stored)
            _print_proposals(gold_claims, system_claims)
        connections.close_all()

    precision, recall, f1 = _pairwise(gold_events, system_events)
    claim_precision, claim_recall, claim_f1 = _b_cubed(gold_claims, system_claims)
    if links is not None:
        # Its own line, above the last one, whose format scripts read.
        print(
            f"cross-language links P {links['P']:.3f} R {links['R']:.3f} "
            f"(with proposals P {links['proposed P']:.3f} R {links['proposed R']:.3f}; "
            f"{links['gold']} labelled, {links['linked']} linked, {links['proposed']} proposed)"
        )
    print(
        f"events P {precision:.3f} R {recall:.3f} F1 {f1:.3f} "
        f"claims B3-P {claim_precision:.3f} B3-R {claim_recall:.3f} B3-F1 {claim_f1:.3f}"
    )
    failures = _below_floors(
        {
            "event F1": f1,
            "claim B3-F1": claim_f1,
            "link P": links["P"] if links else 1.0,
            "link R": links["R"] if links else 1.0,
        },
        {
            "event F1": args.min_event_f1,
            "claim B3-F1": args.min_claim_f1,
            "link P": args.min_link_precision,
            "link R": args.min_link_recall,
        },
    )
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as error:
        raise SystemExit(f"{path}: cannot be read ({error})") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            rows.append({key: str(row[key]) for key in ("doc", "title", "body", "event")})
            rows[-1]["url"] = str(row.get("url") or "")
        except (ValueError, TypeError, KeyError) as error:
            raise SystemExit(f"{path}:{number}: not a doc/title/body/event object") from error
    return rows


def events_on_articles(args) -> int:
    """Event grouping on a JSON-lines file of labelled articles (the ECB+ format).

    The articles arrive in an order shuffled by --order-seed, as a desk would get them,
    each ingested as its headline over its body; grouping is scored against the gold
    events, pairwise and B-cubed.
    """
    import random

    rows = sorted(_read_jsonl(args.articles), key=lambda row: row["doc"])
    random.Random(args.order_seed).shuffle(rows)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="factdesk-quality-") as folder:
        setup_django(f"sqlite:///{Path(folder) / 'quality.sqlite3'}")
        from django.db import connections

        from articles.services import ArticleHints, IngestError
        from claims.pipeline import ingest_article

        system_events = {}
        for row in rows:
            text = f"{row['title'].strip()}\n\n{row['body'].strip()}\n"
            try:
                article = ingest_article(
                    text=text, file_name=row["doc"], hints=ArticleHints(url=row["url"])
                ).article
                system_events[row["doc"]] = article.event_id
            except IngestError as error:
                print(f"not ingested: {error}")
                system_events[row["doc"]] = f"missing:{row['doc']}"
        if args.verbose:
            _print_grouping(rows, system_events)
        connections.close_all()
    gold_events = {row["doc"]: row["event"] for row in rows}
    figures = {
        "pairwise": _pairwise(gold_events, system_events),
        "B3": _b_cubed(gold_events, system_events),
    }
    if args.verbose:
        print(f"{len(rows)} articles in {time.perf_counter() - started:.1f} s")
    for name, (precision, recall, f1) in figures.items():
        print(f"{name} P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")
    failures = _below_floors(
        {"B3 F1": figures["B3"][2], "pairwise F1": figures["pairwise"][2]},
        {"B3 F1": args.min_b3_f1, "pairwise F1": args.min_pairwise_f1},
    )
    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


def _print_grouping(rows: list[dict], system_events: dict) -> None:
    """Each system event with its articles' gold events and headlines."""
    members = defaultdict(list)
    for row in rows:
        members[system_events[row["doc"]]].append(row)
    for event, told in members.items():
        golds = sorted({row["event"] for row in told})
        print(f"event {event}: {len(told)} articles, gold {', '.join(golds)}")
        for row in told:
            print(f"    {row['event']:<12} {row['doc']:<20} {row['title'][:70]!r}")


def _cross_language_links(labels, stored, by_article, system_claims, verbose=False) -> dict | None:
    """Precision and recall of the links ingestion made between CJK and English claims.

    A labelled link says a CJK article's passage states an English claim. The system
    links it when the passage's claim is linked (ClaimLink) to the claim most of that
    English claim's labelled quotes landed in. Precision counts every link made between
    claims of the corpus's CJK articles: those no label supports are wrong.
    """
    from claims.models import Claim, ClaimLink

    gold_links = labels.get("links", [])
    if not gold_links:
        return None
    # An English claim's quotes may have landed in several system claims: a link to any
    # of them is right.
    english_claims = {
        claim_id: {
            system_claims[(claim_id, n)]
            for n, _ in enumerate(claim["quotes"])
            if not str(system_claims[(claim_id, n)]).startswith("alone:")
        }
        for claim_id, claim in labels["claims"].items()
    }
    gold_links_found = []
    for link in gold_links:
        article = stored.get(link["article"])
        cjk = _quote_claim(article, link["quote"], by_article[article.id]) if article else None
        gold_links_found.append({(cjk, english) for english in english_claims[link["claim"]]})
    gold = set().union(*gold_links_found)
    cjk_ids = {
        appearance.claim_id
        for name in {link["article"] for link in gold_links}
        if name in stored
        for appearance in by_article[stored[name].id]
    }
    made = {
        status: set(
            ClaimLink.objects.filter(claim_id__in=cjk_ids, status=status).values_list(
                "claim_id", "same_as_id"
            )
        )
        for status in ("linked", "proposed")
    }
    either = made["linked"] | made["proposed"]
    if verbose:
        texts = dict(Claim.objects.values_list("id", "text"))
        for status, pairs in made.items():
            for cjk, english in sorted(pairs):
                mark = "right" if (cjk, english) in gold else "WRONG"
                print(f"{status} {mark}: {texts[cjk][:60]} = {texts[english][:70]}")
        for link, pairs in zip(gold_links, gold_links_found, strict=True):
            if not pairs & either:
                cjk = next(iter(pairs))[0] if pairs else None
                why = "no claim holds the passage" if cjk is None else f"claim {cjk} not linked"
                print(f"missed ({why}): {link['quote'][:60]} = {link['claim']}")

    def share(part, whole):
        return len(part) / len(whole) if whole else 1.0

    def recall(made_links):
        found = sum(bool(pairs & made_links) for pairs in gold_links_found)
        return found / len(gold_links_found)

    return {
        "P": share(made["linked"] & gold, made["linked"]),
        "R": recall(made["linked"]),
        "proposed P": share(either & gold, either),
        "proposed R": recall(either),
        "gold": len(gold_links),
        "linked": len(made["linked"]),
        "proposed": len(made["proposed"]),
    }


def _print_proposals(gold_claims: dict, system_claims: dict) -> None:
    """Each match ingestion proposed to editors, marked right when a labelled claim has
    quotes in both claims."""
    from claims.models import MatchProposal

    labelled = defaultdict(set)  # system claim -> labelled claims with a quote in it
    for item, claim in system_claims.items():
        labelled[claim].add(gold_claims[item])
    for proposal in MatchProposal.objects.select_related("claim", "candidate").order_by("id"):
        shared = labelled[proposal.claim_id] & labelled[proposal.candidate_id]
        mark = "right" if shared else "WRONG" if labelled[proposal.claim_id] else "unlabelled"
        print(
            f"match proposed {mark} ({proposal.score:.2f}, lead {proposal.margin:.2f}): "
            f"{proposal.claim.text[:60]} = {proposal.candidate.text[:60]}"
        )


def _print_events(labels: dict, stored: dict) -> None:
    """Each system event with its articles and their gold events, to see what went wrong."""
    from claims.models import Event

    names = {article.id: name for name, article in stored.items()}
    for event in Event.objects.order_by("id").prefetch_related("articles"):
        print(f"event {event.id}: {event.title!r} place={event.place!r} on={event.starts_on}")
        for article in event.articles.order_by("id"):
            name = names.get(article.id, article.file_name)
            gold = labels["articles"].get(name, {}).get("event")
            print(f"    {gold:<28} {name}  title={article.title[:70]!r}")


# --- matching: CheckThat! 2020 Task 2 -------------------------------------------------


def fail_below(figures: dict[str, float], floors: dict[str, float | None]) -> int:
    """1 (and a line saying why) when a figure is under its floor, else 0."""
    missed = [
        f"{name} {figures[name]:.3f} < {floor}"
        for name, floor in floors.items()
        if floor is not None and figures[name] < floor
    ]
    if missed:
        print("below the floor: " + ", ".join(missed), file=sys.stderr)
        return 1
    return 0


# --- matching ---------------------------------------------------------------------------

csv.field_size_limit(1 << 24)


def read_tsv(path: Path) -> list[list[str]]:
    """Rows of a tab-separated file with one header line (fields may be quoted)."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    return [row for row in rows[1:] if row]


def read_qrels(path: Path) -> dict[str, set[str]]:
    """query id -> relevant claim ids, from TREC-style lines `query 0 claim relevance`."""
    relevant: dict[str, set[str]] = defaultdict(set)
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if len(fields) >= 4 and fields[3] != "0":
            relevant[fields[0]].add(fields[2])
    return relevant


def average_precision(ranked: list[str], relevant: set[str], depth: int = 5) -> float:
    hits, total = 0, 0.0
    for rank, claim in enumerate(ranked[:depth], start=1):
        if claim in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant)


def matching(args: argparse.Namespace) -> int:
    setup_django()
    from claims.text.matching import JOIN, JOIN_RATIO, PROPOSE, Index
    from claims.text.profiles import profile
    from claims.text.similarity import MATCH_THRESHOLD

    started = time.perf_counter()
    # A claim is one document of its wordings, as in ingestion (its text and its title).
    claims = {row[0]: "\n".join(t for t in row[1:3] if t.strip()) for row in read_tsv(args.claims)}
    queries = {row[0]: row[1] for row in read_tsv(args.queries) if len(row) > 1}
    relevant = read_qrels(args.qrels)
    missing = sorted(set(relevant) - set(queries))
    if missing:
        print(
            f"{args.qrels}: queries not in {args.queries}: {', '.join(missing[:5])}",
            file=sys.stderr,
        )
        return 2
    # As in ingestion: weights over what the index holds and the texts being matched.
    index = Index()
    index.sync(
        claims.items(),
        weighed=[queries[query_id] for query_id in relevant],
    )
    matcher = index.matcher
    built = time.perf_counter()

    scores = defaultdict(float)  # figure -> sum over queries
    pairs = []  # (best gold score, best wrong score) of each query
    for query_id, gold in relevant.items():
        text = queries[query_id]
        found = index.search(text, limit=10)
        ranked = [claim for claim, _ in found]
        scores["MAP@5"] += average_precision(ranked, gold)
        scores["P@1"] += bool(ranked) and ranked[0] in gold
        scores["R@5"] += len(set(ranked[:5]) & gold) / len(gold)
        # The decision ingestion would make (claims.text.matching.Index.decide).
        decision = index.decide(text)
        right = decision.key in gold
        scores["gold joined"] += right and decision.band == JOIN
        scores["gold proposed"] += right and decision.band == PROPOSE
        # As if the tweet's claim were not known yet (a new claim): what would it join?
        # The collection holds some claims twice, worded alike but for their quote marks;
        # such a twin of the gold claim is the same claim, not a wrong one.
        gold_words = [profile(claims[claim]).words for claim in gold]
        twins = {c for c, _ in found if c not in gold and profile(claims[c]).words in gold_words}
        alone = index.decide(text, exclude=frozenset(gold | twins))
        scores["wrong joined"] += alone.band == JOIN
        scores["wrong proposed"] += alone.band == PROPOSE
        scores["twin joined"] += index.decide(text, exclude=frozenset(gold)).band == JOIN
        unlike = [(c, s) for c, s in found if c not in gold and c not in twins]
        gold_scores = [matcher.similarity(text, claims[claim]) for claim in gold]
        pairs.append((max(gold_scores), unlike[0][1] if unlike else 0.0))
    figures = {name: total / len(relevant) for name, total in scores.items()}
    print(
        f"{len(relevant)} queries, {len(claims)} claims; index built in "
        f"{built - started:.1f} s, searched in {time.perf_counter() - built:.1f} s"
    )
    if args.sweep:
        _print_sweep(pairs)
    threshold = matcher.semantic.threshold if matcher.semantic else None
    # Its own line, above the last one, whose format scripts read.
    print(
        f"bands: gold joined {figures['gold joined']:.3f} proposed "
        f"{figures['gold proposed']:.3f}; wrong joined {figures['wrong joined']:.3f} proposed "
        f"{figures['wrong proposed']:.3f} (wrong joined {figures['twin joined']:.3f} when "
        f"twins of the gold claim count as wrong); join ratio {JOIN_RATIO}"
    )
    if args.unmatched:
        _print_unmatched(args.unmatched, claims)
    if args.stress:
        _print_stress(args.stress, claims, queries, relevant)
    # gold-accepted: the tweet reaches its claim (joined, or proposed to an editor);
    # wrong-accepted: a new claim would silently join a wrong one.
    figures["gold accepted"] = figures["gold joined"] + figures["gold proposed"]
    print(
        f"MAP@5 {figures['MAP@5']:.3f} P@1 {figures['P@1']:.3f} R@5 {figures['R@5']:.3f} "
        f"gold-accepted {figures['gold accepted']:.3f} "
        f"wrong-accepted {figures['wrong joined']:.3f} "
        f"threshold {threshold or MATCH_THRESHOLD} "
        f"gold-joined {figures['gold joined']:.3f} wrong-proposed {figures['wrong proposed']:.3f}"
    )
    wrong, ceiling = figures["wrong joined"], args.max_wrong_accepted
    if ceiling is not None and wrong > ceiling:
        print(f"above the ceiling: wrong-accepted {wrong:.3f} > {ceiling}", file=sys.stderr)
        return 1
    return fail_below(figures, {"MAP@5": args.min_map5, "gold accepted": args.min_gold_accepted})


def _print_unmatched(path: Path, claims: dict[str, str]) -> None:
    """How often sentences whose claim the collection does not hold would join one of its
    claims outright: every join is wrong, bar a few the collection happens to hold."""
    from claims.text.matching import JOIN, PROPOSE, Index

    rows = json.loads(path.read_text(encoding="utf-8"))
    # A labelled file (ClaimBuster format): its check-worthy sentences, the ones that
    # reach matching in the desk.
    texts = [str(r["text"]) for r in rows if "label" not in r or int(r["label"]) == 1]
    index = Index()  # its own weights, so that the line above stays as it was
    index.sync(claims.items(), weighed=texts)
    bands = Counter(index.decide(text).band for text in texts)
    print(
        f"unmatched: {len(texts)} sentences, joined outright "
        f"{bands[JOIN] / len(texts):.3f}, proposed {bands[PROPOSE] / len(texts):.3f}"
    )


RESTATES = 0.6


def _print_stress(path: Path, claims: dict[str, str], queries: dict, relevant: dict) -> None:
    """Matching away from tweets, on texts written for the desk (bench/matching/stress.json):
    near misses, claims on a query's topic that differ in a number, person, place or outcome,
    put in the collection while the query's own claim is left out (any join is wrong); and
    news or debate sentences restating a collection claim, searched with their claim known
    (gold-accepted) and left out (wrong-accepted, near misses still in)."""
    from claims.text.matching import JOIN, PROPOSE, Index

    stress = json.loads(path.read_text(encoding="utf-8"))
    near = {f"near-miss {i}": row["claim"] for i, row in enumerate(stress["near_misses"])}
    sentences = [(row["text"], {row["claim"]}) for row in stress["sentences"]]
    tweets = [(queries[row["query"]], set(relevant[row["query"]])) for row in stress["near_misses"]]
    index = Index()  # its own weights, so that the lines above stay as they were
    index.sync([*claims.items(), *near.items()], weighed=[t for t, _ in sentences + tweets])
    # The collection holds some fact-checks twice in other words; a claim that close to
    # the gold one (RESTATES) is the same claim, left out with it.
    for _, gold in sentences + tweets:
        gold |= {
            claim
            for claim, score in index.search(claims[next(iter(gold))], limit=10)
            if claim in claims and score >= RESTATES
        }
    joined = sum(index.decide(t, exclude=frozenset(g)).band == JOIN for t, g in tweets)
    reached = sum(
        index.decide(t).band in (JOIN, PROPOSE) and index.decide(t).key in g for t, g in sentences
    )
    wrong = sum(index.decide(t, exclude=frozenset(g)).band == JOIN for t, g in sentences)
    print(
        f"stress: near-miss tweets wrong-accepted {joined}/{len(tweets)}; sentences "
        f"gold-accepted {reached}/{len(sentences)} wrong-accepted {wrong}/{len(sentences)}"
    )


def _print_sweep(pairs: list[tuple[float, float]]) -> None:
    """Shares accepted at each threshold, and the equal-error threshold: where as many
    gold pairs are refused as best-but-wrong claims are accepted."""
    print("threshold  gold-accepted  wrong-accepted")
    rows = []
    for step in range(100, 701, 5):
        threshold = step / 1000
        gold = sum(g >= threshold for g, _ in pairs) / len(pairs)
        wrong = sum(w >= threshold for _, w in pairs) / len(pairs)
        rows.append((threshold, gold, wrong))
        if step % 20 == 0:
            print(f"{threshold:9.3f}  {gold:13.3f}  {wrong:14.3f}")
    equal = min(rows, key=lambda row: abs((1 - row[1]) - row[2]))
    best = max(rows, key=lambda row: row[1] - row[2])
    print(f"equal error at {equal[0]:.3f}; widest gap (gold - wrong) at {best[0]:.3f}")


def add_matching(subcommands) -> None:
    parser = subcommands.add_parser(
        "matching", help="claim matching on CheckThat! 2020 Task 2 files: MAP@5, P@1, R@5"
    )
    parser.add_argument("--claims", type=Path, required=True, help="verified_claims.docs.tsv")
    parser.add_argument("--queries", type=Path, required=True, help="tweets.queries.tsv")
    parser.add_argument("--qrels", type=Path, required=True, help="tweet-vclaim-pairs.qrels")
    parser.add_argument("--min-map5", type=float, help="exit 1 when MAP@5 is below this")
    parser.add_argument(
        "--min-gold-accepted", type=float, help="exit 1 when gold-accepted is below this"
    )
    parser.add_argument(
        "--max-wrong-accepted", type=float, help="exit 1 when wrong-accepted is above this"
    )
    parser.add_argument(
        "--unmatched",
        type=Path,
        help="JSON list of sentences with no claim in the collection (ClaimBuster format: "
        "its check-worthy ones): also print the share joined outright (all wrong)",
    )
    parser.add_argument(
        "--stress",
        type=Path,
        help="bench/matching/stress.json (dev query ids, texts written for the desk): also "
        "print the wrong joins on near misses and on news sentences",
    )
    parser.add_argument(
        "--sweep",
        action="store_true",
        help="also print the shares accepted at each threshold (to choose one)",
    )
    parser.set_defaults(run=matching)


# --- checkworthy: ClaimBuster, CheckThat! tweets and debates ----------------------------


def checkworthy(args) -> int:
    """Precision, recall and F1 of the check-worthy class, and MAP of the desk's ranking."""
    setup_django()
    from claims.text.checkworthiness import checkworthiness_model
    from claims.text.extraction import assess

    try:
        text = Path(args.data).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.data}: cannot be read ({error})", file=sys.stderr)
        return 2
    try:
        rows = json.loads(text)
        items = [(str(row["text"]), int(row["label"]) == 1, row.get("group")) for row in rows]
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        print(f"{args.data}: not a ClaimBuster list of {{label, text}} ({error})", file=sys.stderr)
        return 2
    if not items:
        print(f"{args.data}: no sentences", file=sys.stderr)
        return 2
    checkworthiness_model()  # loaded once, outside the timing
    started = time.perf_counter()
    # Each item is one unit (a sentence, or a post whole), judged as the desk judges one.
    judged = [assess(text) for text, _, _ in items]
    elapsed = time.perf_counter() - started
    pairs = [(gold, said) for (_, gold, _), (said, _) in zip(items, judged, strict=True)]
    tp = sum(1 for gold, said in pairs if gold and said)
    fp = sum(1 for gold, said in pairs if not gold and said)
    fn = sum(1 for gold, said in pairs if gold and not said)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    rankings = defaultdict(list)  # group -> (score, gold) in the file's order
    for (_, gold, group), (_, score) in zip(items, judged, strict=True):
        rankings[group].append((score, gold))
    precisions = [ap for ap in map(ranked_precision, rankings.values()) if ap is not None]
    mean_ap = sum(precisions) / len(precisions) if precisions else 0.0
    positives = sum(1 for _, gold, _ in items if gold)
    print(
        f"{len(items)} sentences, {positives} check-worthy, {sum(s for s, _ in judged)} "
        f"predicted; {len(rankings)} ranked lists, {len(precisions)} with a check-worthy "
        f"item; {elapsed * 1000 / len(items):.1f} s per 1,000 sentences"
    )
    status = fail_below({"F1": f1, "MAP": mean_ap}, {"F1": args.min_f1, "MAP": args.min_map})
    print(f"precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f} MAP {mean_ap:.3f}")
    return status


# --- dates: publication dates read from article headers --------------------------------


def dates(args) -> int:
    """Publication dates read by ingestion from a JSON list of {"text", "date", "precision"}
    (optionally "collected_on"): right when date and precision are both as expected (no
    date when null), wrong when a date is given that is not the expected one."""
    setup_django()
    from articles.reading import ArticleHints, IngestError
    from articles.services import read_article

    try:
        rows = json.loads(Path(args.data).read_text(encoding="utf-8"))
        cases = [
            (row["text"], row.get("collected_on"), row["date"], row["precision"]) for row in rows
        ]
    except (OSError, UnicodeDecodeError, ValueError, TypeError, KeyError) as error:
        print(f"{args.data}: not a list of {{text, date, precision}} ({error})", file=sys.stderr)
        return 2
    right = wrong = 0
    for number, (text, collected, expected, precision) in enumerate(cases, start=1):
        try:
            read = read_article(
                text=text, hints=ArticleHints.from_dict({"collected_on": collected})
            )
        except IngestError as error:
            print(f"{number}: not read ({error})")
            continue
        found = read.fields["published_on"]
        got = (found.isoformat() if found else None, read.fields["date_precision"])
        if got == (expected, precision or "unknown"):
            right += 1
            continue
        wrong += found is not None
        if args.verbose:
            print(
                f"{number}: expected {expected} {precision}, got {got[0]} {got[1]} "
                f"({read.fields['date_phrase']!r})"
            )
    status = 0
    if args.min_right is not None and right < args.min_right:
        print(f"{right} right is below the floor {args.min_right}", file=sys.stderr)
        status = 1
    if args.max_wrong is not None and wrong > args.max_wrong:
        print(f"{wrong} wrong is above the ceiling {args.max_wrong}", file=sys.stderr)
        status = 1
    print(f"dates right {right}/{len(cases)} wrong {wrong}")
    return status


# --- sentences: boundaries -------------------------------------------------------------


def sentences(args) -> int:
    """How many texts of a {text, sentences} JSON list split_sentences cuts exactly as labelled."""
    setup_django()
    from claims.text.sentences import split_sentences

    try:
        rows = json.loads(Path(args.data).read_text(encoding="utf-8"))
        items = [
            (str(row["text"]), [str(s) for s in row["sentences"]], str(row.get("language", "")))
            for row in rows
        ]
    except (OSError, UnicodeDecodeError) as error:
        print(f"{args.data}: cannot be read ({error})", file=sys.stderr)
        return 2
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        print(f"{args.data}: not a list of {{text, sentences}} ({error})", file=sys.stderr)
        return 2
    if not items:
        print(f"{args.data}: no texts", file=sys.stderr)
        return 2
    exact = 0
    for number, (text, gold, language) in enumerate(items, 1):
        found = split_sentences(text, language)
        # Every piece must also be the exact slice of the text its offsets say.
        sliced = all(text[s.start : s.end] == s.text for s in found)
        expected = [s.strip() for s in gold if s.strip()]
        if sliced and [s.text.strip() for s in found] == expected:
            exact += 1
        elif args.verbose:
            print(f"#{number} expected {expected}")
            print(f"{' ' * len(str(number))}  found    {[s.text for s in found]}")
    print(f"sentences exact {exact}/{len(items)}")
    if args.min_exact is not None and exact < args.min_exact:
        print(f"{exact} exact is below the floor {args.min_exact}", file=sys.stderr)
        return 1
    return 0


def ranked_precision(scored: list[tuple[float, bool]]) -> float | None:
    """Average precision of one list ranked by score, highest first (ties keep the file's
    order): the precision at each check-worthy item's rank, averaged; None without one."""
    ranked = sorted(scored, key=lambda pair: -pair[0])
    hits, total = 0, 0.0
    for rank, (_, gold) in enumerate(ranked, start=1):
        if gold:
            hits += 1
            total += hits / rank
    return total / hits if hits else None


# --- command line -----------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    add_matching(commands)

    command = commands.add_parser("checkworthy", help=checkworthy.__doc__)
    command.add_argument("--data", required=True, help="ClaimBuster-format JSON list")
    command.add_argument("--min-f1", type=float, help="exit 1 if F1 is below this floor")
    command.add_argument("--min-map", type=float, help="exit 1 if MAP is below this floor")
    command.set_defaults(run=checkworthy)

    command = commands.add_parser("dates", help=dates.__doc__)
    command.add_argument("--data", required=True, help="JSON list of {text, date, precision}")
    command.add_argument("--min-right", type=int, help="exit 1 if fewer are right")
    command.add_argument("--max-wrong", type=int, help="exit 1 if more are wrong")
    command.add_argument("--verbose", action="store_true", help="list the misses")
    command.set_defaults(run=dates)

    command = commands.add_parser("sentences", help=sentences.__doc__)
    command.add_argument("--data", required=True, help="JSON list of {text, sentences}")
    command.add_argument("--min-exact", type=int, help="exit 1 if fewer texts are exact")
    command.add_argument("--verbose", action="store_true", help="show the texts cut otherwise")
    command.set_defaults(run=sentences)

    command = commands.add_parser(
        "events", help="event and claim grouping on a labelled corpus (see README)"
    )
    command.add_argument("--corpus", type=Path, help="folder with labels.json")
    command.add_argument(
        "--articles", type=Path, help="JSON lines of doc, title, body, url, gold event (ECB+)"
    )
    command.add_argument(
        "--order-seed", type=int, default=1, help="with --articles: the arrival order's seed"
    )
    command.add_argument("--min-b3-f1", type=float, help="with --articles: exit 1 below this")
    command.add_argument("--min-pairwise-f1", type=float, help="with --articles: exit 1 below this")
    command.add_argument("--min-event-f1", type=float, help="exit 1 below this pairwise F1")
    command.add_argument("--min-claim-f1", type=float, help="exit 1 below this B-cubed F1")
    command.add_argument(
        "--min-link-precision", type=float, help="exit 1 below this cross-language link precision"
    )
    command.add_argument(
        "--min-link-recall", type=float, help="exit 1 below this cross-language link recall"
    )
    command.add_argument("--verbose", action="store_true", help="list events and missed quotes")
    command.set_defaults(run=events)

    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
