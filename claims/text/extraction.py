"""Find the check-worthy factual sentences of a clean article body."""

import json
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache, lru_cache
from operator import itemgetter
from pathlib import Path

import pysbd
from pysbd.languages import LANGUAGE_CODES

import languages
from languages.base import Language

from .matching import CAMEL_RE, URL_RE
from .speakers import Speakers, worded

# Structural filters, cheap and applied before the model: the debate transcripts it learnt
# from have no page layout, so headings (no closing punctuation), questions and fragments
# are left out here. Four words already make a claim ("Police arrested three men.").
MIN_WORDS, MAX_WORDS = 4, 150
SUMMARY_BULLETS = ("•", "▪", "‣", "◦", "●", "■")
CLOSING_RE = re.compile(r"[.!\"”’')]$")
# The writer's own verdict, a register the debates barely have: such a sentence is
# commentary unless it is attributed to someone. (None of the 13 training sentences that
# hold one of the first line's is check-worthy.) The second line is the same register in
# diplomatic reports: a move "aligns with" an aim, serves "mutual benefit", opens "a new
# chapter", in "a cordial atmosphere" (none of the 11 training sentences, debates, tweets
# and the desk's news set, that hold one of these is check-worthy either).
COMMENTARY_RE = re.compile(
    r"\b(?:bodes? (?:well|ill)|testament to|milestone|pivotal|crucial|vital|poised to|"
    r"significant (?:step|leap|stride)s?|paves? the way|game[- ]changer|remains to be seen|"
    r"sends? an? (?:\w+ )?(?:message|signal)|step in the right direction|turning point|"
    r"aligns? with|in line with the (?:\w+ )?(?:goals?|objectives?|aims?|vision|spirit)|"
    r"(?:broader|overall|shared|long-term) (?:goals?|objectives?|aims?|vision)|"
    r"mutual(?:ly)? benefi\w*|win-win|shared prosperity|new (?:chapter|era)|broad prospects|"
    r"(?:common|mutual) (?:concerns?|interests?)|"
    r"(?:cordial|friendly|constructive|candid|pragmatic)(?: and \w+)? atmosphere)\b",
    re.IGNORECASE,
)
ATTRIBUTION_RE = re.compile(
    r"\b(?:said|says|stated|told|announced|according to|emphasi[sz]ed|stressed|underscored|"
    r"highlighted|urged|called|argued|warned|noted|added|insisted|claimed|agreed|reaffirmed|"
    r"pledged|echoed|proposed|suggested|mentioned|unveiled|wrote)\b",
    re.IGNORECASE,
)
# "Foreign Minister Wang Yi said ...", "Yi urged ...": who said what is itself a claim the
# desk tracks, though the debates the model learnt from rarely report speech. A one-word
# name counts once the article has named that person, and "He"/"She" once it has named
# anyone (the words of SPEAKER_RE's names, gathered by extract_claim_sentences).
REPORTED_SPEECH_RE = re.compile(
    r"^(?:[^,]{1,60}, )?(?P<name>[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,5})(?:, [^,]{1,80},)? "
    r"(?:also |later |again |then )?(?:said|says|stated|told|announced|emphasi[sz]ed|stressed|"
    r"underscored|highlighted|urged|called for|calls for|proposed|suggested|warned|noted|"
    r"added|insisted|reaffirmed|pledged|encouraged|mentioned|acknowledged)\b"
)
# "The council said …", "The three ministers agreed …", "All parties agreed …", "Both
# sides said …": a body named by its common noun speaks or decides, which news reports as
# often as a person's words (the debates and tweets the model learnt from rarely do).
BODY_SPEECH_RE = re.compile(
    r"^(?:[^,]{1,60}, )?(?:The|All(?: the)?|Both(?: the)?) (?:[a-z][\w-]* ){0,2}[a-z][\w-]* "
    r"(?:also |later |again |then )?"
    r"(?:said|says|stated|told|announced|agreed|confirmed|pledged|reaffirmed|warned|added)\b"
)
PRONOUNS = {"He", "She"}
# What marks a social post (an embedded tweet, a post quoted whole): a link, a @handle, a
# #tag (a letter first, so "#1" is no tag), an emoji or pictograph, or a cut-off "…".
_EMOJI = r"[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2B55\u203C\u2049\uFE0F\u200D]"
SOCIAL_MARK_RE = re.compile(
    r"(?:https?://|www\.|pic\.twitter\.com/)\S+|(?<![\w@])@\w|(?<![\w#&])#[^\W\d_]|" + _EMOJI
)
# The same marks taken whole: a line made of nothing else (a post's link, its tags or
# emoji pasted below its text) is that post's tail, not a paragraph of its own.
POST_TAIL_RE = re.compile(
    r"(?:https?://|www\.|pic\.twitter\.com/)\S+|(?<![\w@])@\w+|(?<![\w#&])#\w+|" + _EMOJI
)
TRAILING_ELLIPSIS_RE = re.compile(r"(?:…|\.\.\.)[\"”’')]?\s*$")
# A paragraph with those marks is read as one post when it is no longer than a post.
MAX_POST_WORDS = 100
NOT_SPEAKERS = {
    "It",
    "They",
    "We",
    "I",
    "You",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "And",
    "But",
    "So",
    "Now",
    "Well",
    "What",
    "All",
    "As",
    "When",
    "If",
    "Everybody",
}

# --- Japanese, Korean and Chinese ---------------------------------------------------------
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
# Statement verbs of news reporting, and the verbs that report a happening (met, held,
# agreed, announced): the CJK counterpart of "said" and of the model's cues.
CJK_STATEMENT_RE = re.compile(
    r"述べ|強調|合意|明らかに|発表|表明|語っ|話し|指摘|説明|伝え|報じ|によると|によれば|確認|"
    r"要請|求め|示し|批判|反発|懸念|約束|署名|"
    r"밝혔|강조|합의|말했|발표|전했|지적|설명|덧붙|에 따르면|확인|요청|촉구|비판|우려|약속|서명|"
    r"表示|强调|強調|同意|指出|宣布|宣佈|透露|称|稱|说|說|据.{0,12}报道|據.{0,12}報導|"
    r"达成|達成|签署|簽署|呼吁|呼籲|批评|批評|承诺|承諾|确认|確認|"
    r"发表|發表|公布|公佈|显示|顯示"
)
CJK_HAPPENING_RE = re.compile(
    r"会談|会合|会議|開催|開いた|行った|訪問|発生|死亡|負傷|決定|決め|採択|"
    r"회담|회의|개최|열렸|열린|했다|방문|발생|숨졌|다쳤|결정|채택|"
    r"会谈|會談|会议|會議|举行|舉行|召开|召開|访问|訪問|发生|發生|死亡|受伤|受傷|决定|決定|通过|通過|"
    r"当選|당선|当选|當選"
)
# A figure (any digits, or a CJK numeral before a counter) or a date is a cue of a fact.
CJK_FIGURE_RE = re.compile(
    r"\d|[一二三四五六七八九十百千万萬億亿两兩]+\s*(?:時間|小时|小時|시간|人|名|명|件|건|"
    r"回|次|번|年|년|月|월|日|일|億|亿|万|萬|%|％|個|个|개국|か国|カ国|国|國)"
)
# A quantity: a number with a unit or a counter other than a date's, a decimal, a
# percentage or an ordinal. Stating one is stating something checkable (the strongest cue
# of check-worthy sentences in ClaimBuster's labels, and of this desk's English model); a
# date alone is not, every report has one.
_NUMERAL = r"(?:\d+(?:[.,]\d+)*|[一二三四五六七八九十百千两兩]+)"
CJK_QUANTITY_RE = re.compile(
    r"\d[.,]\d|[%％]|パーセント|퍼센트|第\s*" + _NUMERAL + "|" + _NUMERAL + r"\s*(?:"
    r"時間|小时|小時|시간|分間|分钟|分鐘|人|名|명|件|건|回|次|번|億|亿|万|萬|억|만|"
    r"個|个|개|か国|カ国|ヵ国|개국|国|國|円|元|원|ドル|달러|美元|倍|隻|척|台|대|"
    r"年ぶり|년 만|年来|年來|キロ|킬로|公里|トン|톤|吨|噸)"
)
CJK_QUESTION_RE = re.compile(r"[？?][」』”’)）]*$")
CJK_END_RE = re.compile(r"(?:[。！.][」』”’)）\"]*|[」』”])$")
CJK_MIN_CHARS, CJK_MAX_CHARS = 10, 400
# The queue's score of a CJK claim (without, with a quantity): the rule has no
# probability, so a kept sentence ranks as a likely English one does.
CJK_SCORES = (0.6, 0.75)


def is_cjk_sentence(sentence: str) -> bool:
    """Whether a sentence is written in Japanese, Korean or Chinese (by its letters)."""
    cjk = len(CJK_CHAR_RE.findall(sentence))
    return cjk > 0 and cjk >= len(re.findall(r"[A-Za-z]", sentence))


def is_check_worthy_cjk(sentence: str) -> bool:
    """A CJK sentence that states something checkable: reported speech (a statement verb),
    a quantity, or a happening with a figure or a date; never a heading, a question or a
    fragment."""
    text = unicodedata.normalize("NFKC", sentence.strip())
    if not CJK_MIN_CHARS <= len(text) <= CJK_MAX_CHARS:
        return False
    if CJK_QUESTION_RE.search(text) or not CJK_END_RE.search(text):
        return False
    if text.startswith(SUMMARY_BULLETS):
        return False
    if CJK_STATEMENT_RE.search(text) or CJK_QUANTITY_RE.search(text):
        return True
    from articles.dates import find_cjk_date

    return bool(CJK_HAPPENING_RE.search(text)) and bool(
        CJK_FIGURE_RE.search(text) or find_cjk_date(text)
    )


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
            _only_punctuation(text[begin:end]) or _only_punctuation(text[slice(*joined[-1])])
        ):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((begin, end))
    return tuple(joined)


def _only_punctuation(piece: str) -> bool:
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


def assess(text: str, named: Collection[str] = (), language: str = "") -> tuple[bool, float]:
    """The desk's decision on one unit (a sentence, or a social post whole) and its score.

    The score ranks the review queue and the benchmark: the model's probability, or 0
    when the filters refuse the unit before the model. It is kept when the filters let it
    through and it reports speech or scores at least the model's threshold; named holds
    the words of the names the article gave before it. language is the article's tag:
    a Latin-script unit in a language other than the model's is decided by its cues
    (assess_by_cues); without a tag, the unit is read as English.
    """
    if is_cjk_sentence(text):
        # No model for CJK: the rule decides, and a quantity (the strongest cue) ranks higher.
        if not is_check_worthy_cjk(text):
            return False, 0.0
        quantity = CJK_QUANTITY_RE.search(unicodedata.normalize("NFKC", text))
        return True, CJK_SCORES[bool(quantity)]
    reader = languages.get(language)
    if reader is not None and not reader.cjk and reader.tag != MODEL_LANGUAGE:
        return assess_by_cues(text, reader)
    if not passes_filters(text):
        return False, 0.0
    score = checkworthiness(text)
    return reports_speech(text, named) or score >= checkworthiness_model().threshold, score


# The language the check-worthiness model learnt from (ClaimBuster's debates, English
# tweets and news); CUE_SCORES rank a unit another Latin language's cues keep.
MODEL_LANGUAGE = "en"
CUE_SCORES = CJK_SCORES


def assess_by_cues(text: str, language: Language) -> tuple[bool, float]:
    """The decision and score for a unit in a Latin-script language the model never saw.

    The model's weights are English words, English word pairs and the character n-grams
    of English words; a Spanish, French or German sentence shares few of them, so its
    probability would say how English the sentence looks rather than how check-worthy it
    is (and a translated training set, to learn from, does not exist here). What the
    model found mattering most does not depend on the language, though: a figure, and
    someone reported as saying something. So, as for CJK (is_check_worthy_cjk), a rule
    decides with those cues, both read from the language's module: the unit is kept when
    it passes the structural filters (length, a closing stop, no question, no bullet)
    and either gives a statement verb or an attribution ("dijo", "a déclaré", "laut")
    or a figure (digits, a percentage, a number word). The score ranks it as a likely
    English claim is ranked, higher with a figure. English is never read this way: its
    scores stay the model's.
    """
    if not passes_filters(text):
        return False, 0.0
    speech = language.statement_re is not None and language.statement_re.search(text)
    figure = language.number_re.search(text)
    if not (speech or figure):
        return False, 0.0
    return True, CUE_SCORES[bool(figure)]


def is_check_worthy(sentence: str, named: Collection[str] = (), language: str = "") -> bool:
    """Whether the desk keeps the unit as a claim (assess, without its score)."""
    return assess(sentence, named, language)[0]


def reports_speech(sentence: str, named: Collection[str] = ()) -> bool:
    if BODY_SPEECH_RE.match(sentence):
        return True
    match = REPORTED_SPEECH_RE.match(sentence)
    if not match:
        return False
    words = match.group("name").split()
    if words[0] in NOT_SPEAKERS:
        return False
    if words[0] in PRONOUNS:
        return len(words) == 1 and bool(named)
    return len(words) > 1 or words[0] in named


def is_social_post(text: str) -> bool:
    """Whether text carries a post's furniture: a link, a @handle, a #tag, an emoji, or a
    trailing "…" where a post was cut. Such a text is one unit, however it is punctuated."""
    return bool(SOCIAL_MARK_RE.search(text) or TRAILING_ELLIPSIS_RE.search(text))


def passes_filters(sentence: str) -> bool:
    """Not a heading, question, fragment or unattributed commentary (checked before the model).

    A social post is never refused here: it is a unit of its own (often several sentences
    ending in a link, a tag or an emoji), and the model, trained on posts too, scores it."""
    if is_social_post(sentence):
        return bool(sentence.strip())
    if not MIN_WORDS <= len(sentence.split()) <= MAX_WORDS:
        return False
    if not CLOSING_RE.search(sentence):
        return False  # headings, questions, page furniture without a full stop
    if sentence.lstrip().startswith(SUMMARY_BULLETS):
        return False  # a "key points" box restates the body, where the facts are attributed
    return not (COMMENTARY_RE.search(sentence) and not ATTRIBUTION_RE.search(sentence))


def extract_claim_sentences(body: str, language: str = "") -> list[Candidate]:
    """The units of body the desk keeps as claims, each with its score and speaker."""
    claims, speakers = [], Speakers(language)
    for unit, sentences in _units(body, language):
        kept, score = assess(unit.text, speakers.named_words(), language)
        if kept:
            speaker = speakers.speaker(unit.text)
            claims.append(Candidate(unit.text, unit.start, unit.end, speaker, score))
        for sentence in sentences:
            speakers.read(sentence.text)
    return claims


def _units(body: str, language: str = ""):
    """(unit, its sentences): each sentence, except that a paragraph that is a social post
    (is_social_post, no longer than a post) is one unit however many sentences it has. A
    line of a post's marks alone (its link, tags or emoji) belongs to the paragraph above."""
    for paragraph in _paragraphs(body, language):
        first, last = paragraph[0], paragraph[-1]
        whole = Candidate(body[first.start : last.end], first.start, last.end)
        if (
            len(paragraph) > 1
            and is_social_post(whole.text)
            and len(whole.text.split()) <= MAX_POST_WORDS
            and not is_cjk_sentence(whole.text)
        ):
            yield whole, paragraph
        else:
            yield from ((s, [s]) for s in paragraph)


def _paragraphs(body: str, language: str) -> list[list[Candidate]]:
    """The sentences of body by paragraph, a line of post marks alone joined to the one above."""
    paragraphs: list[list[Candidate]] = []
    previous_end = None
    for sentence in split_sentences(body, language):
        new_line = previous_end is None or "\n" in body[previous_end : sentence.start]
        if new_line and not (paragraphs and _is_post_tail(_line_at(body, sentence))):
            paragraphs.append([sentence])
        else:
            paragraphs[-1].append(sentence)
        previous_end = sentence.end
    return paragraphs


def _line_at(body: str, sentence: Candidate) -> str:
    end = body.find("\n", sentence.start)
    return body[sentence.start : end if end >= 0 else len(body)]


def _is_post_tail(text: str) -> bool:
    """Whether text is made of a post's marks alone (links, @handles, #tags, emoji)."""
    rest = POST_TAIL_RE.sub("", text)
    return rest != text and _only_punctuation(rest)


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
