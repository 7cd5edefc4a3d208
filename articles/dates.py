"""Dates written as prose, resolved only as far as the text allows.

Every stage reads dates the same way: a phrase to a date with its precision
(resolve_date), and the day a report's opening says its happening took place, read
against its publication date (event_day_phrases, resolve_event_day). The page's
publication date, from its header block, is articles.header_dates'.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import dateparser

import languages

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
RELATIVE_RE = re.compile(
    r"\b(?:(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
    r"(?:second|minute|hour|day|week|month|year)s?\s+ago|yesterday|today)\b",
    re.IGNORECASE,
)
ABSOLUTE_RE = re.compile(
    rf"\b(?:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:to|-|–)\s*\d{{1,2}})?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+(?:{MONTHS})\.?(?:\s+\d{{4}})?"
    rf"|(?:{MONTHS})\.?\s+\d{{4}}"
    r"|\d{4}-\d{2}-\d{2})\b",
    re.IGNORECASE,
)
YEAR_RE = re.compile(r"\b(1[89]\d\d|2\d\d\d)\b")
# An English date written out in full ("December 6, 2023", "6 Dec. 2023") is read here:
# dateparser reads it the same (tests/articles/test_dates.py compares every spelling), and
# its first reading in a process costs a third of a second, a tenth of a long article's.
FULL_DATE_RE = re.compile(
    rf"(?P<month>{MONTHS})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})"
    rf"|(?P<day2>\d{{1,2}})\s+(?P<month2>{MONTHS})\.?,?\s+(?P<year2>\d{{4}})",
    re.IGNORECASE,
)
# Each month by the first three letters of its name, which every spelling above shares.
MONTH_NUMBERS = {name[:3]: number for number, name in enumerate(MONTHS.split("|")[:12], start=1)}
# Dates in digits with a four-digit year: 2023/11/26, 2023-11-26, 26/11/2023, 11/26/2023,
# 14.09.2013 (and "8/2 / 2013", as tokenised copies write it).
NUMERIC_RE = re.compile(
    r"(?<![\d/.-])(?:(?P<year>(?:19|20)\d\d)(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)"
    r"(?P<day>\d{1,2})(?![\d/-])"
    r"|(?P<first>\d{1,2})\s?(?P<sep2>[/.])\s?(?P<second>\d{1,2})\s?(?P=sep2)\s?"
    r"(?P<year2>(?:19|20)\d\d))(?![\d/])"
)
ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
RANGE_TAIL_RE = re.compile(r"\s*(?:to|-|–)\s*\d{1,2}\b")

# Dates as Japanese, Korean and Chinese write them (digits already half-width: NFKC):
# "2023年11月26日", "2023년 11월 26일", "2023.11.26", "11月26日", "11월 26일", "26日",
# "지난 26일". Year, month and day each optional from the left, as the writer left them out.
CJK_ABSOLUTE_RE = re.compile(
    r"(?:(?P<year>(?:19|20)\d\d)\s*[年년]\s*)?(?:(?P<month>1[0-2]|0?[1-9])\s*[月월]\s*)?"
    r"(?:(?:지난|이달|今月|本月)\s*)?(?P<day>3[01]|[12]\d|0?[1-9])\s*[日일](?![本曜])"
    r"|(?P<dyear>(?:19|20)\d\d)[./-](?P<dmonth>1[0-2]|0?[1-9])[./-](?P<dday>3[01]|[12]\d|0?[1-9])"
    r"(?!\d)"
    r"|(?P<myear>(?:19|20)\d\d)\s*[年년]\s*(?P<mmonth>1[0-2]|0?[1-9])\s*[月월]"
    r"|(?P<yyear>(?:19|20)\d\d)\s*[年년](?!\s*\d)"
)
# Relative days and weeks: how many days before the reference each means.
CJK_RELATIVE = {
    "今日": 0,
    "本日": 0,
    "오늘": 0,
    "今天": 0,
    "昨日": 1,
    "어제": 1,
    "昨天": 1,
    "一昨日": 2,
    "おととい": 2,
    "그저께": 2,
    "前天": 2,
    "先週": 7,
    "지난주": 7,
    "지난 주": 7,
    "上周": 7,
    "上週": 7,
    "上星期": 7,
}
CJK_AGO_RE = re.compile(r"(?P<count>\d+)\s*(?P<unit>日|일|天|週間|주|周|週)\s*(?:前|전)")
CJK_RELATIVE_RE = re.compile(
    "|".join(sorted(map(re.escape, CJK_RELATIVE), key=len, reverse=True)) + "|" + CJK_AGO_RE.pattern
)
CJK_CHARS_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")

# Day-first dates and month-year dates as the other languages the desk reads write them,
# from each language's module: "26 de noviembre de 2023", "1er avril 2024", "9. März
# 2024", "noviembre de 2023". English dates are the patterns above.
_SPELLINGS = [language for language in languages.REGISTERED if language.months]


def _alternatives(words) -> str:
    return "|".join(sorted({re.escape(word) for word in words}, key=len, reverse=True))


_LOCAL_MONTHS = _alternatives(m for language in _SPELLINGS for m in language.months)
_DAY_SUFFIX = _alternatives(s for language in _SPELLINGS for s in language.day_suffixes)
_JOINER = rf"(?:\s+(?:{_alternatives(j for lg in _SPELLINGS for j in lg.date_joiners)}))?"
LOCAL_ABSOLUTE_RE = re.compile(
    rf"\b\d{{1,2}}(?:{_DAY_SUFFIX})?{_JOINER}\s+(?:{_LOCAL_MONTHS})\.?"
    rf"(?:{_JOINER}\s+\d{{4}})?(?!\w)"
    rf"|\b(?:{_LOCAL_MONTHS})\.?{_JOINER}\s+\d{{4}}\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ResolvedDate:
    value: date | None
    precision: str  # day, month, year or unknown (Article.DatePrecision values)
    phrase: str

    def _checked(self, reference: date | None) -> "ResolvedDate":
        """Never later than the reference: such a date is a misreading, so unknown."""
        if reference is not None and self.value is not None and self.value > reference:
            return ResolvedDate.unknown(self.phrase)
        return self

    @classmethod
    def unknown(cls, phrase: str = "") -> "ResolvedDate":
        return cls(None, "unknown", phrase)


def resolve_date(phrase: str, reference: date | None = None, language: str = "en") -> ResolvedDate:
    """Turn a phrase into a date with its precision.

    A relative ("11 months ago") or year-less ("November 26") phrase needs a known
    reference date; without one it stays unknown. No phrase resolves to a date later
    than its reference.
    """
    phrase = phrase.strip()
    if not phrase:
        return ResolvedDate.unknown()
    if CJK_CHARS_RE.search(phrase) or re.fullmatch(r"\d{4}\.\d{1,2}\.\d{1,2}\.?", phrase):
        return _resolve_cjk(phrase, reference)
    numeric = NUMERIC_RE.search(phrase)
    if numeric and not re.search(rf"\b(?:{MONTHS})\b", phrase, re.IGNORECASE):
        return _resolve_numeric(numeric, phrase)._checked(reference)
    relative = RELATIVE_RE.search(phrase)
    has_year = bool(YEAR_RE.search(phrase))
    if (relative or not has_year) and reference is None:
        return ResolvedDate.unknown(phrase)

    # A range ("December 3 to 5") is dated by its first day.
    if relative:
        parse_text = relative.group(0)
    elif ISO_RE.match(phrase):
        parse_text = phrase[:10]
    else:
        parse_text = RANGE_TAIL_RE.sub("", phrase, count=1)
    parse_text = re.sub(r"^on\s+", "", parse_text, flags=re.IGNORECASE)
    written_out = FULL_DATE_RE.fullmatch(parse_text) if language == "en" else None
    try:
        if written_out:
            parsed_on, period = full_date(written_out), "day"
        else:
            _parser(language, reference)  # an unknown language fails here, as it always has
            # Without a reference, dateparser fills in what the phrase lacks from today.
            parsed_on, period = _parse(parse_text, language, reference, reference or date.today())
    except (ValueError, OverflowError):
        return ResolvedDate.unknown(phrase)
    if parsed_on is None:
        return ResolvedDate.unknown(phrase)

    value = parsed_on
    if relative:
        unit = relative.group(0).lower()
        precision = "year" if "year" in unit else "month" if "month" in unit else "day"
    else:
        precision = {"month": "month", "year": "year"}.get(period, "day")
    if not has_year and not relative and reference is not None and value > reference:
        value = value.replace(year=value.year - 1)
    if reference is not None and value > reference:
        return ResolvedDate.unknown(phrase)
    if precision == "month":
        value = value.replace(day=1)
    elif precision == "year":
        value = value.replace(month=1, day=1)
    return ResolvedDate(value, precision, phrase)


def full_date(match: re.Match) -> date:
    """The day FULL_DATE_RE matched; ValueError for a day the month does not have."""
    month = MONTH_NUMBERS[(match["month"] or match["month2"]).lower()[:3]]
    return date(int(match["year"] or match["year2"]), month, int(match["day"] or match["day2"]))


def _resolve_numeric(match: re.Match, phrase: str) -> ResolvedDate:
    """A date in digits. Day and month in either order (11/26/2023, 26/11/2023) are told
    apart only when one of them is over 12 or both are equal; otherwise only the year is
    sure. Dots (14.09.2013) are written day first."""
    try:
        if match["year"]:
            value = date(int(match["year"]), int(match["month"]), int(match["day"]))
            return ResolvedDate(value, "day", phrase)
        year, first, second = int(match["year2"]), int(match["first"]), int(match["second"])
        if match["sep2"] == "." or first > 12:
            return ResolvedDate(date(year, second, first), "day", phrase)
        if second > 12 or first == second:
            return ResolvedDate(date(year, first, second), "day", phrase)
        return ResolvedDate(date(year, 1, 1), "year", phrase)
    except ValueError:  # 2023/02/31: kept as written, never read as another day
        return ResolvedDate.unknown(phrase)


def date_language(tag: str) -> str:
    """The language dateparser reads tag's dates in: its own code (languages.get), else
    English."""
    code = languages.dateparser_language(tag)
    try:
        _parser(code, None)
    except ValueError:
        return "en"
    return code


def date_understood(phrase: str, tag: str = "en") -> bool:
    """Whether a kept date phrase names a day, month or year that exists, read against
    today where it needs a reference ("11 months ago", "November 26"); "31 February
    2023" does not, and neither does a date after today."""
    return resolve_date(phrase, date.today(), date_language(tag)).value is not None


# Events are re-dated from the same phrases on every article they receive, so
# dateparser's readings are remembered.
@lru_cache(maxsize=256)
def _parser(language: str, reference: date | None) -> dateparser.date.DateDataParser:
    settings = {"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": False}
    if reference is not None:
        settings["RELATIVE_BASE"] = datetime.combine(reference, time(12))
    return dateparser.date.DateDataParser(languages=[language, "en"], settings=settings)


@lru_cache(maxsize=4096)
def _parse(
    text: str, language: str, reference: date | None, today: date
) -> tuple[date | None, str]:
    """dateparser's reading of text as (date, period); today matters without a reference."""
    parsed = _parser(language, reference).get_date_data(text)
    if parsed.date_obj is None:
        return None, parsed.period
    return parsed.date_obj.date(), parsed.period


def find_cjk_date(text: str) -> re.Match | None:
    """The first date a CJK text writes, relative or absolute (digits read as half-width)."""
    text = unicodedata.normalize("NFKC", text)
    # "3日前" is three days ago, not the 3rd.
    return CJK_AGO_RE.search(text) or CJK_ABSOLUTE_RE.search(text) or CJK_RELATIVE_RE.search(text)


def _resolve_cjk(phrase: str, reference: date | None) -> ResolvedDate:
    """A CJK date under the English rules: what lacks a year (or a month) needs a
    reference, and nothing resolves to a day after it."""
    text = unicodedata.normalize("NFKC", phrase)
    match = None if CJK_AGO_RE.search(text) else CJK_ABSOLUTE_RE.search(text)
    if match is None:
        relative = CJK_RELATIVE_RE.search(text)
        if relative is None or reference is None:
            return ResolvedDate.unknown(phrase)
        word = relative.group(0)
        if word in CJK_RELATIVE:
            days = CJK_RELATIVE[word]
        else:
            ago = CJK_AGO_RE.fullmatch(word)
            days = int(ago["count"]) * (1 if ago["unit"] in "日일天" else 7)
        return ResolvedDate(reference - timedelta(days=days), "day", phrase)
    groups = match.groupdict()
    try:
        if groups["yyear"]:
            value = date(int(groups["yyear"]), 1, 1)
            return ResolvedDate(value, "year", phrase)._checked(reference)
        if groups["myear"]:
            value = date(int(groups["myear"]), int(groups["mmonth"]), 1)
            return ResolvedDate(value, "month", phrase)._checked(reference)
        if groups["dyear"]:
            value = date(int(groups["dyear"]), int(groups["dmonth"]), int(groups["dday"]))
            return ResolvedDate(value, "day", phrase)._checked(reference)
        day = int(groups["day"])
        if groups["year"] and groups["month"]:
            value = date(int(groups["year"]), int(groups["month"]), day)
            return ResolvedDate(value, "day", phrase)._checked(reference)
    except ValueError:
        return ResolvedDate.unknown(phrase)
    if reference is None:
        return ResolvedDate.unknown(phrase)
    # Without a year (or a month): the latest such day not after the reference.
    if groups["month"]:
        for year in (reference.year, reference.year - 1):
            try:
                value = date(year, int(groups["month"]), day)
            except ValueError:
                continue
            if value <= reference:
                return ResolvedDate(value, "day", phrase)
        return ResolvedDate.unknown(phrase)
    year, month = reference.year, reference.month
    for _ in range(3):
        try:
            value = date(year, month, day)
        except ValueError:
            value = None
        if value is not None and value <= reference:
            return ResolvedDate(value, "day", phrase)
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return ResolvedDate.unknown(phrase)


# --- The day a report's happening took place ------------------------------------------------

# Each language's weekdays (languages.base), by name: the day of the week each names.
_DATING = [language for language in languages.REGISTERED if language.weekdays]
WEEKDAY_NUMBERS = {
    name: number for language in _DATING for number, name in enumerate(language.weekdays)
}
_MARKERS = _alternatives(m for language in _DATING for m in language.weekday_markers)
PAST_WEEK_MARKERS = {m for language in _DATING for m in language.past_week_markers}
WEEKDAY_RE = re.compile(
    rf"(?<!\w)(?P<marker>{_MARKERS})\s+(?P<day>{_alternatives(WEEKDAY_NUMBERS)})(?!\w)",
    re.IGNORECASE,
)
CJK_WEEKDAY_DAYS = "月火水木金土日"
# A sentence about what is still to come dates nothing that has happened.
FUTURE_RE = re.compile(
    rf"(?<!\w)(?:{_alternatives(w for language in _DATING for w in language.future_words)})"
    r"(?!\w)|予定|見通し|将于|將於|将在|將在|예정|계획",
    re.IGNORECASE,
)
OPENING_CHARS = 2000
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(])|(?<=[。！？])")


def event_day_phrases(text: str, sentences: int = 6) -> tuple[str, ...]:
    """Day phrases in a report's opening that a publication date can resolve: weekdays
    ("on Sunday") and Japanese, Korean and Chinese days ("11月26日", "26日", "지난 26일"),
    in reading order; sentences about the future are not read. English dates with a
    month ("Nov 26") are read where the lead is read (claims.text.event_finding.lead_dates).
    """
    # Only the opening is read, however long the report.
    paragraphs = text[:OPENING_CHARS].split("\n")
    opening = [s for p in paragraphs for s in _SENTENCE_END_RE.split(p) if s.strip()]
    opening = opening[:sentences]
    phrases = []
    for sentence in opening:
        weekday = WEEKDAY_RE.search(sentence)
        # The future counts in the weekday's own clause: what comes before it and the few
        # words after ("said on Sunday they will"), not a clause further on ("approved on
        # Thursday a plan that will open next summer").
        if weekday and not FUTURE_RE.search(_weekday_clause(sentence, weekday)):
            phrases.append(weekday.group(0))
        if FUTURE_RE.search(sentence):
            continue
        if CJK_CHARS_RE.search(sentence):
            normal = unicodedata.normalize("NFKC", sentence)
            for found in CJK_ABSOLUTE_RE.finditer(normal):
                if found["day"] or found["dday"]:
                    phrases.append(found.group(0))
    return tuple(phrases)


WORDS_AFTER_WEEKDAY = 3


def _weekday_clause(sentence: str, weekday: re.Match) -> str:
    after = sentence[weekday.end() :].split()[:WORDS_AFTER_WEEKDAY]
    return " ".join([sentence[: weekday.end()], *after])


def resolve_event_day(
    phrase: str, published: date | None, fallback: date | None = None
) -> ResolvedDate:
    """The day a phrase of a report's opening names, read against the report's date: a
    weekday is the latest such day on or before it (a report tells what happened), a
    year-less date the latest such date on or before it. An undated report's dates are
    read against fallback (its event's earliest report), but never its weekdays: "on
    Sunday" means nothing without the report's own day."""
    weekday = WEEKDAY_RE.fullmatch(phrase.strip())
    if weekday:
        if published is None:
            return ResolvedDate.unknown(phrase)
        back = (published.weekday() - WEEKDAY_NUMBERS[weekday["day"].lower()]) % 7
        if weekday["marker"].lower() in PAST_WEEK_MARKERS and back == 0:
            back = 7
        return ResolvedDate(published - timedelta(days=back), "day", phrase)
    return resolve_date(phrase, published or fallback)
