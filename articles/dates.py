"""Publication dates written as prose, resolved only as far as the text allows."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import lru_cache

import dateparser

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
ISO_RE = re.compile(r"^\d{4}-\d{2}-\d{2}")
RANGE_TAIL_RE = re.compile(r"\s*(?:to|-|–)\s*\d{1,2}\b")


@dataclass(frozen=True)
class ResolvedDate:
    value: date | None
    precision: str  # day, month, year or unknown (Article.DatePrecision values)
    phrase: str

    @classmethod
    def unknown(cls, phrase: str = "") -> "ResolvedDate":
        return cls(None, "unknown", phrase)


def find_date_phrase(text: str) -> str:
    """The first date-like phrase in a short piece of text, or ''."""
    match = RELATIVE_RE.search(text) or ABSOLUTE_RE.search(text)
    return match.group(0) if match else ""


def resolve_date(phrase: str, reference: date | None = None, language: str = "en") -> ResolvedDate:
    """Turn a phrase into a date with its precision.

    A relative ("11 months ago") or year-less ("November 26") phrase needs a known
    reference date; without one it stays unknown. No phrase resolves to a date later
    than its reference.
    """
    phrase = phrase.strip()
    if not phrase:
        return ResolvedDate.unknown()
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
    _parser(language, reference)  # an unknown language fails here, as it always has
    try:
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
