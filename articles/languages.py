"""The language of an article, as a BCP-47 tag, and what the desk can do with it.

Detection is by script, which needs no model: kana means Japanese, Hangul Korean, Han
characters alone Chinese (Traditional when converting it to Simplified changes a
noticeable share of its characters), Latin English (the one Latin language the
pipeline reads). Other scripts get the language their script is written in when one
language owns it (Thai), else "und-" and the script's code (Cyrillic, Arabic, …), so an
article is always stored with what is known of its language.
"""

import re
import unicodedata
from functools import lru_cache

# The languages whose claims the desk extracts.
SUPPORTED = ("en", "ja", "ko", "zh-Hans", "zh-Hant")
CJK = ("ja", "ko", "zh-Hans", "zh-Hant")

KANA_RE = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
HANGUL_RE = re.compile(r"[\uac00-\ud7af\u1100-\u11ff\u3130-\u318f]")
HAN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
LATIN_RE = re.compile(r"[A-Za-z\u00c0-\u024f]")
# Scripts one language owns, and scripts shared by many (tagged und-<script>).
OTHER_SCRIPTS = [
    (re.compile(r"[\u0e00-\u0e7f]"), "th"),
    (re.compile(r"[\u0e80-\u0eff]"), "lo"),
    (re.compile(r"[\u1780-\u17ff]"), "km"),
    (re.compile(r"[\u0370-\u03ff]"), "el"),
    (re.compile(r"[\u0590-\u05ff]"), "und-Hebr"),
    (re.compile(r"[\u0600-\u06ff\u0750-\u077f]"), "und-Arab"),
    (re.compile(r"[\u0400-\u04ff]"), "und-Cyrl"),
    (re.compile(r"[\u0900-\u097f]"), "und-Deva"),
]
# Kana among Han characters: a few are enough (Japanese writes its particles in them),
# while a Chinese text may quote one Japanese name.
MIN_KANA_SHARE = 0.05
# Share of Han characters OpenCC changes from Traditional to Simplified above which a text
# is Traditional: Simplified text changes almost nothing (a few variant forms), Traditional
# news text changes a quarter to a third of its characters.
TRADITIONAL_SHARE = 0.08
SAMPLE = 5000

# What writers and pages call these languages, mapped onto the desk's tags.
ALIASES = {
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-hans": "zh-Hans",
    "zh-hans-cn": "zh-Hans",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "zh-hant": "zh-Hant",
    "zh-hant-tw": "zh-Hant",
    "ja-jp": "ja",
    "ko-kr": "ko",
}


def detect_language(text: str) -> str:
    """The BCP-47 tag of text's language, told from its script."""
    sample = unicodedata.normalize("NFKC", text[:SAMPLE])
    letters = {
        "kana": len(KANA_RE.findall(sample)),
        "hangul": len(HANGUL_RE.findall(sample)),
        "han": len(HAN_RE.findall(sample)),
        "latin": len(LATIN_RE.findall(sample)),
    }
    others = [(len(pattern.findall(sample)), tag) for pattern, tag in OTHER_SCRIPTS]
    cjk = letters["kana"] + letters["hangul"] + letters["han"]
    other, other_tag = max(others, default=(0, ""))
    if other > max(cjk, letters["latin"]):
        return other_tag
    if cjk == 0 or cjk < letters["latin"] / 4:
        # A Latin text quoting a CJK name stays English.
        return "en"
    if letters["hangul"] >= max(letters["kana"], letters["han"] / 4):
        return "ko"
    if letters["kana"] >= MIN_KANA_SHARE * (letters["kana"] + letters["han"]):
        return "ja"
    return chinese_variant(sample)


def chinese_variant(text: str) -> str:
    han = HAN_RE.findall(text)
    if not han:
        return "zh-Hans"
    simplified = to_simplified("".join(han))
    changed = sum(1 for a, b in zip(han, simplified, strict=False) if a != b)
    return "zh-Hant" if changed / len(han) >= TRADITIONAL_SHARE else "zh-Hans"


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # opencc-python-reimplemented: its dictionaries ship with it

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=8192)
def to_simplified(text: str) -> str:
    """Traditional characters as Simplified, so the two compare equal (also for Japanese
    kanji that share a Traditional form)."""
    return _t2s().convert(text)


def normalise_tag(tag: str, text: str = "") -> str:
    """A tag given by a manifest or a page, in the desk's spelling ("zh-TW" → "zh-Hant").

    A bare "zh" says nothing of the script: the text decides.
    """
    tag = tag.strip().replace("_", "-")
    if not tag:
        return ""
    low = tag.lower()
    if low in ALIASES:
        return ALIASES[low]
    if low == "zh":
        return chinese_variant(text) if text else "zh-Hans"
    base = low.split("-")[0]
    if base in {"en", "ja", "ko"}:
        return base
    return tag


def is_supported(tag: str) -> bool:
    return tag in SUPPORTED


def is_cjk(tag: str) -> bool:
    return tag in CJK


def dateparser_language(tag: str) -> str:
    """The code dateparser knows the language by."""
    return {"zh-Hans": "zh", "zh-Hant": "zh-Hant"}.get(tag, tag.split("-")[0])
