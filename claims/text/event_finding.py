"""What an article reports on, read from its opening, and whether two reports agree on it.

A report is described by its lead: the headline, the dateline and the first sentences,
leaving out background about earlier happenings ("the previous meeting was held in
Tokyo in 2019"). From the lead come the names it gives (people, organisations, places),
the place where the happening is, the happening's own name when it has one ("the 10th
China-Japan-ROK Foreign Ministers' Meeting") and the date. Nothing here knows any story:
the rules are about how news reports are written.
"""

import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

import languages
from articles.dates import ABSOLUTE_RE, MONTH_NUMBERS, MONTHS

from .stemming import stem as _stem_word

DATED_SENTENCES = 8  # sentences of the body where the happening's date is looked for
LEAD_SENTENCES = 5  # sentences of the body, after the headline, that say what it is about
# "SEOUL, Nov 26 (Reuters) -", "BUSAN, South Korea —", "LONDON (AP) —"
DATELINE_RE = re.compile(
    r"^(?P<city>(?-i:[A-Z][A-Z’'.-]+(?:\s+[A-Z][A-Z’'.-]+){0,3}))"
    r"(?:,\s*(?P<region>(?-i:[A-Z][\w.]+(?:\s+[A-Z][\w.]+){0,2})))?"
    rf"(?:,?\s*(?P<date>(?:{MONTHS})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?))?"
    r"\s*(?:\((?P<agency>[^)]{2,40})\)|/[^/\n]{2,40}/)?\s*(?:-{1,2}|–|—)\s+",
    re.IGNORECASE,
)
ORDINAL_WORDS = {
    word: number
    for number, word in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth".split(),
        start=1,
    )
}
HAPPENING_KINDS = (
    "Meeting|Meetings|Forum|Summit|Conference|Dialogue|Talks|Congress|Assembly|Session|"
    "Games|Olympics|Championships?|Cup|Festival|Expo|Exhibition|Fair|Awards|Convention|"
    "Symposium|Council|Plenum|Election|Marathon|Week"
)
# "the 10th China-Japan-ROK Foreign Ministers’ Meeting", "Ninth Japan-China-ROK Trilateral
# Summit", "the 20th Beijing-Tokyo Forum": an ordinal, capitalised words, a kind of happening.
NAMED_HAPPENING_RE = re.compile(
    rf"\b(?P<ordinal>\d+(?:st|nd|rd|th)|(?i:{'|'.join(ORDINAL_WORDS)}))\s+"
    rf"(?P<series>(?:[A-Z][\w’'.–-]*\s+){{0,6}}?(?:{HAPPENING_KINDS}))\b",
)
_CAPITAL_WORD = r"[A-Z][a-zA-Z’'.-]+"
_PLACE = rf"(?P<place>{_CAPITAL_WORD}(?:\s+{_CAPITAL_WORD}){{0,2}})"
# Where a happening is: "held in Busan", "met in Seoul", "Summit in Seoul", "in Seoul on Monday".
PLACE_RES = [
    re.compile(
        r"\b(?:held|hosted|convened|opened|took place|takes place|met|meet|meets|gathered|"
        r"gather|arrived|landed|staged|(?:"
        + HAPPENING_KINDS
        + rf"|meeting|summit|talks|forum|conference|session|visit))\s+in\s+{_PLACE}"
    ),
    re.compile(
        rf"\bin\s+{_PLACE}\s+on\s+(?i:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:{MONTHS})\b)"
    ),
]
NOT_PLACES = frozenset(
    (
        f"{MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the|a|an|this|"
        "that|his|her|their|its|our|which|what|person|public|private|total|all|general|"
        "office|power|time|part|response|order|addition|particular|person"
    ).split("|")
)
# Background about an earlier happening, which must neither move an article nor name it.
BACKGROUND_RE = re.compile(
    r"\b(?:previous|preceding|prior|earlier|former|last)\s+(?:[\w’'-]+\s+){0,3}?"
    r"(?:meeting|meetings|summit|summits|talks|session|decision|decisions|edition|round|"
    r"event|forum|conference|election|visit|gathering|time|year|years|month|months|week|"
    r"weeks|season|race|match|vote)\b"
    r"|\b(?:next|upcoming)\s+(?:[\w’'-]+\s+){0,2}?(?:meeting|summit|talks|session|decision|"
    r"edition|round|event|forum|conference|election|visit|vote)\b"
    r"|\b(?:years|decades|months)\s+ago\b|\bsince\s+(?:then|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
YEAR_RE = re.compile(r"\b(?:19|20)\d\d\b")
MONTH_NAMES = (
    "January February March April May June July August September October November December"
).split()
# "in July", "last March": a month without a day or a year.
BARE_MONTH_RE = re.compile(
    rf"\b(?:in|since|until|by|last|this)\s+({'|'.join(MONTH_NAMES)})\b(?!\s*\d)"
)
SENTENCE_END_RE = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
NAME_RE = re.compile(r"(?<![\w’'])[A-Z][\w’'.&-]*")
# Capitalised words that do not name anything: sentence openers and function words.
NOT_NAMES = frozenset(
    (
        f"{MONTHS}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|the|a|an|in|on|"
        "at|he|she|it|they|we|i|you|this|that|these|those|but|and|or|as|after|before|while|"
        "when|with|for|from|by|of|to|his|her|their|its|our|my|your|there|here|what|who|why|"
        "how|where|which|all|some|one|two|three|four|five|both|each|also|however|meanwhile|"
        "yet|so|if|then|than|not|no|mr|mrs|ms|dr|said|says|according|speaking|asked|"
        "earlier|later|today|yesterday|tomorrow|last|next|new|more|most|many|such|other|"
        "among|about|over|under|under|during|despite|since|until|amid|following|once|"
        "now|still|even|only|just|because|although|though|instead|within|without|"
        "year|years|week|weeks|day|days|month|months"
    ).split("|")
)
STOPWORDS = NOT_NAMES | frozenset(
    "is are was were be been being will would should could can may might must has have "
    "had do does did into onto than then very much own same up down out off again".split()
)
WORD_RE = re.compile(r"[a-z][a-z’'-]+")
# Weights of the evidence that two reports tell of one happening.
NAME_WEIGHT, WORD_WEIGHT = 1.0, 0.5
# Two leads sharing this share of their headline and first sentence's words are written
# from one template (see different_subjects).
TEMPLATE_SHARE = 0.6


@dataclass(frozen=True)
class Description:
    """What an article's lead says it is about."""

    terms: dict[str, float]  # name tokens and headline word stems, with their weight
    key: frozenset[str] = frozenset()  # the names the headline (or first sentence) is about
    subjects: frozenset[str] = frozenset()  # the names of the headline and first sentence
    place: str = ""  # where the happening is, as written ("Busan")
    dateline: str = ""  # the dateline's city, as written
    happening: str = ""  # the happening's own name, as written
    series: str = ""  # that name without its ordinal, to compare ("china-japan-rok ... meeting")
    ordinal: int | None = None
    date_phrase: str = ""  # the dateline's date, when it has one ("Nov 26")
    # The lead's content: how often each word stem and figure occurs in the headline and
    # the sentences that are not background (see content_scores).
    content: dict[str, int] = field(default_factory=dict)

    @property
    def places(self) -> frozenset[str]:
        return frozenset(p.lower() for p in (self.place, self.dateline) if p)


def sentences(text: str) -> list[str]:
    return [s.strip() for p in text.split("\n") for s in SENTENCE_END_RE.split(p) if s.strip()]


def is_background(sentence: str, year: int | None, month: int | None = None) -> bool:
    """Whether a sentence looks back (or ahead) at another happening than the one told.

    year and month are when the report was written, as far as known: a sentence whose
    years are all earlier, or that names only a month two or more months away ("a
    festival was held in Hong Kong in July" in a December report), tells of another time.
    """
    if BACKGROUND_RE.search(sentence):
        return True
    years = [int(y) for y in YEAR_RE.findall(sentence)]
    if year and years and max(years) < year:
        return True
    months = [MONTH_NUMBERS[m.lower()[:3]] for m in BARE_MONTH_RE.findall(sentence)]
    return bool(month and months and all(2 <= (month - m) % 12 <= 10 for m in months))


def reference_year(body: str, published: date | None) -> int | None:
    """The year the report is written in: its date, else the latest year it mentions."""
    if published:
        return published.year
    years = [int(y) for y in YEAR_RE.findall(body)]
    return max(years) if years else None


def lead(title: str, body: str, published: date | None = None) -> list[str]:
    """The headline and the first sentences of the body that are not background."""
    year = reference_year(body, published)
    month = published.month if published else None
    told = [s for s in sentences(body) if not is_background(s, year, month)][:LEAD_SENTENCES]
    return ([title] if title and not is_background(title, year, month) else []) + told


def _name_tokens(sentence: str, openers: frozenset[str] | None = None) -> list[str]:
    """The name words of a sentence, lowercased.

    Its first word is capitalised whatever it is, so it counts only when it is in
    openers (names the lead capitalises elsewhere too) or written in capitals.
    """
    tokens = []
    for match in NAME_RE.finditer(sentence):
        word = match.group(0)
        if (
            openers is not None
            and not sentence[: match.start()].strip(" “\"‘'(")
            and not word.isupper()
            and word.lower().strip(".’'") not in openers
        ):
            continue
        for part in re.split(r"[-–]", word):
            token = re.sub(r"[’']s$|[.’']", "", part).lower()
            if (
                part[:1].isupper()
                and len(token) >= 2
                and token not in NOT_NAMES
                and token not in ORDINAL_WORDS
            ):
                tokens.append(token)
    return tokens


def _key_names(title: str, told: list[str]) -> frozenset[str]:
    """The names a report is about: its headline's, else its first sentence's.

    A headline in title case capitalises every word, so only the words that the body
    capitalises too count there as names.
    """
    openers = _inner_names(told)
    if title:
        words = re.findall(r"[A-Za-z][\w’'-]*", title)
        title_case = sum(w[:1].isupper() for w in words) > 0.6 * max(len(words), 1)
        names = set(_name_tokens(title, openers))
        if title_case:
            names &= {t for s in told[1:] for t in _name_tokens(s, openers)}
        if names:
            return frozenset(names)
        told = told[1:]
    return frozenset(_name_tokens(told[0], openers)) if told else frozenset()


def _subjects(told: list[str], openers: frozenset[str]) -> frozenset[str]:
    """The names of the first real sentence of the body: who or where the news is about."""
    for sentence in told:
        if len(sentence.split()) >= 6 and re.search(r"[.!?][\"”’)]?$", sentence):
            return frozenset(_name_tokens(sentence, openers))
    return frozenset()


def _inner_names(told: list[str]) -> frozenset[str]:
    """Words the lead capitalises inside a sentence: names, wherever they stand."""
    inner = set()
    for sentence in told:
        for match in NAME_RE.finditer(sentence):
            if sentence[: match.start()].strip(" “\"‘'("):
                inner.add(match.group(0).lower().strip(".’'"))
    return frozenset(inner)


def _word_stems(sentence: str, language: str = "") -> list[str]:
    return [
        _stem_word(w, language)
        for w in WORD_RE.findall(sentence.lower())
        if w not in STOPWORDS and len(w) > 2
    ]


def _clean_place(text: str) -> str:
    words = text.split()
    while words and words[-1].lower().strip(".,") in NOT_PLACES:
        words.pop()
    if not words or words[0].lower() in NOT_PLACES:
        return ""
    return " ".join(words).rstrip(".,’'")


def _place_in(sentence: str) -> str:
    found = []
    for pattern in PLACE_RES:
        for match in pattern.finditer(sentence):
            place = _clean_place(match.group("place"))
            if place:
                found.append((match.start(), place))
    return min(found)[1] if found else ""


def _happening_in(sentence: str) -> tuple[str, str, int | None]:
    for match in NAMED_HAPPENING_RE.finditer(sentence):
        series = match.group("series")
        ordinal = match.group("ordinal").lower()
        number = ORDINAL_WORDS.get(ordinal) or int(re.sub(r"\D", "", ordinal))
        key = " ".join(re.split(r"[\s–-]+", series.lower().replace("’", "'")))
        return match.group(0), key, number
    return "", "", None


FIGURE_RE = re.compile(r"\b\d[\d,.]*\d\b|\b\d\b")
CONTENT_WORD_RE = re.compile(r"[^\W\d_][\w’'-]*[^\W_]|\d[\d,.]*\d")


def _content_terms(text: str, language: str = "") -> list[str]:
    """A text's content words, stemmed in its language, and its figures of two digits or
    more. An English text's words with other letters are names (left to the lead's names);
    another language writes its own words with them ("días", "Brücke")."""
    reader = languages.get(language)
    own = reader is not None and reader.tag != "en" and not reader.cjk
    stopwords = reader.stopwords if own else STOPWORDS
    terms = []
    for word in CONTENT_WORD_RE.findall(text.lower()):
        if word[0].isdigit():
            terms.append(word.replace(",", "").rstrip("."))
        elif word not in stopwords and len(word) > 2 and (own or word.isascii()):
            terms.append(_stem_word(word.replace("’", "'").removesuffix("'s"), language))
    return terms


def content(
    title: str, body: str, published: date | None = None, language: str = ""
) -> dict[str, int]:
    """Word stems and figures of the headline and every sentence that is not background."""
    year = reference_year(body, published)
    month = published.month if published else None
    counts: Counter = Counter(_content_terms(title, language))
    for sentence in sentences(body):
        if not is_background(sentence, year, month):
            counts.update(_content_terms(sentence, language))
    # Thousands of reports are remembered at once: each stem is kept once, not per report.
    return {sys.intern(term): n for term, n in counts.items()}


def describe(
    title: str, body: str, published: date | None = None, language: str = ""
) -> Description:
    """What the article's lead says: names, place, dateline, the happening's name; its
    words stemmed in language (the article's tag; English without one)."""
    body = body.lstrip()
    dateline = DATELINE_RE.match(body)
    city = dateline.group("city").title() if dateline else ""
    told = lead(title, body[dateline.end() :] if dateline else body, published)
    openers = _inner_names(told)
    terms: dict[str, float] = {}
    for sentence in told:
        for token in _name_tokens(sentence, openers):
            terms[token] = NAME_WEIGHT
    for sentence in told[:2]:
        for stem in _word_stems(sentence, language):
            terms.setdefault(stem, WORD_WEIGHT)
    if city:
        terms[city.lower()] = NAME_WEIGHT
    # The first place and name given, in reading order, are this report's own.
    place = next((p for p in map(_place_in, told) if p), "")
    happening, series, ordinal = next((h for h in map(_happening_in, told) if h[0]), ("", "", None))
    return Description(
        terms=terms,
        key=_key_names(title if told and told[0] == title else "", told),
        subjects=_subjects(told[1:] if told and told[0] == title else told, openers),
        place=place,
        dateline=city,
        happening=happening,
        series=series,
        ordinal=ordinal,
        date_phrase=(dateline.group("date") or "") if dateline else "",
        content=content(title, body, published, language),
    )


def lead_dates(body: str) -> tuple[str, ...]:
    """Day dates in the opening of a body, the dateline's first, leaving out background."""
    body = body.lstrip()
    dateline = DATELINE_RE.match(body)
    phrases = [dateline.group("date")] if dateline and dateline.group("date") else []
    year = reference_year(body, None)
    told = [s for s in sentences(body) if not is_background(s, year)][:DATED_SENTENCES]
    for sentence in told:
        phrases.extend(m.group(0) for m in ABSOLUTE_RE.finditer(sentence))
    return tuple(phrases)


def happening_of(body: str, published: date | None = None) -> tuple[str, str]:
    """The named happening and its place, leaving out background.

    The place is the first one the opening gives, else the dateline's city, else the
    first one given further on.
    """
    body = body.lstrip()
    dateline = DATELINE_RE.match(body)
    year = reference_year(body, published)
    month = published.month if published else None
    told = [s for s in sentences(body) if not is_background(s, year, month)]
    happening = next((h[0] for h in map(_happening_in, told) if h[0]), "")
    opening = next((p for p in map(_place_in, told[:LEAD_SENTENCES]) if p), "")
    city = dateline.group("city").title() if dateline else ""
    return happening, opening or city or next((p for p in map(_place_in, told) if p), "")
