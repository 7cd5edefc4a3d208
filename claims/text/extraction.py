"""Find the check-worthy factual sentences of a clean article body."""

import re
import unicodedata
from collections.abc import Collection

import languages
from languages.base import Language

from .checkworthiness import checkworthiness, checkworthiness_model
from .sentences import Candidate, is_cjk_sentence, only_punctuation, split_sentences
from .speakers import Speakers

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
    return rest != text and only_punctuation(rest)
