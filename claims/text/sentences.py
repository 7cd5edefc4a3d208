"""Sentence boundaries: where each sentence of a clean body starts and ends, by language."""

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import pysbd
from pysbd.languages import LANGUAGE_CODES

import languages

from .speakers import worded

# Japanese, Korean and Chinese letters, and where their sentences end.
CJK_CHAR = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
CJK_CHAR_RE = re.compile(f"[{CJK_CHAR}]")
# A sentence ends at 。！？ (closing quotes and brackets stay with it), at a Korean ending
# followed by a full stop and a space ("…했다. "), or at an English-style stop followed by
# CJK text. Inside 「」『』“” no sentence ends: a quote is kept whole.
CJK_BOUNDARY_RE = re.compile(
    rf"[。！？][」』”’)）]*|(?<=[다요죠까])[.!?][\"”’)]?(?=\s)|[.!?][\"”’)]?(?=\s+[{CJK_CHAR}])"
)
OPENING_QUOTES, CLOSING_QUOTES = "「『“", "」』”"
CLOSING_AFTER_QUOTE = tuple(CLOSING_QUOTES)


def is_cjk_sentence(sentence: str) -> bool:
    """Whether a sentence is written in Japanese, Korean or Chinese (by its letters)."""
    cjk = len(CJK_CHAR_RE.findall(sentence))
    return cjk > 0 and cjk >= len(re.findall(r"[A-Za-z]", sentence))


@dataclass(frozen=True)
class Candidate:
    text: str
    start: int
    end: int
    speaker: str = ""  # who a leading "He"/"She"/"It" stands for, when the text says
    score: float = 0.0  # how check-worthy the desk finds it (assess)

    @property
    def wording(self) -> str:
        """The sentence as a claim reads it: its speaker named, without a dateline."""
        return worded(self.text, self.speaker)


# --- sentence boundaries ------------------------------------------------------------------
# A line is a paragraph and sentences never run across one, so a heading without a full
# stop stays alone. Within a line, pySBD (a maintained rule-based segmenter that knows the
# abbreviations, initials, decimals, lists and ellipses of each language it covers) cuts
# Latin-script text; a CJK line keeps the desk's own cuts, which keep a quote 「…。」 whole.
# Each language the desk reads names its pySBD language (languages.get); a CJK line keeps
# the desk's cuts, and a Latin line in a CJK article, or in a language the desk does not
# read and pySBD lacks, is cut as English.
SEGMENTER_LANGUAGES = frozenset(LANGUAGE_CODES) - {"ja", "zh"}
# A line with no stop before its end, and no list marker "a)" (pySBD cuts there too), is
# one sentence: most lines of news are, and pySBD is the slow part of extraction.
ONE_SENTENCE_RE = re.compile(r"[^.!?。．！？)\r]*[.!?。．！？]*[\"'”’]*")


def split_sentences(body: str, language: str = "") -> list[Candidate]:
    """Sentences with their character offsets into body (paragraphs never run together).

    language is the article's tag where the caller knows it; without one, English.
    """
    language = segmenter_language(language)
    sentences = []
    for paragraph in re.finditer(r"[^\n]+", body):
        offset = paragraph.start()
        for begin, end in _paragraph_spans(paragraph.group(0), language):
            sentences.append(
                Candidate(body[offset + begin : offset + end], offset + begin, offset + end)
            )
    return sentences


def segmenter_language(tag: str) -> str:
    """The pySBD language a tag's Latin-script lines are cut in: the language's own rules
    (languages.get), else pySBD's for that language, else English."""
    language = languages.get(tag)
    if language is not None:
        return "en" if language.cjk else language.sentences
    base = tag.split("-")[0].lower()
    return base if base in SEGMENTER_LANGUAGES else "en"


# Long articles repeat lines (boilerplate, a re-ingested or released article is read
# again): the spans of a line depend on its text and language alone.
@lru_cache(maxsize=4096)
def _paragraph_spans(text: str, language: str) -> tuple[tuple[int, int], ...]:
    """(begin, end) of each sentence of one line, without surrounding whitespace."""
    if not is_cjk_sentence(text):
        return _punctuation_joined(text, _segmented_spans(text, language))
    spans, begin = [], 0
    for end in [*_cjk_boundaries(text), len(text)]:
        if end <= begin:
            continue
        if is_cjk_sentence(text[begin:end]):
            spans.append(_stripped(text, begin, end))
        else:  # English within a CJK line ("… The ministers met. …")
            spans.extend(
                (begin + b, begin + e) for b, e in _segmented_spans(text[begin:end], language)
            )
        begin = end
    return _punctuation_joined(text, [span for span in spans if span[0] < span[1]])


def _punctuation_joined(text: str, spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """The spans, a piece of punctuation alone joined to its neighbour: a closing quote the
    segmenter left alone ('… as we are. ”') belongs to the sentence before. (An emoji or
    other symbol after a sentence stays apart, as it always has.)"""
    joined: list[tuple[int, int]] = []
    for begin, end in spans:
        if joined and (
            only_punctuation(text[begin:end]) or only_punctuation(text[slice(*joined[-1])])
        ):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((begin, end))
    return tuple(joined)


def only_punctuation(piece: str) -> bool:
    return all(unicodedata.category(char).startswith("P") or char.isspace() for char in piece)


@cache
def _segmenter(language: str) -> pysbd.Segmenter:
    return pysbd.Segmenter(language=language, clean=False)


def _segmented_spans(text: str, language: str) -> list[tuple[int, int]]:
    """pySBD's sentences of text, located in it.

    The sentences come from the segmenter's processor, which is made per call: the
    Segmenter's own segment() keeps the text on the shared instance (not safe across
    threads) and drops a sentence it cannot find again. Here each sentence is found after
    the previous one; should the segmenter ever have changed a character, the rest of the
    line is kept as one sentence, so no text is lost and every offset is exact.
    """
    if ONE_SENTENCE_RE.fullmatch(text.strip()):
        return [_stripped(text, 0, len(text))] if text.strip() else []
    spans, cursor = [], 0
    for sentence in _segmenter(language).processor(text).process():
        sentence = sentence.strip()
        if not sentence:
            continue
        start = text.find(sentence, cursor)
        if start < 0 or text[cursor:start].strip():
            break
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    if text[cursor:].strip():
        spans.append(_stripped(text, cursor, len(text)))
    return spans


def _stripped(text: str, begin: int, end: int) -> tuple[int, int]:
    piece = text[begin:end]
    start = begin + len(piece) - len(piece.lstrip())
    return start, start + len(piece.strip())


def _cjk_boundaries(text: str) -> list[int]:
    """Where CJK sentences end in one line: at stops outside quotes."""
    ends = []
    depth = _quote_depths(text)
    for boundary in CJK_BOUNDARY_RE.finditer(text):
        end = boundary.end()
        if depth[end] > 0:
            continue  # inside a quote
        quoted = boundary.group(0).endswith(CLOSING_AFTER_QUOTE)
        if quoted and end < len(text) and not text[end].isspace():
            continue  # 「…。」と述べた: the quote goes on into its sentence
        ends.append(end)
    return sorted(set(ends))


def _quote_depths(text: str) -> list[int]:
    """How many CJK quotes are open before each position of text."""
    depths, depth = [0], 0
    for char in text:
        if char in OPENING_QUOTES:
            depth += 1
        elif char in CLOSING_QUOTES and depth:
            depth -= 1
        depths.append(depth)
    return depths
