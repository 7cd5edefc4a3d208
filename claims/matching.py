"""Decide whether two sentences state the same claim, in different words.

Sentences are reduced to weighted sets of stemmed content words after mapping
synonyms and spelled-out names to one form ("revitalizing", "resume" and
"reinvigorating" all become "resum"; "Free Trade Agreement" becomes "fta").
Two sentences match when most of the shorter one's weight is shared.
"""

import math
import re
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

_stemmer = snowballstemmer.stemmer("english")

# Phrases rewritten before tokenising, so different spellings of one thing compare equal.
PHRASES = [
    (r"free trade (?:agreement|area)s?", "fta"),
    (r"artificial intelligence", "ai"),
    (
        r"\b(?:china|japan|south korea|korea|rok)"
        r"(?:\s*[-–]\s*(?:china|japan|south korea|korea|rok)){2}\b",
        "trilateral",
    ),
    (r"\bthree (?:countries|nations)\b", "trilateral"),
    (r"\bsouth korea(?:n)?\b", "korea"),
    (r"\bforeign ministers?[’']?s?\b", "foreignminister"),
    (r"\bas soon as possible\b", "soon"),
]
# Stems of words that mean the same thing in these reports.
SYNONYMS = {
    "revit": "resum",
    "rejuven": "resum",
    "reinvigor": "resum",
    "restart": "resum",
    "reviv": "resum",
    "reviva": "resum",
    "relaunch": "resum",
    "negoti": "talk",
    "discuss": "talk",
    "deliber": "talk",
    "stress": "emphas",
    "emphasi": "emphas",
    "emphas": "emphas",
    "underscor": "emphas",
    "highlight": "emphas",
    "said": "emphas",
    "state": "emphas",
    "call": "emphas",
    "investig": "investig",
    "case": "investig",
    "collabor": "cooper",
    "partnership": "cooper",
    "cooper": "cooper",
    "nation": "countri",
    "countri": "countri",
    "summit": "leadersmeet",
    "urgenc": "import",
    "signific": "import",
    "import": "import",
    "critic": "import",
}
# Acronyms that name things every report spells the same; any other all-capital word is
# treated as a code or ticker whose value may differ between reports (LUNA/LUNC).
COMMON_ACRONYMS = {"AI", "FTA", "ROK", "CEO", "NFT", "NFTS", "CBDC", "USA", "UK", "EU", "UN", "NPO"}
CODE_RE = re.compile(r"\b[A-Z]{3,6}\b")
NUMBER_RE = re.compile(r"\$?\d[\d,.]*")
STOPWORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been being "
    "this that these those it its their his her he she they them also which who whom whose "
    "while such than then there here into onto over under about between among through "
    "will would should could can may might must has have had do does did not no so very "
    "all any each other some more most many much own same both either neither".split()
)
TOKEN_RE = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
MATCH_THRESHOLD = 0.57
_PHRASE_RES = [(re.compile(pattern), f" {replacement} ") for pattern, replacement in PHRASES]


def normalize(sentence: str) -> list[str]:
    return list(_normalized(sentence))


# Ingestion compares the same sentences over and over (every report of an event against
# every other), so a sentence's stems and a word's stem are each worked out once.
@lru_cache(maxsize=1 << 15)
def _normalized(sentence: str) -> tuple[str, ...]:
    # Values that may differ between reports of one claim must not keep them apart.
    sentence = CODE_RE.sub(
        lambda m: m.group(0) if m.group(0) in COMMON_ACRONYMS else " code ", sentence
    )
    sentence = NUMBER_RE.sub(" num ", sentence)
    text = sentence.lower().replace("’", "'")
    for pattern, replacement in _PHRASE_RES:
        text = pattern.sub(replacement, text)
    return tuple(
        _stem(token)
        for token in TOKEN_RE.findall(text)
        if token not in STOPWORDS and len(token) >= 2
    )


@lru_cache(maxsize=1 << 15)
def stem_set(sentence: str) -> frozenset[str]:
    """The distinct stems of a sentence (what Matcher compares)."""
    return frozenset(_normalized(sentence))


@lru_cache(maxsize=1 << 15)
def _stem(token: str) -> str:
    stem = _stemmer.stemWord(token.replace("'s", ""))
    return SYNONYMS.get(stem[:7], SYNONYMS.get(stem, stem))


class Matcher:
    """Scores sentences against each other, weighting rare words over common ones.

    Word rarity is counted over the sentences of one event, so that "China" or
    "minister" weigh little in a story where every sentence names them.
    """

    def __init__(self, corpus: Iterable[str]):
        self._count(stem_set(s) for s in corpus)

    @classmethod
    def from_counts(cls, size: int, frequency: dict[str, int]) -> "Matcher":
        """A matcher over size sentences, frequency[stem] of which hold stem."""
        matcher = cls.__new__(cls)
        matcher._setup(size, frequency)
        return matcher

    def _count(self, documents: Iterable[frozenset[str]]) -> None:
        size, frequency = 0, {}
        for document in documents:
            size += 1
            for stem in document:
                frequency[stem] = frequency.get(stem, 0) + 1
        self._setup(size, frequency)

    def _setup(self, size: int, frequency: dict[str, int]) -> None:
        self.size = max(size, 1)
        self.frequency = frequency
        self._weights: dict[str, float] = {}
        self._sentences: dict[str, tuple[frozenset[str], float]] = {}

    def weight(self, stem: str) -> float:
        weight = self._weights.get(stem)
        if weight is None:
            weight = math.log((self.size + 1) / (self.frequency.get(stem, 0) + 0.5))
            self._weights[stem] = weight
        return weight

    def _weighted(self, sentence: str) -> tuple[frozenset[str], float]:
        """A sentence's stems and their total weight, worked out once per matcher."""
        known = self._sentences.get(sentence)
        if known is None:
            stems = stem_set(sentence)
            known = (stems, sum(self.weight(s) for s in stems))
            self._sentences[sentence] = known
        return known

    def similarity(self, first: str, second: str) -> float:
        (a, a_total), (b, b_total) = self._weighted(first), self._weighted(second)
        if not a or not b or a.isdisjoint(b):
            return 0.0  # every weight is positive: nothing shared scores exactly 0
        weights = self._weights  # holds every stem of a and b by now
        shared = sum(map(weights.__getitem__, a & b))
        smaller = min(a_total, b_total)
        union = sum(map(weights.__getitem__, a | b))
        # Overlap with the shorter sentence finds paraphrases that add a clause;
        # the Jaccard term keeps a short generic sentence from matching everything.
        return 0.8 * shared / smaller + 0.2 * shared / union if smaller else 0.0

    def matches(self, first: str, second: str) -> bool:
        return self.matches_score(self.similarity(first, second))

    @staticmethod
    def matches_score(score: float) -> bool:
        return score >= MATCH_THRESHOLD
