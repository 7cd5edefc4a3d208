"""What crosses languages: names read aloud, and the characters Chinese and Japanese share.

A Japanese, Korean or Chinese report of an event the desk holds in English shares no
word with it, but it names the same people and places. Each CJK word is romanised
(pinyin for Chinese, Hepburn for Japanese kana and kanji, Revised Romanisation for
Hangul) and every name is reduced to the skeleton of its consonants, with the sounds
romanisations write differently merged (b/p/f, g/k, d/t, j/ch/q/zh, r/l; vowels,
"w", "y" and "h" dropped): "Park Jin" and 박진 ("bagjin") both read "pkcn", "Yoon Suk
Yeol" and 윤석열 ("yunseogyeol") both "nskl". A name matches only a whole run of one to
three consecutive CJK words, never a piece of one, so a skeleton does not turn up by
chance inside a longer text. Chinese and Japanese also share characters: compared in
Simplified form (OpenCC), their headlines and leads share character pairs (地震, 外相).
"""

import re
import unicodedata
from functools import lru_cache

from languages.detect import HAN_RE, HANGUL_RE, KANA_RE, to_simplified

from .event_finding import MONTH_NAMES

# English names: capitalised words, alone or in a run ("Park Jin", "Yoon Suk Yeol").
NAME_RE = re.compile(r"\b[A-Z][a-z’'-]+(?:[ -][A-Z][a-z’'-]+){0,3}\b")
MIN_SKELETON = 3  # consonants a name needs to count: shorter ones match too easily
MAX_RUN = 3  # consecutive CJK words a name may span
CJK_WORD_RE = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\u1100-\u11ff]+|[A-Za-z]+"
)
_SOUNDS = [
    ("zh", "c"),
    ("ch", "c"),
    ("sh", "s"),
    ("ph", "p"),
    ("ng", "n"),
    ("ts", "c"),
    ("tz", "c"),
]
_LETTERS = str.maketrans(
    {"b": "p", "f": "p", "v": "p", "g": "k", "q": "c", "j": "c", "z": "s", "x": "s"}
    | {"d": "t", "r": "l"}
)


def skeleton(romanised: str) -> str:
    """The consonants of a romanised name, with romanisations' differences merged."""
    text = re.sub(r"[^a-z]", "", unicodedata.normalize("NFKD", romanised.lower()))
    text = re.sub(r"r(?=[^aeiou])", "", text)  # "Park": an English r before a consonant
    for written, sound in _SOUNDS:
        text = text.replace(written, sound)
    text = text.translate(_LETTERS)
    text = re.sub(r"[aeiouwyh]", "", text)
    return re.sub(r"(.)\1+", r"\1", text)


# Capitalised but no one's name: a day or a month ("Monday" reads "mnt", as do many
# unrelated CJK words; a month is compared as a number).
CALENDAR_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split() + list(MONTH_NAMES)
)


@lru_cache(maxsize=8192)
def english_name_keys(text: str) -> frozenset[str]:
    """Skeletons of the names an English text gives, whole and word by word."""
    keys = set()
    for match in NAME_RE.finditer(text):
        words = [w for w in re.split(r"[ -]", match.group(0)) if w not in CALENDAR_WORDS]
        # Every run of its words ("Premier Li Qiang" holds "Li Qiang"), also family name
        # first, as Japanese, Korean and Chinese write it ("Kishida Fumio").
        runs = [words[i:j] for i in range(len(words)) for j in range(i + 1, len(words) + 1)]
        for run in runs:
            for part in (" ".join(run), " ".join(reversed(run))):
                key = skeleton(part)
                if len(key) >= MIN_SKELETON:
                    keys.add(key)
    return frozenset(keys)


@lru_cache(maxsize=1)
def _kakasi():
    import pykakasi  # readings of kana and kanji, dictionary bundled

    return pykakasi.kakasi()


@lru_cache(maxsize=1)
def _hangul():
    from hangul_romanize import Transliter
    from hangul_romanize.rule import academic

    return Transliter(academic)


def _romanised_words(word: str, language: str) -> list[str]:
    if HANGUL_RE.search(word):
        return [_hangul().translit(word)]
    if language == "ja" or KANA_RE.search(word):
        return [item["hepburn"] for item in _kakasi().convert(word)]
    if HAN_RE.search(word):
        from pypinyin import lazy_pinyin

        return lazy_pinyin(word)  # one syllable a character: names are runs of them
    return [word]


@lru_cache(maxsize=2048)
def cjk_name_keys(text: str, language: str) -> frozenset[str]:
    """Skeletons of the names a CJK text gives: read aloud (`read_aloud_keys`) and, in
    Chinese, as the dictionary gives them in English (`_dictionary_name_keys`)."""
    keys = read_aloud_keys(text, language)
    if language.startswith("zh"):
        keys |= _dictionary_name_keys(unicodedata.normalize("NFKC", text))
    if language == "ja":
        said = _han_names_as_said_abroad(unicodedata.normalize("NFKC", text))
        keys |= {key for key in said if len(key) >= MIN_SKELETON}
    return keys


@lru_cache(maxsize=2048)
def read_aloud_keys(text: str, language: str) -> frozenset[str]:
    """Skeletons of every run of one to three consecutive romanised words of a CJK text.

    A Korean word also gives its first one and two syllables' reading, so that a name
    with a particle attached ("부산에서") still reads as the name.
    """
    text = unicodedata.normalize("NFKC", text)
    if language.startswith("zh"):
        return _chinese_name_keys(text)
    keys = set()
    for chunk in CJK_WORD_RE.findall(text):
        words = _romanised_words(chunk, language)
        if HANGUL_RE.search(chunk):
            for n in range(2, min(len(chunk), 4) + 1):
                keys.update(skeleton(_hangul().translit(part)) for part in _as_said(chunk[:n]))
            continue
        for start in range(len(words)):
            for end in range(start + 1, min(start + MAX_RUN, len(words)) + 1):
                keys.add(skeleton("".join(words[start:end])))
    return frozenset(key for key in keys if len(key) >= MIN_SKELETON)


HAN_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
# A Chinese or Korean name in Japanese news stands right before the person's office or
# 氏 ("王毅外相", "朴振氏"): the two or three kanji there are read as a name.
JAPANESE_OFFICE_RE = re.compile(
    r"([\u3400-\u4dbf\u4e00-\u9fff]{2,3}?)(?:外相|首相|大統領|国家主席|主席|首席|外務大臣|"
    r"外交部長|長官|大臣|議長|首長|市長|知事|大使|報道官|総書記|氏)"
)


def _han_names_as_said_abroad(text: str) -> set[str]:
    """Skeletons of the kanji before an office in a Japanese text, read in Chinese and in
    Korean: Japanese writes Chinese and Korean names in kanji (王毅, 朴振) and reads them
    its own way ("boku shin"), but English reports spell them as said at home (Wang Yi,
    Park Jin: 박진)."""
    from pypinyin import lazy_pinyin

    from .glosses import korean_readings

    keys = set()
    for match in JAPANESE_OFFICE_RE.finditer(text):
        run = HAN_RUN_RE.findall(text[: match.end(1)])[-1]
        for piece in {run[-2:], run[-3:]}:
            keys.add(skeleton("".join(lazy_pinyin(to_simplified(piece)))))
            keys |= {skeleton(_hangul().translit(said)) for said in korean_readings(piece)}
    return keys


# A syllable's last consonant is said as one of seven (빛 "bit", not "bich"; 밖 "bak"):
# names are romanised as they are said, so a word is also read with its codas so.
_CODA_SAID = {2: 1, 3: 1, 9: 1, 24: 1, 5: 4, 6: 4, 11: 8, 12: 8, 13: 8, 15: 8, 10: 16}
_CODA_SAID |= {coda: 7 for coda in (19, 20, 22, 23, 25, 27)} | {14: 17, 18: 17, 26: 17}


def _as_said(word: str) -> set[str]:
    """A Hangul word as written and with each syllable's last consonant as it is said."""
    said = []
    for ch in word:
        index = ord(ch) - 0xAC00
        if 0 <= index < 11172 and index % 28 in _CODA_SAID:
            ch = chr(ord(ch) - index % 28 + _CODA_SAID[index % 28])
        said.append(ch)
    return {word, "".join(said)}


# Chinese runs on without spaces, and every run of syllables would read as some name; so
# only the two to four characters after an office ("外长王毅", "总理李强") or before a
# verb of saying ("王毅表示") are read as a name: news names officials that way.
OFFICE_RE = re.compile(
    r"(?:总统|總統|总理|總理|首相|外相|外长|外長|部长|部長|主席|议员|議員|市长|市長|理事长|理事長|"
    r"发言人|發言人|候选人|候選人|委员|委員|大使|局长|局長|主任|院长|院長)"
)
SAYING_AFTER_RE = re.compile(r"(?:表示|指出|强调|強調|称|稱|说|說|宣布|宣佈)")


def _chinese_name_keys(text: str) -> frozenset[str]:
    from pypinyin import lazy_pinyin

    spans = [text[m.end() : m.end() + 4] for m in OFFICE_RE.finditer(text)]
    spans += [text[max(0, m.start() - 4) : m.start()] for m in SAYING_AFTER_RE.finditer(text)]
    keys = set()
    for span in spans:
        han = "".join(ch for ch in span if HAN_RE.match(ch))
        for size in (2, 3, 4):
            for piece in {han[:size], han[-size:]}:
                if len(piece) == size:
                    keys.add(skeleton("".join(lazy_pinyin(to_simplified(piece)))))
    return frozenset(key for key in keys if len(key) >= MIN_SKELETON)


def _dictionary_name_keys(text: str) -> frozenset[str]:
    # Foreign names are not read aloud in Chinese as they are at home (朴振 is "Piao
    # Zhen", not "Park Jin", 釜山 "Fushan"); the dictionary knows the common ones in
    # English. Only events use them: a claim's link has the same words' glosses.
    from . import glosses

    return frozenset().union(*map(english_name_keys, glosses.chinese_names(text)))


# --- editors' aliases -----------------------------------------------------------------------
Aliases = tuple[tuple[str, str], ...]  # (spelling, English name)


def _comparable(text: str) -> str:
    return to_simplified(unicodedata.normalize("NFKC", text)).casefold()


# Event finding asks again for every English report of every candidate event.
@lru_cache(maxsize=8192)
def alias_keys(text: str, aliases: Aliases) -> frozenset[str]:
    """The name skeletons of the English names whose aliases the text spells: 習近平 in
    Traditional or Simplified script, or a Latin spelling as a whole word."""
    if not aliases:
        return frozenset()
    haystack = _comparable(text)
    keys: set[str] = set()
    for spelling, name in aliases:
        needle = _comparable(spelling).strip()
        if not needle:
            continue
        if needle.isascii():
            found = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack)
        else:
            found = needle in haystack
        if found:
            keys |= english_name_keys(name)
    return frozenset(keys)


@lru_cache(maxsize=4096)
def cjk_pairs(text: str) -> frozenset[str]:
    """Pairs of consecutive Han or Hangul characters, Han in Simplified form (Japanese and
    Chinese write many words with the same characters; Korean with the same syllables)."""
    kept = "".join(
        ch if HAN_RE.match(ch) or HANGUL_RE.match(ch) else " " for ch in to_simplified(text)
    )
    return frozenset(run[i : i + 2] for run in kept.split() for i in range(len(run) - 1))


NUMBER_WORDS = {
    word: value
    for value, words in enumerate(
        [
            ("zero",),
            ("one", "first"),
            ("two", "second"),
            ("three", "third"),
            ("four", "fourth"),
            ("five", "fifth"),
            ("six", "sixth"),
            ("seven", "seventh"),
            ("eight", "eighth"),
            ("nine", "ninth"),
            ("ten", "tenth"),
            ("eleven", "eleventh"),
            ("twelve", "twelfth"),
        ]
    )
    for word in words
}
NUMBER_WORD_RE = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
FIGURE_RE = re.compile(r"\d+(?:[.,]\d+)*")
CJK_DIGITS = {ch: n for n, ch in enumerate("〇一二三四五六七八九")}
CJK_DIGITS |= {"两": 2, "兩": 2}
CJK_NUMERAL_RE = re.compile(
    r"[一二三四五六七八九两兩]?十[一二三四五六七八九]?|[一二三四五六七八九两兩]"
)


def _cjk_numeral(text: str) -> float:
    if "十" in text:
        tens, _, units = text.partition("十")
        return CJK_DIGITS.get(tens, 1) * 10 + CJK_DIGITS.get(units, 0)
    return CJK_DIGITS[text]


@lru_cache(maxsize=8192)
def figures(text: str) -> frozenset[float]:
    """The numbers a text gives, in figures, CJK numerals or English words ("two-hour")."""
    text = unicodedata.normalize("NFKC", text)
    found = {float(m.group(0).replace(",", "")) for m in FIGURE_RE.finditer(text)}
    found |= {float(NUMBER_WORDS[m.group(1).lower()]) for m in NUMBER_WORD_RE.finditer(text)}
    if HAN_RE.search(text):
        found |= {float(_cjk_numeral(m.group(0))) for m in CJK_NUMERAL_RE.finditer(text)}
    return frozenset(found)


def figure_weight(value: float) -> float:
    """How much a shared number tells: a small whole number (a day, a count of three) is
    common to many texts, a year half as telling as a precise figure (4.48, 7,382)."""
    if value != int(value) or value > 2100:
        return 1.0
    if 1900 <= value <= 2100:
        return 0.5
    return 0.5 if value > 31 else 0.25
