"""The page's publication date, read from its header block: the dated lines above the
story (labelled "Published", "Updated", a byline, a dateline) and which of them is the
publication date. Never a date from the story itself.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import languages
from languages.base import words_re

from .dates import (
    ABSOLUTE_RE,
    CJK_CHARS_RE,
    LOCAL_ABSOLUTE_RE,
    MONTHS,
    NUMERIC_RE,
    RELATIVE_RE,
    ResolvedDate,
    find_cjk_date,
    resolve_date,
)

PUBLISHED_LABEL_RE = re.compile(
    r"\b(?:(?:first\s+)?published|posted|released|issued|filed|for\s+immediate\s+release)\b"
    r"|発行|公開|配信|掲載|发布|發布|发表|發表|입력|등록|기사입력|게재",
    re.IGNORECASE,
)
UPDATED_LABEL_RE = re.compile(
    r"\b(?:(?:last\s+)?(?:updated|modified|revised|edited))\b|更新|修改|수정|최종수정|업데이트",
    re.IGNORECASE,
)
# Where a header line turns to another subject: separators, and an update label
# ("on July 13, 2009 at 10:50 AM, updated July 29, 2009", "입력 … 수정 …").
SEGMENT_RE = re.compile(
    r"\s*[|｜•·]\s*|\s+[—–]\s+"
    r"|\s*[,;]?\s*(?=\b(?:last\s+)?(?:updated|modified)\b)|\s+(?=최종수정|수정|업데이트|更新)",
    re.IGNORECASE,
)
# What may stand around a date in a timestamp: labels, weekdays, times, zones, a byline.
TIMESTAMP_NOISE_RE = re.compile(
    r"\b(?:(?:first\s+|last\s+)?(?:published|updated|posted|modified|released|issued|filed)"
    r"|for\s+immediate\s+release|on|at|as\s+of|date|time|hrs|am|pm|"
    r"mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    r"\.?|\b\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\b\.?)?|\b[ap]\.\s?m\.|@"
    r"|\b\d{4}\s+(?=GMT|UTC)|\b\d+\s+min(?:ute)?s?\s+read\b"
    r"|\b[Bb]y\s+(?-i:[A-Z@][\w.'’-]*|admin|staff)(?:\s+(?-i:[A-Z][\w.'’-]*|and|&|de|van|von))*",
    re.IGNORECASE,
)
TIME_ZONE_RE = re.compile(r"\b(?:[A-Z]{1,4}T|GMT|UTC)(?:\s?[+−-]\d{1,2}(?::?\d{1,2})?)?\b")
# Agency codes ("TNN", "AP") and a closing city ("MUMBAI:"), in capitals.
AGENCY_RE = re.compile(r"\b[A-Z]{2,4}\b|\b[A-Z]{3,}(?:\s+[A-Z]{3,})?:\s*$")
CJK_TIMESTAMP_NOISE_RE = re.compile(
    r"입력|수정|업데이트|승인|등록|기사입력|최종수정|発行|更新|公開|配信|掲載|発表|发布|發布|"
    r"发表|發表|时间|時間|日期|(?:来源|來源|출처|出典)\s*[:：]\s*\S{1,20}|"
    r"(?:作者|编辑|編輯|责任编辑|責任編輯|记者|記者|기자)\s*[:：]?\s*\S{1,12}|"
    r"[（(]?[月火水木金土日월화수목금토일][曜]?[日]?[）)]|星期[一二三四五六日天]|週[一二三四五六日]|"
    r"午前|午後|오전|오후|上午|下午|\d{1,2}\s*[時时시]\s*(?:\d{1,2}\s*[分분])?|"
    r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?"
)
# Roles of the short segments that may share a line with a date: a byline, a desk or a
# wire ("May 27, 2024 | World news desk"), a reading time.
FURNITURE_SEGMENT_RE = re.compile(
    r"^(?:by\s+.{2,60}|.{0,40}\b(?:desk|staff|reporters?|correspondents?|bureau|agency|"
    r"editors?|newsroom|wire|news)|\d+\s+min(?:ute)?s?\s+read|[^\s]+(?:\s+[^\s]+){0,2})$",
    re.IGNORECASE,
)
# The same words in the other languages the desk reads, from each language's module:
# "Publicado el …", "mis à jour le …", "Veröffentlicht am … um … Uhr".
_LABELS = languages.REGISTERED
LOCAL_PUBLISHED_RE = words_re(tuple(w for lg in _LABELS for w in lg.published_labels))
LOCAL_UPDATED_RE = words_re(tuple(w for lg in _LABELS for w in lg.updated_labels))
LOCAL_NOISE_RE = words_re(
    tuple(
        word
        for lg in _LABELS
        for word in (*lg.published_labels, *lg.updated_labels, *lg.date_words, *lg.date_joiners)
    )
)
# "Publié le 3 avril 2024, mis à jour le 4 avril": an update label starts a segment.
LOCAL_UPDATE_SEGMENT_RE = re.compile(
    rf"\s*[,;]?\s+(?=(?:{LOCAL_UPDATED_RE.pattern}))", re.IGNORECASE
)
LEFTOVER_RE = re.compile(r"[\d\s|·•/,:;.()+−\-：｜、【】\[\]「」（）'’\"]")


@dataclass(frozen=True)
class Mention:
    """A date a header line gives, and what the line calls it."""

    phrase: str
    role: str  # published, updated or plain


def _date_in(segment: str) -> re.Match | None:
    """The first date written in a segment of a header line, in whatever script."""
    text = unicodedata.normalize("NFKC", segment)
    if CJK_CHARS_RE.search(text) or re.search(r"(?:19|20)\d\d\.\d{1,2}\.\d{1,2}", text):
        found = find_cjk_date(text)
        if found:
            return found
    return NUMERIC_RE.search(text) or _first_written(text) or RELATIVE_RE.search(text)


def _first_written(text: str) -> re.Match | None:
    """The first date written with a month's name, in English or another language the
    desk reads (the longer where both read one at the same place)."""
    found = [m for m in (ABSOLUTE_RE.search(text), LOCAL_ABSOLUTE_RE.search(text)) if m]
    return min(found, key=lambda m: (m.start(), -m.end()), default=None)


def _without_dates(segment: str) -> str:
    text = unicodedata.normalize("NFKC", segment)
    while (found := _date_in(text)) is not None:
        text = text[: found.start()] + " " + text[found.end() :]
    return text


def header_mentions(line: str) -> list[Mention] | None:
    """The dates of a header line that holds dates and nothing else but labels, times,
    zones, a byline or a desk ("Posted on December 8, 2023 by Jane Doe", "May 27, 2024 |
    World news desk", "입력 2023.11.26 19:05 수정 2023.11.27"); None for any other line.

    A headline or a sentence that names a day ("Vote set for May 27, 2024") is not a date
    line: words other than those are left around its date.
    """
    if len(line) > 160:
        return None
    mentions = []
    segments = (
        part for piece in SEGMENT_RE.split(line) for part in LOCAL_UPDATE_SEGMENT_RE.split(piece)
    )
    for segment in segments:
        segment = segment.strip()
        if not segment:
            continue
        found = _date_in(segment)
        rest = _without_dates(segment)
        rest = CJK_TIMESTAMP_NOISE_RE.sub(" ", TIMESTAMP_NOISE_RE.sub(" ", rest))
        rest = LOCAL_NOISE_RE.sub(" ", rest)
        stamp = len(LEFTOVER_RE.sub("", AGENCY_RE.sub(" ", TIME_ZONE_RE.sub(" ", rest)))) <= 3
        if found is None:
            sentence = re.search(r"[.!?。！？]$", segment)
            if not (stamp or (FURNITURE_SEGMENT_RE.match(segment) and not sentence)):
                return None
            continue
        if not stamp:
            return None
        if PUBLISHED_LABEL_RE.search(segment) or LOCAL_PUBLISHED_RE.search(segment):
            role = "published"
        elif UPDATED_LABEL_RE.search(segment) or LOCAL_UPDATED_RE.search(segment):
            role = "updated"
        else:
            role = "plain"
        mentions.append(Mention(found.group(0).strip(), role))
    return mentions or None


_DATELINE_DATE = rf"(?i:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
# "SEOUL, Nov 26 (Wire) -", "COLUMBUS, Ohio, Sept. 12, 2024 /NewsPoint/ --",
# "Mumbai, Nov 11 -", "新华社釜山11月26日电（记者 张伟）".
DATELINE_RE = re.compile(
    r"^(?:[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){0,3})(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
    rf",?\s+(?P<date>{_DATELINE_DATE})(?:\s*/\s*\d{{1,2}}[:.]\d{{2}}\s*(?i:[ap]\.?\s?m\.?))?"
    r"\s*(?:\([^)]{2,40}\)|/[^/\n]{2,40}/)?\s*(?:-{1,2}|–|—|:|$)"
    r"|^[【\[]?[^\s，。,]{2,16}?(?P<cjk>(?:\d{4}年)?\d{1,2}月\d{1,2}日)[电電]"
)


def dateline_date(paragraph: str) -> str:
    """The date of the dateline the first paragraph opens with, as written, or ""."""
    found = DATELINE_RE.match(unicodedata.normalize("NFKC", paragraph.strip()))
    return (found["date"] or found["cjk"]) if found else ""


# How much a kind of mention is trusted as the publication date, most first. An update
# is a date the article already existed by: used only when nothing else is given.
ROLE_ORDER = ("published", "plain", "dateline", "above", "updated")


def publication_phrase(mentions: list[Mention]) -> str:
    """The phrase of the header that dates the article's publication, or "".

    A date labelled as the publication's wins; then an unlabelled date below the
    headline; then the dateline's; then one above the headline; an "Updated" date last.
    Among equals, the first in reading order.
    """
    for role in ROLE_ORDER:
        found = next((m.phrase for m in mentions if m.role == role), "")
        if found:
            return found
    return ""


def publication_date(
    mentions: list[Mention], reference: date | None = None, language: str = "en"
) -> ResolvedDate:
    """The publication date the header's mentions give, in the order publication_phrase
    trusts them.

    A mention that cannot be resolved alone (a year-less dateline, "2 hours ago") is
    read against reference, else against the latest full day the header states (an
    update is never earlier than the publication). When the trusted mention still gives
    no date, the next one that does is taken; when none does, the date is unknown and
    keeps the trusted mention's phrase ("31 February 2023"), so that an editor sees why.
    """
    ordered = sorted(mentions, key=lambda m: ROLE_ORDER.index(m.role))
    if not ordered:
        return ResolvedDate.unknown()
    alone = [resolve_date(m.phrase, reference, language) for m in ordered]
    bound = reference or max((r.value for r in alone if r.precision == "day"), default=None)
    for mention, resolved in zip(ordered, alone, strict=True):
        if resolved.value is None and bound is not None:
            resolved = resolve_date(mention.phrase, bound, language)
        if resolved.value is not None:
            return resolved
    return ResolvedDate.unknown(ordered[0].phrase)
