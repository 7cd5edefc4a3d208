"""How alike two texts are: TF-IDF over word stems and character n-grams counted on the
matcher's own texts, a bonus for the values both give, and, when
FACTDESK_SEMANTIC_MATCHING is on, a sentence embedding's cosine (claims.text.semantic)."""

import itertools
import math
import operator
from collections import Counter
from collections.abc import Iterable
from contextlib import contextmanager

from .profiles import profile, seamless, value_share

# The score from which the best claim may be the same claim: below it a sentence is a
# new claim. Chosen on the CheckThat! 2020 train split (`bench/quality.py matching
# --sweep`): the equal-error score, where as many true pairs are refused (31%) as queries
# have their best wrong claim at or above it (31%).
MATCH_THRESHOLD = 0.315

CLAUSE_WORDS = 4
# Share of the lexical score that comes from word stems; the rest from n-grams.
WORD_SHARE = 0.5
# Added, times the share of values both texts give, to a pair's score.
VALUE_BONUS = 0.1


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


def _semantic_model():
    from . import semantic

    return semantic.active()
