"""What the desk knows of one language, in one record (each language's module fills one in).

The text stages ask the registry (languages.get) for the article's language and read
these fields instead of assuming English: how to cut its sentences, how to stem its
words, which verbs report speech, how its headers write a date. A field left empty means
"nothing special": no stemming, no statement verbs, no month names of its own.
"""

import re
import threading
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import snowballstemmer


@dataclass(frozen=True)
class Language:
    tag: str  # the desk's BCP-47 tag ("es"); zh's module gives two records
    name: str  # in English, as editors read it in the admin
    # How its sentences are cut: a pySBD language code, or "cjk" for the desk's own cuts
    # at 。！？ that keep a quote 「…」 whole (claims.text.extraction).
    sentences: str = "en"
    # The Snowball algorithm its words are stemmed by ("" keeps words as written).
    stemmer: str = ""
    # The code dateparser reads its dates by.
    dateparser: str = ""
    # Verbs (or short phrases) news uses to report what someone said, as written after
    # the speaker or before them ("dijo", "a déclaré", "sagte"); matched as whole words,
    # case-insensitively.
    statement_verbs: tuple[str, ...] = ()
    # Words that attribute a statement without a verb ("según", "selon", "laut").
    attribution_words: tuple[str, ...] = ()
    # Pronouns a sentence may open on in place of the person named before ("Elle a dit").
    person_pronouns: tuple[str, ...] = ()
    # Number words: a quantity written out ("tres días", "zwei Millionen") is a figure.
    number_words: tuple[str, ...] = ()
    # What a page's header calls its dates: month names and their abbreviations, the
    # labels of the publication and of an update, and the little words a timestamp
    # wraps around a date ("el", "de", "à", "um … Uhr").
    months: tuple[str, ...] = ()
    published_labels: tuple[str, ...] = ()
    updated_labels: tuple[str, ...] = ()
    date_words: tuple[str, ...] = ()
    # How a header writes a day: what may follow its number ("9." in German, "1er" in
    # French) and stand between day, month and year ("26 de noviembre de 2023").
    day_suffixes: tuple[str, ...] = ()
    date_joiners: tuple[str, ...] = ()
    # How a report's opening dates its happening by a weekday: the weekdays' names,
    # Monday first, and the words before one that make it the day something happened
    # ("on Sunday", "este jueves", "am Freitag"); of those, the ones that mean the week
    # before ("last Sunday"). Words that put a sentence in the future ("will", "próximo",
    # "prochain", "nächste"): such a sentence dates nothing that has happened.
    weekdays: tuple[str, ...] = ()
    weekday_markers: tuple[str, ...] = ()
    past_week_markers: tuple[str, ...] = ()
    future_words: tuple[str, ...] = ()
    # Function words the word-overlap measures leave out.
    stopwords: frozenset[str] = field(default_factory=frozenset)

    @property
    def cjk(self) -> bool:
        return self.sentences == "cjk"

    def stem(self, word: str) -> str:
        """The word's stem in this language (the word itself without a stemmer)."""
        return stem(self.stemmer, word) if self.stemmer else word

    @cached_property
    def statement_re(self) -> re.Pattern | None:
        """Any of its statement verbs or attribution words, as whole words."""
        return words_re(self.statement_verbs + self.attribution_words)

    @cached_property
    def number_re(self) -> re.Pattern | None:
        """A figure in digits, a percentage, or its number words, alone or run together as
        German and Spanish write them ("zweihundert", "fünfundzwanzig", "doscientos")."""
        if not self.number_words:
            return re.compile(r"\d|%")
        words = "|".join(map(re.escape, sorted(set(self.number_words), key=len, reverse=True)))
        return re.compile(rf"\d|%|(?<!\w)(?:{words})(?:(?:und)?(?:{words}))*(?!\w)", re.IGNORECASE)


def words_re(words: tuple[str, ...]) -> re.Pattern | None:
    """A pattern matching any of words whole (longest first), or None for no words."""
    if not words:
        return None
    alternatives = "|".join(map(re.escape, sorted(set(words), key=len, reverse=True)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


# A Snowball stemmer keeps the word it is working on in itself, so two threads stemming
# with one stemmer mix their words up (and fail), and ingestions match in parallel
# threads: each thread has its own stemmer per algorithm. Stems are remembered, since news
# repeats its words and stemming was a sixth of a small report's ingestion.
_own = threading.local()


@lru_cache(maxsize=100_000)
def stem(algorithm: str, word: str) -> str:
    stemmers = getattr(_own, "stemmers", None)
    if stemmers is None:
        stemmers = _own.stemmers = {}
    stemmer = stemmers.get(algorithm)
    if stemmer is None:
        stemmer = stemmers[algorithm] = snowballstemmer.stemmer(algorithm)
    return stemmer.stemWord(word)
