"""What a sentence is made of, for matching: cleaned text, word stems, character n-grams,
values (numbers and codes), names and initials (claims.text.matching compares them).

Each text is cleaned the same way whether it comes from a tweet or a news page (links
dropped, @handles and #hashtags split into their words, a tweet's trailing
"(@handle) date" signature dropped) and described three ways: its word stems, case
folded; the character n-grams of its words, which catch spellings and compounds that
stemming misses; its values, numbers and codes, also compared on their own.
"""

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

import languages

from .stemming import stem as _stem_word

GRAM_SIZES = (3, 4)

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
