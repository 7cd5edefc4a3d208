"""Decide which known claim a sentence restates: retrieve candidates, then verify them.

Each text is cleaned the same way whether it comes from a tweet or a news page (links
dropped, @handles and #hashtags split into their words, a tweet's trailing
"(@handle) date" signature dropped) and described three ways:

- its word stems, case folded, so that the words of an ALL-CAPS headline are words;
- the character n-grams of its words, which catch spellings and compounds that
  stemming misses ("Eastwood's", "wildfire"/"wild fires");
- its values: numbers and codes (LUNA), also compared on their own. A number weighs
  as "a number" whatever its value, so that two reports differing only in a number
  still match (the claim then shows the numbers as variants); a code stays a word
  too, since it often names what the claim is about ("FBI"). A value both texts give
  adds a little, and a code matches the initials of a capitalised name ("FTA",
  "Free Trade Agreement").

Words and n-grams are weighted by TF-IDF. Document frequencies are counted over the
texts the matcher is built from (the event's reports and the new article's sentences
during ingestion, the claim collection in bench/quality.py), so the weights come from
the desk's own growing corpus rather than a word list. Similarity mixes the cosines of
the two descriptions and, when FACTDESK_SEMANTIC_MATCHING is on, a sentence
embedding's cosine (claims.text.semantic).

An Index holds the known wordings of claims: a query retrieves candidates through an
inverted index over word stems and the rarer n-grams, then each candidate is scored in
full. Index.decide says what to do with the best one: join it outright when matching is
sure (MATCH_THRESHOLD reached, well ahead of the next claim (JOIN_RATIO), words in common, no
other actor), propose it to editors when it is only close, else nothing (a new claim).
"""

import heapq
import itertools
import math
import operator
import re
import threading
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from contextlib import contextmanager
from functools import lru_cache
from typing import NamedTuple

import languages

from .speakers import TITLES
from .stemming import stem as _stem_word

# The score from which the best claim may be the same claim: below it a sentence is a
# new claim. Chosen on the CheckThat! 2020 train split (`bench/quality.py matching
# --sweep`): the equal-error score, where as many true pairs are refused (31%) as queries
# have their best wrong claim at or above it (31%).
MATCH_THRESHOLD = 0.315
# A sentence joins its best claim outright only when that claim also stands out from the
# next claim worded otherwise; else the match is proposed to editors. A score alone says
# little across domains (a debate's sentences reach the threshold with a wrong claim twice
# as often as tweets do); a claim that stands out from the others says the sentence
# restates it and no other. The lead is measured without a score scale: the next claim's
# score as a share of the best's. Joining outright needs it at most JOIN_RATIO; a claim
# below the threshold is still proposed when the next is at most PROPOSE_RATIO of it (it
# stands out of a field of claims) and JOIN_SHARED_WORDS stems are common. Both chosen on
# the CheckThat! 2020 train split (`bench/quality.py matching`, docs/_matching.md): 0.75
# joins as many gold claims as the former absolute margin of 0.1 did (58% of tweets, 4.8%
# with a wrong claim when theirs is unknown); 0.9 shows editors the gold claim for 78% of
# tweets, against 67% with the threshold alone.
JOIN_RATIO = 0.75
PROPOSE_RATIO = 0.9
# A lead over the others says something only when there are others: with fewer candidates
# than this (a young event) the threshold alone decides.
FIELD = 5
# And shares at least this many word stems with it (numbers aside): one rare word in
# common ("He could have been a whistleblower.") singles a claim out without saying the
# same thing. Texts in CJK scripts (no spaces, or Korean words carrying their particles)
# are left to n-grams.
JOIN_SHARED_WORDS = 2
JOIN, PROPOSE, NEW = "join", "propose", "new"
# A sentence that lists several statements ("…said the three should keep ties, resume FTA
# talks soon, and …") is close to each claim it lists; its parts are matched alone too.
CLAUSE_RE = re.compile(r"[,;:]\s+(?:(?:and|but|or)\s+)?")
CLAUSE_WORDS = 4
# Share of the lexical score that comes from word stems; the rest from n-grams.
WORD_SHARE = 0.5
# Added, times the share of values both texts give, to a pair's score.
VALUE_BONUS = 0.1
GRAM_SIZES = (3, 4)
# How many candidates a query retrieves before each is scored in full.
RETRIEVE = 100
# A wording is looked up by its word stems and this many of its rarest n-grams.
RETRIEVAL_GRAMS = 30

# English function words (languages.en). Claims are matched with English's stopwords and
# stems whatever their language: an event's claims mix the languages of its reports, and
# one stemmer keeps any two wordings' stems comparable (stemming each text by a guess at
# its language would give one word two stems); the character n-grams, half the lexical
# score, carry the endings of other languages' words.
STOPWORDS = languages.english().stopwords

URL_RE = re.compile(
    r"(?:https?://|www\.|pic\.twitter\.com/)\S+"
    r"|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|edu|co|io|ly|me|uk|de|fr)/\S*",
    re.IGNORECASE,
)
# An embedded tweet ends "— Name (@handle) Month D, YYYY": the name is kept.
SIGNATURE_RE = re.compile(r"\(@\w+\)\s*[A-Z][a-z]+\.? \d{1,2}, \d{4}\s*$")
TAG_RE = re.compile(r"[@#](\w+)")
# Word boundaries inside a tag: "AustralianFires", "DefundTheCBC", "Covid19".
CAMEL_RE = re.compile(
    r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=\d)|(?<=\d)(?=[A-Za-z])"
)
# Abbreviations with dots ("U.S."), then words (with inner apostrophes or number marks).
WORD_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+(?:[.,'’][^\W_]+)*")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
# A code or ticker: an all-capital word of two to six letters, maybe with digits.
CODE_RE = re.compile(r"\b[A-Z][A-Z0-9]{1,5}\b")
# Capitalised words in a row ("Free Trade Agreement", "Department of Homeland Security").
NAME_RUN_RE = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:(?:of|and|for|the)\s+)?[A-Z][\w’'-]*)+")
NUMBER_TOKEN = "#number"
# What may stand before a sentence's first word (whose capital says nothing of a name).
SENTENCE_OPENERS = frozenset(".!?:;\n\"“‘'(—–-")


class Decision(NamedTuple):
    """What to do with a sentence: join key outright, propose key to editors, or neither."""

    band: str  # JOIN, PROPOSE or NEW
    key: Hashable | None  # the best claim (None when nothing was found)
    score: float
    margin: float  # the score's lead over the next claim worded otherwise


class Profile(NamedTuple):
    """What similarity needs of a text, worked out once per text."""

    words: dict[str, int]  # stem (or value kind) -> occurrences
    grams: dict[str, int]  # character n-gram -> occurrences
    values: frozenset[str]  # numbers and codes as written (normalised)
    aliases: frozenset[str]  # initials of capitalised names, which codes may match
    names: frozenset[str]  # stems of capitalised words inside a sentence (who, where)


def clean(text: str) -> str:
    """The text without links and tweet furniture, with tags split into words."""
    text = unicodedata.normalize("NFKC", text)
    text = URL_RE.sub(" ", text)
    text = SIGNATURE_RE.sub(" ", text)
    return TAG_RE.sub(lambda m: f" {CAMEL_RE.sub(' ', m.group(1))} ", text)


class _Described(NamedTuple):
    """A text's profile and what extending it by another line needs to know."""

    profile: Profile
    letters: int
    capitals: int
    aliases: frozenset[str]  # before shouting is taken into account
    names: frozenset[str]  # likewise
    first: str  # the first token ("" when none)
    last: str  # the last token
    end: str  # the last character that is not a space ("" when none)
    signed: bool  # a tweet signature was dropped from its end


def profile(text: str) -> Profile:
    described = _extended.get(text)
    if described is None:
        described = _describe(text)
    return described.profile


# Enough for the benchmark's claims and tweets; a web worker keeps at most this many.
@lru_cache(maxsize=1 << 14)
def _describe(text: str) -> _Described:
    linkless = URL_RE.sub(" ", unicodedata.normalize("NFKC", text))
    signed = SIGNATURE_RE.search(linkless) is not None
    text = clean(text)
    tokens = list(_tokens(text))
    words: Counter[str] = Counter()
    grams: Counter[str] = Counter()
    values = set()
    for i, token in enumerate(tokens):
        if token[0].isdigit() and NUMBER_RE.fullmatch(token):
            number = token.replace(",", "")
            values.add(number)
            words[NUMBER_TOKEN] += 1
            continue
        if _is_code(tokens, i):
            # Kept as a word too: a code names what the claim is about ("FBI"), and
            # CheckThat! train and dev both lose when codes are masked like numbers.
            values.add(token)
        if token.endswith("."):  # an abbreviation: "U.S." is not the pronoun "us"
            word = token.replace(".", "").lower()
        else:
            word = token.lower().replace("’", "'").removesuffix("'s").replace("'", "")
            if word in STOPWORDS:
                continue
        if len(word) > 1 or word.isdigit():
            words[_stem(word)] += 1
        _add_grams(grams, word)
    capitals = [c.isupper() for c in text if c.isalpha()]
    letters, capitals = len(capitals), sum(capitals)
    aliases, names = _initials(text), _names(text)
    stripped = text.rstrip()
    return _Described(
        _profile(dict(words), dict(grams), frozenset(values), aliases, names, letters, capitals),
        letters,
        capitals,
        aliases,
        names,
        tokens[0] if tokens else "",
        tokens[-1] if tokens else "",
        stripped[-1:],
        signed,
    )


def _profile(words, grams, values, aliases, names, letters, capitals) -> Profile:
    """An ALL-CAPS text names no one: its capitals say nothing of names or initials."""
    if capitals > 0.6 * letters:
        aliases = names = frozenset()
    return Profile(words, grams, values, aliases, names)


# Claim documents extended a line at a time (extended()), newest last; an index forgets
# a document once it has replaced it with a longer one.
_extended: dict[str, _Described] = {}
_extended_lock = threading.Lock()  # event indexes are updated in several threads
EXTENDED_KEPT = 1 << 12
# A line may end a document's last name run or sentence only after one of these.
_LINE_ENDS = SENTENCE_OPENERS - {"'", "-"}


def extended(document: str, line: str) -> str:
    """document + "\n" + line, its profile merged from the two texts' profiles when nothing
    at the seam can change (the same profile as the whole text's, without reading
    document again); else it is left to profile()."""
    extended = f"{document}\n{line}"
    if extended in _extended:
        return extended
    old, new = _described(document), _described(line)
    if not _seamless(old, new):
        return extended
    words, grams = dict(old.profile.words), dict(old.profile.grams)
    for merged, added in ((words, new.profile.words), (grams, new.profile.grams)):
        for term, count in added.items():
            merged[term] = merged.get(term, 0) + count
    letters, capitals = old.letters + new.letters, old.capitals + new.capitals
    aliases, names = old.aliases | new.aliases, old.names | new.names
    values = old.profile.values | new.profile.values
    described = _Described(
        _profile(words, grams, values, aliases, names, letters, capitals),
        letters,
        capitals,
        aliases,
        names,
        old.first,
        new.last,
        new.end,
        new.signed,
    )
    with _extended_lock:
        _extended[extended] = described
        while len(_extended) > EXTENDED_KEPT:
            _extended.pop(next(iter(_extended)), None)
    return extended


def _described(text: str) -> _Described:
    return _extended.get(text) or _describe(text)


def seamless(document: str, line: str) -> bool:
    """Whether extended(document, line) is described as its two parts are."""
    return _seamless(_described(document), _described(line))


def _seamless(old: _Described, new: _Described) -> bool:
    return not (
        old.signed  # a signature is only dropped from a text's very end
        or not old.last
        or not new.first
        or _shouty(old.last)  # a code is a capital word whose neighbours are not
        or _shouty(new.first)
        or old.end not in _LINE_ENDS  # a name run or a sentence would go on
    )


def _shouty(token: str) -> bool:
    return len(token) > 1 and token.isupper()


def _names(text: str) -> frozenset[str]:
    """Stems of the capitalised words that do not open a sentence: the people, places and
    bodies a text is about. Codes are left to values (LUNA and LUNC are variants)."""
    found = set()
    for match in WORD_RE.finditer(text):
        token = match.group(0)
        if not token[:1].isupper() or token.isupper() or token.endswith("."):
            continue
        before = text[: match.start()].rstrip()
        if not before or before[-1] in SENTENCE_OPENERS:
            continue
        word = token.lower().replace("’", "'").removesuffix("'s").replace("'", "")
        if word not in STOPWORDS and len(word) > 1 and not word[0].isdigit():
            found.add(_stem(word))
    return frozenset(found)


def _add_grams(grams: Counter[str], word: str) -> None:
    padded = f" {word} "
    for size in GRAM_SIZES:  # counted in C, in the same order
        grams.update([padded[start : start + size] for start in range(len(padded) - size + 1)])


def _tokens(text: str) -> Iterable[str]:
    for token in WORD_RE.findall(text):
        if token.endswith(".") or NUMBER_RE.fullmatch(token):
            yield token
        else:  # "words,glued.together" are words
            yield from filter(None, re.split(r"[.,]", token))


def codes(text: str) -> list[str]:
    """The codes and tickers a text gives ("LUNA"), in order."""
    tokens = list(_tokens(clean(text)))
    return [token for i, token in enumerate(tokens) if _is_code(tokens, i)]


def _is_code(tokens: list[str], i: int) -> bool:
    """An all-capital word alone among ordinary words (a run of them is shouting)."""
    if not CODE_RE.fullmatch(tokens[i]) or tokens[i].isdigit():
        return False
    neighbours = tokens[max(i - 1, 0) : i] + tokens[i + 1 : i + 2]
    return not any(len(n) > 1 and n.isupper() for n in neighbours)


@lru_cache(maxsize=1 << 16)
def _stem(word: str) -> str:
    return _stem_word(word)


def _initials(text: str) -> frozenset[str]:
    """Initials of each run of two to five capitalised words ending a name."""
    found = set()
    for run in NAME_RUN_RE.finditer(text):
        parts = [w for w in re.split(r"[\s-]+", run.group(0)) if w[:1].isupper()]
        letters = "".join(p[0] for p in parts)
        for size in range(2, min(len(letters), 5) + 1):
            found.add(letters[-size:])
        found.add(letters[:5])
    return frozenset(found)


def value_share(first: Profile, second: Profile) -> float:
    """The share of values the two texts give that both give (a code may match initials)."""
    if not first.values and not second.values:
        return 0.0
    shared = first.values & second.values
    shared |= first.values & second.aliases
    shared |= second.values & first.aliases
    return len(shared) / max(len(first.values), len(second.values))


class Frequencies:
    """In how many of a set of distinct texts each term occurs; texts come and go."""

    def __init__(self, texts: Iterable[str] = ()):
        self.texts: set[str] = set()
        self.words: Counter[str] = Counter()
        self.grams: Counter[str] = Counter()
        self.version = 0  # changes with the counts, so that cached weights can tell
        for text in texts:
            self.add(text)

    @property
    def size(self) -> int:
        return len(self.texts)

    def add(self, text: str) -> None:
        if text not in self.texts:
            self.texts.add(text)
            self._count(text, 1)

    def discard(self, text: str) -> None:
        if text in self.texts:
            self.texts.remove(text)
            self._count(text, -1)

    def replace(self, old: str, new: str, line: str) -> None:
        """discard(old) then add(new), for new = extended(old, line): only the terms line
        brings that old lacks change their counts, so the cost follows line."""
        if old not in self.texts or new in self.texts or not seamless(old, line):
            self.discard(old)
            self.add(new)
            return
        self.texts.remove(old)
        self.texts.add(new)
        before, added = profile(old), profile(line)
        for counts, known, terms in (
            (self.words, before.words, added.words),
            (self.grams, before.grams, added.grams),
        ):
            for term in terms:
                if term not in known:
                    counts[term] += 1
        self.version += 2

    def _count(self, text: str, step: int) -> None:
        described = profile(text)
        for counts, terms in ((self.words, described.words), (self.grams, described.grams)):
            if step == 1:
                counts.update(terms.keys())  # one each, counted in C
            else:
                for term in terms:
                    counts[term] += step
        self.version += 1


class Matcher:
    """Scores pairs of texts, with weights counted over a corpus of texts."""

    def __init__(self, corpus: Frequencies | None = None):
        self.corpus = corpus if corpus is not None else Frequencies()
        self._version = -1
        self._steady = False
        self.semantic = _semantic_model()

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> "Matcher":
        return cls(Frequencies(texts))

    @contextmanager
    def steady(self):
        """Keep the weights as they are now while a batch of texts is matched.

        Indexing a batch changes the corpus a little with each text (a claim's document
        gains a wording); working every weight out again each time would make a long
        article's cost grow with the square of its length, for a change of one text in
        the counts. Weights are brought up to date when the batch is done.
        """
        self._current()
        self._steady = True
        try:
            yield
        finally:
            self._steady = False

    def _current(self) -> None:
        """Forget weights worked out before the corpus last changed."""
        if self._version != self.corpus.version and not self._steady:
            self._version = self.corpus.version
            self._idf: tuple[dict[str, float], dict[str, float]] = ({}, {})
            self._vectors: dict[str, tuple[dict[str, float], dict[str, float]]] = {}

    def idf(self, term: str, grams: bool = False) -> float:
        """The weight of a word stem (or, with grams, of an n-gram)."""
        self._current()
        known = self._idf[grams]
        weight = known.get(term)
        if weight is None:
            frequency = (self.corpus.grams if grams else self.corpus.words).get(term, 0)
            weight = math.log((self.corpus.size + 1) / (frequency + 1)) + 1
            known[term] = weight
        return weight

    def vectors(self, text: str) -> tuple[dict[str, float], dict[str, float]]:
        """The text's unit TF-IDF vectors of words and of n-grams."""
        self._current()
        known = self._vectors.get(text)
        if known is None:
            described = profile(text)
            known = (self._unit(described.words, False), self._unit(described.grams, True))
            self._vectors[text] = known
        return known

    def _unit(self, counts: dict[str, int], grams: bool) -> dict[str, float]:
        # (1 + log(count)) * idf(term), each term's weight over the norm: the arithmetic
        # of idf() and of a loop over counts, done by map in C (this runs for every text a
        # search meets, once per corpus version).
        known = self._idf[grams]
        terms = list(counts)
        idfs = list(map(known.get, terms))
        if None in idfs:
            frequencies = self.corpus.grams if grams else self.corpus.words
            size = self.corpus.size
            for place, term in enumerate(terms):
                if idfs[place] is None:
                    weight = math.log((size + 1) / (frequencies.get(term, 0) + 1)) + 1
                    idfs[place] = known[term] = weight
        sublinear = map(operator.add, itertools.repeat(1), map(math.log, counts.values()))
        weighted = list(map(operator.mul, sublinear, idfs))
        norm = math.sqrt(sum(map(operator.mul, weighted, weighted))) or 1.0
        scaled = map(operator.truediv, weighted, itertools.repeat(norm))
        return dict(zip(terms, scaled, strict=True))

    def similarity(self, first: str, second: str) -> float:
        return self.similarities(first, [second])[0]

    def similarities(self, first: str, others: Iterable[str]) -> list[float]:
        """similarity(first, other) for each of others, first's side worked out once."""
        words_a, grams_a = self.vectors(first)
        described = profile(first)
        known = self._vectors  # as vectors() leaves it: the corpus does not change here
        scores = []
        for second in others:
            words_b, grams_b = known.get(second) or self.vectors(second)
            lexical = WORD_SHARE * _dot(words_a, words_b) + (1 - WORD_SHARE) * _dot(
                grams_a, grams_b
            )
            lexical += VALUE_BONUS * value_share(described, profile(second))
            if self.semantic is not None:
                lexical = self.semantic.combine(lexical, first, second)
            scores.append(lexical)
        return scores

    def coverage(self, text: str, claim: str) -> float:
        """How much of one of claim's wordings (lines) text says: the largest share of a
        wording's TF-IDF weight, over words and n-grams alike, whose terms text holds."""
        words, grams = self.vectors(text)
        best = 0.0
        for wording in claim.split("\n"):
            own_words, own_grams = self.vectors(wording)
            said = WORD_SHARE * sum(w * w for t, w in own_words.items() if t in words)
            said += (1 - WORD_SHARE) * sum(w * w for t, w in own_grams.items() if t in grams)
            best = max(best, said)
        return best

    def matches(self, first: str, second: str) -> bool:
        return self.accepts(self.similarity(first, second))

    def accepts(self, score: float) -> bool:
        threshold = self.semantic.threshold if self.semantic is not None else MATCH_THRESHOLD
        return score >= threshold


def _dot(first: dict[str, float], second: dict[str, float]) -> float:
    if len(first) > len(second):
        first, second = second, first
    # Terms missing from second would add exactly 0.0, so skipping them keeps the sum
    # (and its order of additions, first's) the same; filter and map keep the loop in C.
    shared = list(filter(second.__contains__, first))
    return sum(map(operator.mul, map(first.__getitem__, shared), map(second.__getitem__, shared)))


class Index:
    """Known wordings of claims, each under its claim's key, searchable by similarity.

    Weights are counted over the matcher's corpus: every wording added, and whatever
    else is added to the corpus (the texts about to be searched). retrieve: how many
    candidates a query scores in full.
    """

    retrieve = RETRIEVE
    # Whether two texts giving different numbers may still join: in one event's index,
    # yes (the variants stage flags the claim and editors decide each number); across a
    # collection of unrelated claims, "35 states" and "12 states" are two claims.
    numbers_vary = False

    def __init__(self, matcher: Matcher | None = None):
        self.matcher = matcher or Matcher()
        self.corpus = self.matcher.corpus
        self.keys: dict[str, list[Hashable]] = {}  # wording -> keys of the claims it words
        self.texts: dict[Hashable, list[str]] = defaultdict(list)  # key -> its wordings
        # term -> wording -> the term's weight in it when posted (n-grams are marked with
        # a final NUL to keep them apart from stems)
        self.postings: dict[str, dict[str, float]] = defaultdict(dict)
        self._terms: dict[str, list[str]] = {}  # wording -> the terms it is posted under

    def add(self, key: Hashable, text: str) -> None:
        holders = self.keys.setdefault(text, [])
        if key not in holders:
            holders.append(key)
            self.texts[key].append(text)
        if text not in self._terms:
            self.corpus.add(text)
            posted = self._retrieval_terms(text)
            self._terms[text] = list(posted)
            for term, weight in posted.items():
                self.postings[term][text] = weight

    def extend(self, key: Hashable, text: str, line: str) -> str:
        """remove(key, text) then add(key, the text with line added), returning the new
        text. Where text is only key's (a claim's document gaining a wording), neither
        text nor the new text is profiled or counted again: only line is."""
        new = extended(text, line)
        if self.keys.get(text) != [key] or new in self.keys or new in self._terms:
            self.remove(key, text)
            self.add(key, new)
            return new
        del self.keys[text]
        wordings = self.texts[key]
        wordings.remove(text)
        if not wordings:
            del self.texts[key]
        for term in self._terms.pop(text, ()):
            self.postings[term].pop(text, None)
        self.corpus.replace(text, new, line)
        _extended.pop(text, None)  # replaced: only the longer document is searched now
        self.keys[new] = [key]
        self.texts[key].append(new)
        posted = self._retrieval_terms(new)
        self._terms[new] = list(posted)
        for term, weight in posted.items():
            self.postings[term][new] = weight
        return new

    def remove(self, key: Hashable, text: str) -> None:
        """Take text away from key; a text no key holds any more leaves the index."""
        holders = self.keys.get(text, [])
        if key in holders:
            holders.remove(key)
            self.texts[key].remove(text)
            if not self.texts[key]:
                del self.texts[key]
        if not holders:
            self.keys.pop(text, None)
            for term in self._terms.pop(text, ()):
                self.postings[term].pop(text, None)
            self.corpus.discard(text)

    def sync(self, wordings: Iterable[tuple[Hashable, str]], weighed: Iterable[str] = ()) -> None:
        """Hold exactly these (key, text) pairs, and weigh the texts in weighed too."""
        wordings = list(dict.fromkeys(wordings))
        wanted, weighed = set(wordings), set(weighed)
        held = {(key, text) for text, keys in self.keys.items() for key in keys}
        for key, text in held - wanted:
            self.remove(key, text)
        texts = {text for _, text in wanted}
        for text in [t for t in self.corpus.texts if t not in texts and t not in weighed]:
            self.corpus.discard(text)
        for text in (*texts, *weighed):  # counted first, so rarity is known when posting
            self.corpus.add(text)
        for key, text in wordings:  # in the order given: the first key of a text wins ties
            if (key, text) not in held:
                self.add(key, text)

    def _retrieval_terms(self, text: str) -> dict[str, float]:
        """Word stems and the rarest n-grams, with their weights: what a search looks up."""
        words, grams = self.matcher.vectors(text)
        # heapq.nlargest's own equivalent, faster at these sizes (ties in the same order)
        rare = sorted(grams, key=grams.__getitem__, reverse=True)[:RETRIEVAL_GRAMS]
        return {**words, **{f"{gram}\0": grams[gram] for gram in rare}}

    def candidates(self, text: str, limit: int | None = None) -> list[str]:
        """The wordings sharing the most weight with text (a first, cheap cut)."""
        words, grams = self.matcher.vectors(text)
        scores: dict[str, float] = {}
        get, postings = scores.get, self.postings
        for vector, share, mark in ((words, WORD_SHARE, ""), (grams, 1 - WORD_SHARE, "\0")):
            for term, weight in vector.items():
                posted_under = postings.get(term + mark)
                if posted_under:
                    # share * weight * posted, multiplied in that order as before
                    weighted = share * weight
                    for known, posted in posted_under.items():
                        scores[known] = get(known, 0.0) + weighted * posted
        # heapq.nlargest's own equivalent (ties in the same order), faster at these sizes
        return sorted(scores, key=scores.__getitem__, reverse=True)[: limit or self.retrieve]

    def search(self, text: str, limit: int = 5) -> list[tuple[Hashable, float]]:
        """The best keys for text, each with its best wording's score, best first."""
        candidates = self.candidates(text)
        if self.matcher.semantic is not None:
            candidates = self.matcher.semantic.widen(text, candidates, self.keys)
        best: dict[Hashable, float] = {}
        scores = self.matcher.similarities(text, candidates)
        for known, score in zip(candidates, scores, strict=True):
            for key in self.keys[known]:
                if score > best.get(key, -1.0):
                    best[key] = score
        return heapq.nlargest(limit, best.items(), key=lambda item: item[1])

    def best(self, text: str) -> tuple[Hashable | None, float]:
        """The key of the claim that text restates and its score, or None and the score."""
        found = self.search(text, limit=1)
        if not found:
            return None, 0.0
        key, score = found[0]
        return (key if self.matcher.accepts(score) else None), score

    def decide(self, text: str, limit: int = 10, exclude=frozenset()) -> Decision:
        """Join, propose or neither: the best claim and how sure matching is of it.

        Sure means the threshold reached, a lead over the next claim (judge), words in
        common, no other actor and (numbers_vary aside) no other numbers. A sentence
        listing several statements that reaches the threshold with more than one claim joins
        its best outright when one of its clauses, matched alone, joins that claim
        outright: the clause says which of the claims it restates. exclude: keys left
        out, as if not known (the benchmark's new claims).
        """
        decision = self._decide(text, limit, exclude)
        if decision.band == PROPOSE and self.matcher.accepts(decision.score):
            for clause in clauses(text):
                if self._decide(clause, limit, exclude)[:2] == (JOIN, decision.key):
                    return decision._replace(band=JOIN)
        return decision

    def _decide(self, text: str, limit: int, exclude) -> Decision:
        found = self.search(text, limit=limit + len(exclude))
        decision = self.judge([(k, s) for k, s in found if k not in exclude][:limit])
        if decision.band == NEW or decision.key is None:
            return decision
        wordings = self.texts.get(decision.key, ())
        if not _shares_words(text, wordings):
            # a lone word in common: close at best, and nothing at all below the threshold
            close = self.matcher.accepts(decision.score)
            return decision._replace(band=PROPOSE if close else NEW)
        if decision.band == JOIN and (
            actors_differ(text, wordings)
            or (not self.numbers_vary and numbers_differ(text, wordings))
        ):
            return decision._replace(band=PROPOSE)
        return decision

    def judge(self, found: list[tuple[Hashable, float]]) -> Decision:
        """decide() on a ranking already searched (best first)."""
        if not found:
            return Decision(NEW, None, 0.0, 0.0)
        key, score = found[0]
        runner_up = 0.0
        best_words = [profile(t).words for t in self.texts.get(key, ())]
        for other, other_score in found[1:]:
            if [profile(t).words for t in self.texts.get(other, ())] != best_words:
                runner_up = other_score
                break
        margin = score - runner_up
        ratio = runner_up / score if score > 0 else 1.0
        if not self.matcher.accepts(score):
            stands_out = len(found) >= FIELD and ratio <= PROPOSE_RATIO
            return Decision(PROPOSE if stands_out else NEW, key, score, margin)
        return Decision(JOIN if ratio <= JOIN_RATIO else PROPOSE, key, score, margin)


TITLE_RE = re.compile(rf"{TITLES}\Z")


CJK_RE = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _shares_words(text: str, wordings: Iterable[str]) -> bool:
    """Whether text shares JOIN_SHARED_WORDS word stems with the claim (numbers aside)."""
    if CJK_RE.search(text):
        return True
    words = profile(text).words.keys() - {NUMBER_TOKEN}
    theirs = set().union(*(profile(wording).words for wording in wordings))
    return len(words & theirs) >= JOIN_SHARED_WORDS


def lead(text: str) -> frozenset[str]:
    """Stems of the run of capitalised words a sentence opens with, up to its first word
    in lower case, titles left out: in news, who acts or speaks ("Finance Minister Ida
    Kron said …" gives finance, ida, kron; "Chancellor" and "Finance minister" name an
    office, which two reports of one speaker word differently). A run of one word says
    nothing: "Recognizing …", "Meanwhile, …", "According to …" open sentences too."""
    run = []
    for token in WORD_RE.findall(clean(text)):
        if not token[:1].isupper():
            break
        run.append(token)
    if len(run) < 2:
        return frozenset()
    found = set()
    for token in run:
        word = token.lower().replace("’", "'").removesuffix("'s").replace("'", "")
        if word not in STOPWORDS and not token.isupper() and not TITLE_RE.match(token):
            found.add(_stem(word))
    return frozenset(found)


def actors_differ(text: str, wordings: Iterable[str]) -> bool:
    """Whether a sentence and every wording of a claim open with someone the other never
    names: the same words said of someone else are another claim."""
    own = lead(text)
    wordings = [line for wording in wordings for line in wording.split("\n") if line.strip()]
    if not own or not wordings:
        return False
    said = profile(text).words.keys()
    if own <= {word for wording in wordings for word in profile(wording).words}:
        return False
    return all((theirs := lead(wording)) and not theirs <= said for wording in wordings)


def numbers_differ(text: str, wordings: Iterable[str]) -> bool:
    """Whether a sentence and a claim both give numbers and none in common: "35 states" is
    not "12 states" (unless the index lets numbers vary, as an event's does)."""
    own = {v for v in profile(text).values if v[0].isdigit()}
    theirs = {v for w in wordings for v in profile(w).values if v[0].isdigit()}
    return bool(own and theirs) and not own & theirs


def clauses(text: str) -> list[str]:
    """The parts of a sentence between commas, semicolons and colons, each long enough
    to state something; none when it has fewer than two."""
    parts = [p for p in CLAUSE_RE.split(text) if len(WORD_RE.findall(p)) >= CLAUSE_WORDS]
    return parts if len(parts) > 1 else []


def _semantic_model():
    from . import semantic

    return semantic.active()
