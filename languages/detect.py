"""The language of an article, as a BCP-47 tag (what the desk can do with it: languages.get).

Detection starts from the script, which needs no model: kana means Japanese, Hangul
Korean, Han characters alone Chinese (Traditional when converting it to Simplified
changes a noticeable share of its characters). Latin script is shared by many languages:
py3langid (a naive Bayes model over byte n-grams) tells them apart, and anything it is
not sure of stays English, the desk's first language, so that no English report is read
by another language's rules on a wrong guess. Other scripts get the language their script is
written in when one language owns it (Thai), else "und-" and the script's code
(Cyrillic, Arabic, …), so an article is always stored with what is known of its language.
"""

import re
import unicodedata
from functools import lru_cache

from . import get

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

# The Latin-script languages news on the desk is written in. Choosing among these only
# keeps a rarer language's near twin from outscoring English on a short text; a Latin
# language left out is mostly told as its nearest one here.
LATIN_LANGUAGES = (
    "en", "es", "fr", "de", "pt", "it", "nl", "ca", "ro", "pl", "cs", "sk", "hr", "sl",
    "sv", "da", "no", "fi", "et", "hu", "tr", "id", "vi", "tl", "sw",
)  # fmt: skip
# Another language is named only when the model gives it this probability (py3langid
# scales its scores by the text's length, so a short text is rarely this sure) ...
MIN_CONFIDENCE = 0.99
# ... over at least this many words once names, numbers and links are left out: a
# headline, a list of names or a two-line post is too little to overrule English.
MIN_WORDS = 12
LINK_RE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+|[#@]\w+")
WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")

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
        # A Latin text quoting a CJK name is read as a Latin text.
        return latin_language(sample)
    if letters["hangul"] >= max(letters["kana"], letters["han"] / 4):
        return "ko"
    if letters["kana"] >= MIN_KANA_SHARE * (letters["kana"] + letters["han"]):
        return "ja"
    return chinese_variant(sample)


def latin_language(text: str) -> str:
    """The language of a Latin-script text: English unless the model is sure of another."""
    # Capitalised words are mostly names, which belong to no language (an English report
    # from Madrid is full of Spanish ones); the lower-case words carry the grammar.
    words = [word for word in WORD_RE.findall(LINK_RE.sub(" ", text)) if word[0].islower()]
    if len(words) < MIN_WORDS:
        return "en"
    tag, confidence = _latin_identifier().classify(" ".join(words))
    return tag if tag != "en" and confidence >= MIN_CONFIDENCE else "en"


@lru_cache(maxsize=1)
def _latin_identifier():
    # Loaded on first use (about 0.6 s): a process that never meets a Latin text skips it.
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import load_model

    # The model's columns for these languages only, the rest let go: a third less memory
    # than loading all of it and restricting it (set_languages keeps the whole as well).
    weights, priors, tags, moves, rows, outputs = load_model(MODEL_DIR / MODEL_FILE)
    kept = [n for n, tag in enumerate(tags) if tag in LATIN_LANGUAGES]
    return LanguageIdentifier(
        np.asarray(weights)[:, kept],
        np.asarray(priors)[kept],
        [tags[n] for n in kept],
        moves,
        outputs,
        norm_probs=True,
        tk_row=rows,
    )


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
    # A region says nothing the desk reads by: "es-MX" is Spanish, "fr-CA" French.
    base = low.split("-")[0]
    if get(base) is not None:
        return base
    return tag
