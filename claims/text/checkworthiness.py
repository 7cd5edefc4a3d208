"""The check-worthiness model: how likely a sentence is to be a claim worth checking."""

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter
from pathlib import Path

from .profiles import CAMEL_RE, URL_RE

# --- check-worthiness model ---------------------------------------------------------------
# A logistic regression over word 1-2-grams and character n-grams, trained by
# bench/train_checkworthy.py (README, "Check-worthiness model"). Training and scoring share
# checkworthiness_features, so the committed weights mean the same thing here as there.

MODEL_FILE = Path(__file__).resolve().parent / "data" / "checkworthy.json"
# News writes curly quotes and dashes, the debate transcripts straight ones.
_PLAIN = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})
_WORD_RE = re.compile(r"[a-z0]+(?:'[a-z]+)?|[$%]")
_YEAR_RE = re.compile(r"\b(?:1[89]|20)\d\d\b")
_MONTH_NAMES = (
    "January|February|March|April|May|June|July|August|September|October|November|December"
)
# A month only as part of a date ("May 5", "5 May", "in May"): "may" alone is a verb.
_DATE_RE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    rf"|\b(?:{_MONTH_NAMES})(?=\s+\d)|\b\d{{1,2}}\s+(?:{_MONTH_NAMES})\b"
    rf"|\b(?:(?i:in|since|until|by|from|last|next|early|late)\s+|(?i:mid-))(?:{_MONTH_NAMES})\b"
)
# A capitalised word inside the sentence; it needs a lower-case letter after the capital,
# so "I", "I'm" and "I've" are no names, and neither is the sentence's first word.
_NAME_RE = re.compile(r"(?<=[\s,(\"'-])[A-Z][a-z]+")
CHAR_NGRAMS = range(2, 6)
_HANDLE_RE = re.compile(r"(?<![\w@])@\w+")
_HASHTAG_RE = re.compile(r"(?<![\w#&])#([^\W\d_]\w*)")


def checkworthiness_features(sentence: str) -> list[str]:
    """The model's features of one sentence (a feature may occur several times).

    Word features start "W:" and general ones "X:"; character n-grams are lower case,
    so the three kinds never collide. Digits all read "0": a figure matters, not its value.
    """
    text = sentence.translate(_PLAIN)
    # A post's furniture: a link, a handle or a tag is a cue in itself, and a tag's words
    # ("#CoronaOutbreak") are read as words; the link's letters say nothing.
    furniture = []
    if URL_RE.search(text):
        furniture.append("X:link")
        text = URL_RE.sub(" ", text)
    if _HANDLE_RE.search(text):
        furniture.append("X:handle")
    if _HASHTAG_RE.search(text):
        furniture.append("X:hashtag")
        text = _HASHTAG_RE.sub(lambda m: " " + CAMEL_RE.sub(" ", m.group(1)) + " ", text)
    low = re.sub(r"\d", "0", text.lower())
    words = _WORD_RE.findall(low)
    features = ["W:" + w for w in words] + furniture
    features += [f"W:{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    for token in low.split():
        features += _char_ngrams(token)
    if "0" in low:
        features.append("X:number")
    if _YEAR_RE.search(text):
        features.append("X:year")
    if _DATE_RE.search(text):
        features.append("X:date")
    if _NAME_RE.search(text):
        features.append("X:name")
    if "?" in text:
        features.append("X:question")
    features.append(f"X:words{min(len(words) // 5, 8)}")
    return features


@lru_cache(maxsize=65536)
def _char_ngrams(token: str) -> tuple[str, ...]:
    """The token's character n-grams, padded with a space each side (words repeat a lot)."""
    padded = f" {token} "
    return tuple(padded[i : i + n] for n in CHAR_NGRAMS for i in range(len(padded) - n + 1))


@dataclass(frozen=True)
class CheckWorthinessModel:
    """Sublinear TF-IDF (L2-normalised) times the weights, plus the intercept, in a sigmoid."""

    # feature -> (idf, idf * weight, idf squared): what scoring needs, in one look-up.
    table: dict[str, tuple[float, float, float]]
    intercept: float
    threshold: float  # the probability from which a sentence is check-worthy

    @classmethod
    def from_file(cls, path: Path = MODEL_FILE) -> "CheckWorthinessModel":
        data = json.loads(path.read_text(encoding="utf-8"))
        rows = zip(data["features"], data["idf"], data["weights"], strict=True)
        return cls(
            table={name: (idf, idf * weight, idf * idf) for name, idf, weight in rows},
            intercept=data["intercept"],
            threshold=data["threshold"],
        )

    def probability(self, sentence: str) -> float:
        counts = Counter(checkworthiness_features(sentence))
        # Summed as if every feature occurred once, then corrected for the few that repeat:
        # map and filter keep the per-feature work out of the Python loop.
        rows = list(filter(None, map(self.table.get, counts)))
        dot = sum(map(itemgetter(1), rows))
        squares = sum(map(itemgetter(2), rows))
        for feature in [f for f, c in counts.items() if c > 1 and f in self.table]:
            idf, idf_weight, idf_squared = self.table[feature]
            tf = 1.0 + math.log(counts[feature])
            dot += (tf - 1.0) * idf_weight
            squares += (tf * tf - 1.0) * idf_squared
        z = self.intercept + (dot / math.sqrt(squares) if squares else 0.0)
        return 1.0 / (1.0 + math.exp(-z))


@cache
def checkworthiness_model() -> CheckWorthinessModel:
    return CheckWorthinessModel.from_file()


@lru_cache(maxsize=8192)
def checkworthiness(sentence: str) -> float:
    """The model's probability that sentence is check-worthy (an article is read twice)."""
    return checkworthiness_model().probability(sentence)
