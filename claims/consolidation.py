"""Line up what the articles of one event say: events, claims, variants, independence."""

import hashlib
import re
import threading
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from django.utils.text import slugify
from rapidfuzz import fuzz

from articles.dates import ABSOLUTE_RE, resolve_date
from articles.models import Article

from .extraction import Candidate, extract_claim_sentences, split_sentences
from .matching import CODE_RE, COMMON_ACRONYMS, Matcher, stem_set
from .models import Appearance, Claim, Event

# "the 10th China-Japan-ROK Foreign Ministers’ Meeting", "the 20th Beijing-Tokyo Forum"
NAMED_EVENT_RE = re.compile(
    r"\b\d+(?:st|nd|rd|th)\s+(?:[A-Z][\w’'–-]*\s+){1,6}?"
    r"(?:Meeting|Forum|Summit|Conference|Dialogue|Talks|Congress|Assembly)\b"
)
PLACE_RE = re.compile(
    r"\b(?:(?:held|took place|convened|hosted|opened)\s+in|"
    r"(?:Meeting|Forum|Summit|Conference|Talks)\s+in)\s+([A-Z][\w-]+)"
)
SHARED_CLAIMS_FOR_SAME_EVENT = 2
# Articles sharing this share of the shorter one's claims, in the same order, are paraphrases.
PARAPHRASE_SHARE = 0.5
PARAPHRASE_MIN_CLAIMS = 3
NEAR_COPY_RATIO = 90
NUMBER_VALUE_RE = re.compile(r"\$?\d[\d,.]*\d|\$?\d")
NAME_VARIANT_RATIO = 75
# Whether a report says a thing was done or only asked for ("announced" vs "called for").
STANCE_DONE_RE = re.compile(
    r"\b(?:announced?|pledged|unveiled|agreed|launched|signed|decided|committed)\b", re.I
)
STANCE_ASKED_RE = re.compile(
    r"\b(?:called for|calls for|urged|should|suggested|proposed|encouraged)\b", re.I
)


def describe_happening(body: str) -> tuple[str, str]:
    """The named event and the place an article reports on, as far as the text says."""
    named = NAMED_EVENT_RE.search(body)
    place = PLACE_RE.search(body)
    return (named.group(0) if named else "", place.group(1) if place else "")


def find_event(*, title: str, body: str, candidates: list[Candidate]) -> Event:
    """The existing event this article reports on, or a new one."""
    named, place = describe_happening(body)
    events = list(Event.objects.all())
    if place:
        for event in events:
            if event.place.lower() == place.lower():
                return event
    best, best_shared = None, 0
    if events and candidates:
        # Two queries for all events, rather than two per event.
        quotes: dict[int, dict[str, None]] = defaultdict(dict)  # distinct, in order
        told = Appearance.objects.order_by().values_list("claim__event_id", "quote")
        for event_id, quote in told:
            quotes[event_id][quote] = None
        bodies: dict[int, list[str]] = defaultdict(list)
        for event_id, event_body in Article.objects.order_by().values_list("event_id", "body"):
            bodies[event_id].append(event_body)
        for event in events:
            if not quotes[event.id]:
                continue  # nothing to share
            matcher = _matcher([*bodies[event.id], body])
            shared = sum(
                any(matcher.matches(c.text, q) for q in quotes[event.id]) for c in candidates
            )
            if shared > best_shared:
                best, best_shared = event, shared
    if best is not None and best_shared >= SHARED_CLAIMS_FOR_SAME_EVENT:
        return best
    event_title = named or title
    return Event.objects.create(
        title=event_title[:300], slug=_unique_slug(event_title), place=place
    )


def _unique_slug(title: str, exclude: int | None = None) -> str:
    base = slugify(title)[:180] or "event"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exclude(pk=exclude).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _matchable(text: str, speaker: str) -> str:
    return f"{speaker}: {text}" if speaker else text


def event_matcher(event: Event, extra_bodies: list[str]) -> Matcher:
    """Word weights from every sentence of the event's articles, so they stay stable."""
    return _matcher(list(event.articles.values_list("body", flat=True)) + extra_bodies)


def _matcher(bodies: list[str]) -> Matcher:
    """event_matcher's weights, from each body's counts (remembered per text)."""
    size, frequency = 0, Counter()
    for body in bodies:
        sentences, counts = _stem_counts(body)
        size += sentences
        frequency.update(counts)
    return Matcher.from_counts(size, frequency)


def _count_stems(body: str) -> tuple[int, dict[str, int]]:
    """How many sentences body has, and in how many of them each stem occurs."""
    sentences = split_sentences(body)
    return len(sentences), Counter(stem for s in sentences for stem in stem_set(s.text))


def attach_claims(*, article, candidates: list[Candidate]) -> None:
    """Each candidate sentence joins the event claim it restates, or becomes a new claim."""
    event = article.event
    # A quote told again scores as it did the first time, so only the first claim
    # holding each wording can win (the best is the first to reach the top score).
    known: dict[str, int] = {}
    for claim_id, quote, speaker in (
        Appearance.objects.filter(claim__event=event)
        .order_by("id")
        .values_list("claim_id", "quote", "speaker")
    ):
        known.setdefault(_matchable(quote, speaker), claim_id)
    matcher = event_matcher(event, [])
    appearances = []
    for candidate in candidates:
        text = _matchable(candidate.text, candidate.speaker)
        best_claim, best_score = None, 0.0
        for quote, claim_id in known.items():
            score = matcher.similarity(text, quote)
            if score > best_score:
                best_claim, best_score = claim_id, score
        if best_claim is None or not matcher.matches_score(best_score):
            best_claim = Claim.objects.create(event=event, text=candidate.text).id
            best_score = 1.0
        appearances.append(
            Appearance(
                claim_id=best_claim,
                article=article,
                quote=candidate.text,
                start=candidate.start,
                end=candidate.end,
                speaker=candidate.speaker,
                similarity=round(best_score, 3),
            )
        )
        known.setdefault(text, best_claim)
    Appearance.objects.bulk_create(appearances)


def detach_article(article) -> None:
    """Remove an article's reports; claims left with no report and no decision go too."""
    claim_ids = set(article.appearances.values_list("claim_id", flat=True))
    article.appearances.all().delete()
    Claim.objects.filter(
        pk__in=claim_ids, appearances__isnull=True, reviews__isnull=True, merged_claims__isnull=True
    ).delete()


def candidates_for(body: str) -> list[Candidate]:
    return extract_claim_sentences(body)


# What refresh_event recomputes and stores on each claim.
COUNTED_FIELDS = ("source_count", "independent_source_count", "variants", "has_variants")


def refresh_event(event: Event) -> None:
    """Recompute what depends on all of an event's articles at once."""
    articles = list(event.articles.defer("original_text").order_by("id"))
    _mark_copies(articles)
    told = _appearances_by_claim(event, articles)
    changed, fields = [], set()
    for claim in Claim.objects.filter(event=event).only("id", *COUNTED_FIELDS):
        before = [getattr(claim, field) for field in COUNTED_FIELDS]
        appearances = told.get(claim.id, [])
        _count_sources(claim, appearances)
        claim.variants = find_variants(appearances)
        claim.has_variants = bool(claim.variants)
        differ = [
            field
            for field, old in zip(COUNTED_FIELDS, before, strict=True)
            if getattr(claim, field) != old
        ]
        if differ:  # only what changed is written back
            changed.append(claim)
            fields.update(differ)
    if changed:
        Claim.objects.bulk_update(changed, [f for f in COUNTED_FIELDS if f in fields])
    _date_event(event, articles)
    _name_event(event, articles)


class _Told(NamedTuple):
    """What refresh_event needs of an appearance."""

    article_id: int
    quote: str
    article: Article


def _appearances_by_claim(event: Event, articles: list) -> dict[int, list[_Told]]:
    """The appearances of the event's claims, each with its article (one query)."""
    loaded = {a.id: a for a in articles}
    rows = list(
        Appearance.objects.filter(claim__event=event)
        .order_by("claim_id", "article_id", "start")
        .values_list("claim_id", "article_id", "quote")
    )
    missing = {article_id for _, article_id, _ in rows if article_id not in loaded}
    if missing:  # a claim of this event quoted in an article filed under another event
        loaded.update(Article.objects.defer("original_text").in_bulk(missing))
    told: dict[int, list[_Told]] = defaultdict(list)
    for claim_id, article_id, quote in rows:
        told[claim_id].append(_Told(article_id, quote, loaded[article_id]))
    return told


def _mark_copies(articles) -> None:
    claim_sequences: dict[int, list[int]] = {a.id: [] for a in articles}
    for article_id, claim_id in (
        Appearance.objects.filter(article__event_id__in={a.event_id for a in articles})
        .order_by("article_id", "start")
        .values_list("article_id", "claim_id")
    ):
        if article_id in claim_sequences:
            claim_sequences[article_id].append(claim_id)
    root = {a.id: a.id for a in articles}

    def find(i):
        while root[i] != i:
            root[i] = root[root[i]]  # path halving keeps the trees flat
            i = root[i]
        return i

    digests = {a.id: _digest(a.body) for a in articles}
    for i, first in enumerate(articles):
        for second in articles[i + 1 :]:
            # Already in one copy group: comparing them cannot change the groups, and
            # skipping keeps a big event of copies from costing every pair on every ingest.
            if find(first.id) == find(second.id):
                continue
            if _are_copies(
                digests[first.id],
                digests[second.id],
                first,
                second,
                claim_sequences[first.id],
                claim_sequences[second.id],
            ):
                a, b = find(first.id), find(second.id)
                root[max(a, b)] = min(a, b)
    for article in articles:
        top = find(article.id)
        copy_of_id = None if top == article.id else top
        if article.copy_of_id != copy_of_id:
            article.copy_of_id = copy_of_id
            article.save(update_fields=["copy_of"])


def are_copies(first, second, first_claims: list[int], second_claims: list[int]) -> bool:
    if fuzz.ratio(first.body, second.body) >= NEAR_COPY_RATIO:
        return True
    return _paraphrased(tuple(first_claims), tuple(second_claims))


def _are_copies(first_digest, second_digest, first, second, first_claims, second_claims) -> bool:
    """are_copies, remembering which pairs of texts are near-identical."""
    if _near_copies(first_digest, second_digest, first.body, second.body):
        return True
    return _paraphrased(tuple(first_claims), tuple(second_claims))


def _near_copies(first_digest: bytes, second_digest: bytes, first: str, second: str) -> bool:
    key = first_digest + second_digest
    known = _near_copy_pairs.get(key)
    if known is None:
        # Documented: the ratio when it reaches score_cutoff, else 0; the same test, faster.
        known = fuzz.ratio(first, second, score_cutoff=NEAR_COPY_RATIO) >= NEAR_COPY_RATIO
        _near_copy_pairs.put(key, known)
    return known


@lru_cache(maxsize=1 << 13)
def _paraphrased(first_claims: tuple[int, ...], second_claims: tuple[int, ...]) -> bool:
    shorter = min(len(set(first_claims)), len(set(second_claims)))
    if shorter < PARAPHRASE_MIN_CLAIMS:
        return False
    # Shared claims told in the same order: the structure of one article reworded.
    in_order = _common_subsequence(_dedupe(first_claims), _dedupe(second_claims))
    return in_order >= PARAPHRASE_MIN_CLAIMS and in_order / shorter >= PARAPHRASE_SHARE


def _dedupe(sequence: list[int]) -> list[int]:
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


def _count_sources(claim: Claim, appearances: list[_Told]) -> None:
    """Outlets reporting the claim, and how many of them are independent of each other.

    An article whose outlet is unidentified counts as an outlet of its own. Outlets
    linked by a copied or paraphrased article count once as independent sources.
    """
    outlets: dict[str, set[int]] = defaultdict(set)
    for appearance in appearances:
        article = appearance.article
        key = f"source:{article.source_id}" if article.source_id else f"article:{article.id}"
        outlets[key].add(article.independence_root_id)
    groups: list[set[int]] = []
    for roots in outlets.values():
        touching = [g for g in groups if g & roots]
        merged = set(roots).union(*touching)
        groups = [g for g in groups if not g & roots] + [merged]
    claim.source_count = len(outlets)
    claim.independent_source_count = len(groups)


def _stance(quote: str) -> set[str]:
    if STANCE_ASKED_RE.search(quote):
        return {"called for"}
    return {"announced"} if STANCE_DONE_RE.search(quote) else set()


@lru_cache(maxsize=1 << 13)
def _values(quote: str) -> dict[str, frozenset[str]]:
    return {
        "stance": frozenset(_stance(quote)),
        "number": frozenset(NUMBER_VALUE_RE.findall(quote)),
        "code": frozenset(c for c in CODE_RE.findall(quote) if c not in COMMON_ACRONYMS),
        "date": frozenset(m.group(0) for m in ABSOLUTE_RE.finditer(quote)),
    }


def find_variants(appearances: list[Appearance]) -> list[dict]:
    """Values (numbers, dates, codes, stance) on which reports of one claim disagree."""
    variants = []
    extracted = [(a.article_id, _values(a.quote)) for a in appearances]
    for kind in ("number", "code", "date", "stance"):
        holders: dict[str, set[int]] = defaultdict(set)
        # Reports giving the same values cannot disagree with each other, so each
        # distinct set of values is compared once, with the articles that give it.
        givers: dict[frozenset[str], set[int]] = defaultdict(set)
        for article_id, values in extracted:
            for value in values[kind]:
                holders[value].add(article_id)
            givers[values[kind]].add(article_id)
        conflicting = set()
        for first_values, first_articles in givers.items():
            for second_values, second_articles in givers.items():
                if first_values == second_values or not _two_articles(
                    first_articles, second_articles
                ):
                    continue
                only_first = first_values - second_values
                only_second = second_values - first_values
                for x in only_first:
                    for y in only_second:
                        if kind != "code" or fuzz.ratio(x, y) >= NAME_VARIANT_RATIO:
                            conflicting.update({x, y})
        if conflicting:
            variants.append(
                {
                    "kind": kind,
                    "values": {v: sorted(holders[v]) for v in sorted(conflicting)},
                }
            )
    return variants


def _two_articles(first: set[int], second: set[int]) -> bool:
    """Whether one article of first and another article of second can be told apart."""
    return len(first) > 1 or len(second) > 1 or first != second


def _date_event(event: Event, articles) -> None:
    """Date the event from what its articles say, never later than its first dated report."""
    known = [a.published_on for a in articles if a.published_on]
    reference: date | None = min(known) if known else None
    start = end = None
    for article in articles:
        for phrase in _leading_date_phrases(article.body):
            if not phrase:
                continue
            resolved = resolve_date(phrase, reference or article.published_on)
            if resolved.precision == "day":
                start = resolved.value
                range_end = re.search(r"(?:to|-|–)\s*(\d{1,2})\b", phrase)
                if range_end and int(range_end.group(1)) >= start.day:
                    end = start.replace(day=int(range_end.group(1)))
                break
        if start:
            break
    if (start, end) != (event.starts_on, event.ends_on):
        event.starts_on, event.ends_on = start, end
        event.save(update_fields=["starts_on", "ends_on"])


def _first_dates(body: str) -> tuple[str, ...]:
    """The first date phrase of each of the first five claim sentences ('' for none)."""
    phrases = []
    for sentence in extract_claim_sentences(body)[:5]:
        match = ABSOLUTE_RE.search(sentence.text)
        phrases.append(match.group(0) if match else "")
    return tuple(phrases)


def _name_event(event: Event, articles) -> None:
    """Prefer the happening's own name ("10th ... Meeting") over a headline, once known."""
    named = place = ""
    for article in articles:
        article_named, article_place = _happening(article.body)
        named, place = named or article_named, place or article_place
    changed = []
    if named and event.title != named[:300]:
        event.title = named[:300]
        changed.append("title")
        if not event.is_published:  # a published event keeps its URL
            event.slug = _unique_slug(named, exclude=event.pk)
            changed.append("slug")
    if place and not event.place:
        event.place = place
        changed.append("place")
    if changed:
        event.save(update_fields=changed)


# What ingestion works out from an article's text alone is remembered by the text's
# digest, since every refresh of an event goes over all of its articles again.
def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


class _Memo:
    """A bounded, thread-safe memo that forgets the least recently used entry first."""

    def __init__(self, size: int):
        self.size = size
        self.known: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, default=None):
        with self.lock:
            if key not in self.known:
                return default
            self.known.move_to_end(key)
            return self.known[key]

    def put(self, key, value) -> None:
        with self.lock:
            self.known[key] = value
            if len(self.known) > self.size:
                self.known.popitem(last=False)


class _TextMemo(_Memo):
    """function(text), remembered by the text's digest rather than the text itself."""

    def __init__(self, function: Callable, size: int = 1024):
        super().__init__(size)
        self.function = function

    def __call__(self, text: str):
        key = _digest(text)
        value = self.get(key, _MISSING)
        if value is _MISSING:
            value = self.function(text)
            self.put(key, value)
        return value


_MISSING = object()
_stem_counts = _TextMemo(_count_stems)
_happening = _TextMemo(describe_happening)
_leading_date_phrases = _TextMemo(_first_dates)
_near_copy_pairs = _Memo(1 << 15)  # digest of both texts -> near-identical?
