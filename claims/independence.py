"""Independence: which articles copy one another, and how many outlets independently report a claim.

Two articles of one event are copies when their texts are nearly identical (an Indel
ratio of 90 or more), or when they tell at least half of the shorter one's claims, three
or more, in the same order (a paraphrase). Copies form groups; a group's earliest article
is the original, and `Article.copy_of` of every other member points at it.

A new article is compared only with the few articles that an index proposes, never with
the whole event: for near-identical text, the articles sharing a quarter of its MinHash
sketch (stored in ArticleSketch); for paraphrase, those reporting three of its claims.
Both are looked for among the event's latest RECENT_REPORTS reports only, so one more
report costs the same in an event of forty reports or of four thousand.
"""

import hashlib
import heapq
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from django.db.models import Count, Q
from rapidfuzz import fuzz

from articles.models import Article

from .models import Appearance, ArticleSketch

NEAR_COPY_RATIO = 90
# Articles sharing this share of the shorter one's claims, in the same order, are paraphrases.
PARAPHRASE_SHARE = 0.5
PARAPHRASE_MIN_CLAIMS = 3
# A bottom-k MinHash sketch: the SKETCH_SIZE smallest hashes of a text's word shingles.
SKETCH_SIZE = 64
SHINGLE_WORDS = 3
# Near-identical texts share most of their sketches; texts that merely tell the same story
# in their own words share a few values. A quarter keeps every near copy as a candidate.
SKETCH_SHARE_FOR_CANDIDATE = 0.25
WORD_RE = re.compile(r"\w+")
# A copy or a rewrite follows what it copies closely (the same wire story, the same day),
# so a new report looks for what it copies among its event's latest reports. One link to
# a copy group is enough, and a big group is found through its recent members.
RECENT_REPORTS = 100


class Report(NamedTuple):
    """One appearance as source counting and variants need it."""

    article_id: int
    quote: str
    source_id: int | None
    root: int  # the original of the article's copy group (the article itself if none)


# --- the index -------------------------------------------------------------------------


def sketch(text: str) -> list[int]:
    """The text's MinHash sketch: the smallest hashes of its three-word shingles."""
    words = WORD_RE.findall(text.lower())
    if not words:
        return []
    last = max(len(words) - SHINGLE_WORDS + 1, 1)
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(last)}
    return heapq.nsmallest(SKETCH_SIZE, map(_hash, shingles))


def _hash(shingle: str) -> int:
    # A stable hash (Python's own changes between processes), signed to fit a BigIntegerField.
    digest = hashlib.blake2b(shingle.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _enough_shared(size: int) -> int:
    """How many values a candidate near copy must share with a sketch of this size."""
    return max(1, math.ceil(SKETCH_SHARE_FOR_CANDIDATE * size))


def _store_sketches(sketches: dict[int, list[int]]) -> None:
    ArticleSketch.objects.bulk_create(
        [
            ArticleSketch(article_id=article_id, value=value)
            for article_id, values in sketches.items()
            for value in values
        ],
        ignore_conflicts=True,  # a sketch stored twice is the same sketch
    )


# --- deciding that two articles are copies ---------------------------------------------


def _near_copies(first: str, second: str) -> bool:
    # Documented: the ratio when it reaches score_cutoff, else 0; the same test, faster.
    return fuzz.ratio(first, second, score_cutoff=NEAR_COPY_RATIO) >= NEAR_COPY_RATIO


def _paraphrased(first_claims: Sequence[int], second_claims: Sequence[int]) -> bool:
    first, second = _dedupe(first_claims), _dedupe(second_claims)
    shorter = min(len(first), len(second))
    if shorter < PARAPHRASE_MIN_CLAIMS:
        return False
    if len(set(first) & set(second)) < max(PARAPHRASE_MIN_CLAIMS, PARAPHRASE_SHARE * shorter):
        return False  # too few shared claims, whatever their order
    # Shared claims told in the same order: the structure of one article reworded.
    in_order = _common_subsequence(first, second)
    return in_order >= PARAPHRASE_MIN_CLAIMS and in_order / shorter >= PARAPHRASE_SHARE


def _dedupe(sequence: Sequence[int]) -> list[int]:
    seen: set[int] = set()
    return [x for x in sequence if not (x in seen or seen.add(x))]


def _common_subsequence(a: list[int], b: list[int]) -> int:
    previous = [0] * (len(b) + 1)
    for x in a:
        current = [0]
        for j, y in enumerate(b):
            current.append(previous[j] + 1 if x == y else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


class _Candidates:
    """The articles an index proposes as copies of one article, and what checking needs."""

    def __init__(self):
        self.root: dict[int, int] = {}
        self.near: set[int] = set()  # proposed by the sketch: compare the texts
        self.shared: Counter[int] = Counter()  # proposed by shared claims: compare their order

    def in_checking_order(self) -> list[list[int]]:
        """First the likeliest copy in each group, then the rest of the groups' members.

        One link to a group is enough, so most members of a big group are never compared.
        """
        ranked = sorted(self.root, key=lambda a: (-self.shared[a], a not in self.near, a))
        first: dict[int, int] = {}
        for other in ranked:
            first.setdefault(self.root[other], other)
        leaders = set(first.values())
        return [list(first.values()), [a for a in ranked if a not in leaders]]


def _linked_roots(candidates: _Candidates, body: str, claims: Sequence[int], load) -> set[int]:
    """The copy groups (by root) that an article belongs to, given its candidates.

    load(near, paraphrase) gives the bodies and claim sequences of those candidates.
    """
    linked: set[int] = set()
    for stage in candidates.in_checking_order():
        pending = [a for a in stage if candidates.root[a] not in linked]
        if not pending:
            continue
        bodies, sequences = load(
            [a for a in pending if a in candidates.near],
            [a for a in pending if a in candidates.shared],
        )
        for other in pending:
            root = candidates.root[other]
            if root in linked:
                continue  # already in that group: another link changes nothing
            if (other in sequences and _paraphrased(claims, sequences[other])) or (
                other in bodies and _near_copies(body, bodies[other])
            ):
                linked.add(root)
    return linked


# --- one new article -------------------------------------------------------------------


def join_copy_group(article: Article, claims: list[int]) -> list[int]:
    """Put an article just attached to its event into the copy group of what it copies.

    claims are the article's claims in the order it tells them. Returns the other
    articles whose group changed: those of groups the article linked together, which
    now share the earliest group's original.
    """
    values = sketch(article.body)
    _store_sketches({article.id: values})
    recent = dict(  # the event's latest reports, each with its group's original
        Article.objects.filter(event_id=article.event_id, held_for_review=False)
        .exclude(pk=article.pk)
        .order_by("-pk")
        .values_list("id", "copy_of_id")[:RECENT_REPORTS]
    )
    if not recent:
        return []
    # Read from the (claim, article) and (value, article) indexes from the window's first
    # report on: as many rows in an event of thousands of reports as in one of a hundred.
    since = min(recent)
    telling: Counter[int] = Counter()  # other article -> claims it shares with this one
    if len(set(claims)) >= PARAPHRASE_MIN_CLAIMS:
        pairs = (
            Appearance.objects.filter(claim_id__in=set(claims), article_id__gte=since)
            .values_list("article_id", "claim_id")
            .distinct()
            .order_by()
        )
        telling.update(other for other, _ in pairs if other in recent)
    near = [  # reports holding a quarter of this one's sketch
        other
        for other, shared in ArticleSketch.objects.filter(value__in=values, article_id__gte=since)
        .values("article_id")
        .annotate(shared=Count("pk"))
        .order_by()
        .values_list("article_id", "shared")
        if shared >= _enough_shared(len(values)) and other in recent
    ]
    candidates = _Candidates()
    candidates.near = set(near)
    candidates.shared = Counter(
        {other: n for other, n in telling.items() if n >= PARAPHRASE_MIN_CLAIMS}
    )
    for other in candidates.near | set(candidates.shared):
        candidates.root[other] = recent[other] or other

    def load(near: list[int], paraphrase: list[int]):
        bodies = dict(Article.objects.filter(pk__in=near).values_list("id", "body")) if near else {}
        sequences = (
            _claim_sequences(Appearance.objects.filter(article_id__in=paraphrase))
            if paraphrase
            else {}
        )
        return bodies, sequences

    linked = _linked_roots(candidates, article.body, claims, load)
    if not linked:
        return []
    original, *absorbed = sorted(linked)
    Article.objects.filter(pk=article.pk).update(copy_of_id=original)
    article.copy_of_id = original
    if not absorbed:
        return []
    moved = list(
        Article.objects.filter(Q(pk__in=absorbed) | Q(copy_of_id__in=absorbed)).values_list(
            "id", flat=True
        )
    )
    Article.objects.filter(pk__in=moved).update(copy_of_id=original)
    return moved


def _claim_sequences(appearances) -> dict[int, list[int]]:
    """Each article's claims in the order it tells them."""
    sequences: dict[int, list[int]] = defaultdict(list)
    for article_id, claim_id in appearances.order_by("article_id", "start").values_list(
        "article_id", "claim_id"
    ):
        sequences[article_id].append(claim_id)
    return sequences


# --- a whole event ---------------------------------------------------------------------


def regroup(articles: list[Article], sequences: dict[int, list[int]]) -> dict[int, int]:
    """Work out the copy groups of one event's articles (in id order) from scratch.

    Each article is checked against the earlier ones the index proposes, as if the
    articles were ingested again in order. Stores what changed and returns each
    article's root.
    """
    sketches: dict[int, list[int]] = defaultdict(list)
    for article_id, value in ArticleSketch.objects.filter(
        article_id__in=[a.id for a in articles]
    ).values_list("article_id", "value"):
        sketches[article_id].append(value)
    missing = {a.id: sketch(a.body) for a in articles if a.id not in sketches}
    if any(missing.values()):  # stored before sketches were kept, or created by hand
        _store_sketches(missing)
    sketches.update(missing)

    roots: dict[int, int] = {}
    bodies = {a.id: a.body for a in articles}
    holding_value: dict[int, list[int]] = defaultdict(list)
    telling_claim: dict[int, list[int]] = defaultdict(list)
    for position, article in enumerate(articles):
        values, claims = sketches[article.id], sequences.get(article.id, [])
        candidates = _Candidates()
        # As join_copy_group: only the latest reports before this one are candidates.
        recent = {a.id for a in articles[max(0, position - RECENT_REPORTS) : position]}
        near, shared = Counter(), Counter()
        for value in values:
            near.update(holding_value[value])  # counted in C, not one by one
        for claim in set(claims):
            shared.update(telling_claim[claim])
        near = Counter({other: n for other, n in near.items() if other in recent})
        shared = Counter({other: n for other, n in shared.items() if other in recent})
        enough = _enough_shared(len(values))
        candidates.near = {other for other, n in near.items() if n >= enough}
        candidates.shared = Counter(
            {other: n for other, n in shared.items() if n >= PARAPHRASE_MIN_CLAIMS}
        )
        candidates.root = {o: roots[o] for o in candidates.near | set(candidates.shared)}
        linked = _linked_roots(
            candidates,
            article.body,
            claims,
            lambda near, paraphrase: (
                {a: bodies[a] for a in near},
                {a: sequences.get(a, []) for a in paraphrase},
            ),
        )
        original = min(linked, default=article.id)
        roots[article.id] = original
        if len(linked) > 1:  # this article joins groups: theirs take the earliest original
            for other, root in roots.items():
                if root in linked:
                    roots[other] = original
        for value in values:
            holding_value[value].append(article.id)
        for claim in set(claims):
            telling_claim[claim].append(article.id)

    changed = []
    for article in articles:
        copy_of_id = None if roots[article.id] == article.id else roots[article.id]
        if article.copy_of_id != copy_of_id:
            article.copy_of_id = copy_of_id
            changed.append(article)
    if changed:
        Article.objects.bulk_update(changed, ["copy_of"])
    return roots


# --- counting ----------------------------------------------------------------------------


def outlet_key(report: Report) -> str:
    """An outlet, or an article whose outlet is unidentified (it counts as an outlet of its own)."""
    return f"s{report.source_id}" if report.source_id else f"a{report.article_id}"


def count_outlets(outlets: dict[str, Iterable[int]]) -> tuple[int, int]:
    """Outlets reporting a claim (each with its articles' copy groups), and how many of them
    are independent of each other: outlets linked by a copied or paraphrased article
    count once."""
    parent = {key: key for key in outlets}

    def find(key: str) -> str:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    holder: dict[int, str] = {}  # a copy group -> an outlet that reported it
    for key, roots in outlets.items():
        for root in roots:
            first, second = find(holder.setdefault(root, key)), find(key)
            if first != second:
                parent[max(first, second)] = min(first, second)
    return len(outlets), sum(1 for key in parent if find(key) == key)
