"""From raw article text to clean body + metadata.

Page furniture (navigation, share and subscribe blocks, disclaimers, author bios,
cross-links, glossary boxes) is removed line by line before any claim is looked for.
Publisher self-references found in that furniture are kept as source cues.
"""

import re
from dataclasses import dataclass, field

from languages.detect import detect_language as _detect_language

from . import outlets
from .header_dates import Mention, dateline_date, header_mentions, publication_phrase

# A line that is furniture wherever it stands.
FURNITURE_LINE_RE = re.compile(
    r"""^(?:
        skip\ to\ (?:the\ )?(?:main\ )?(?:content|navigation|article)
      | jump\ to\ .{1,30}
      | share(?:\ this)?(?:\ (?:link|article|post|story|page))?\s*:?.{0,40}
      | most\ read
      | loading\b.*
      | stay\ on\ top\ of\b.*
      | related\ (?:news|articles|posts|stories)
      | subscribe\b.*
      | sign\ up\b.*
      | enter\ your\ email\b.*
      | follow\ us\b.*
      | translate\ now
      | read\ (?:the\ )?(?:entire|full)\ (?:article|story)
      | read\ more
      | (?:\d+|one|two|three|four|five)[\s-]min(?:ute)?s?\ read
      | listen\ to\ (?:this\ )?(?:article|story)\b.{0,30}
      | print\ this\ (?:page|article)\b.{0,30}
      | back\ to\ top
      | advertisement | advertising | sponsored(?:\ content)? | ad
      | why\ you\ can\ trust\b.{0,40}
      | with\ agencies | (?:additional\ )?reporting\ by\b.{0,80}
      | (?:for\ immediate\ release|(?:press|news|media)\ release)\b.{0,40}
      | in\ this\ (?:post|article)\s*:?
      | connection\s*:.*
      | related\s*:.*
      | ▶.*
      | the\ post\ .*\ appeared\ first\ on\ .*
      | \d{1,6}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# The same furniture as Japanese, Korean and Chinese pages carry it: share bars, related
# lists, reproduction notices, editor credits, "입력 …" timestamps are handled as dates.
CJK_FURNITURE_LINE_RE = re.compile(
    r"""^(?:
        (?:シェア|ツイート|共有|공유(?:하기)?|페이스북|트위터|카카오톡|分享(?:到)?|转发|轉發|
           微信|微博|LINE|Facebook|X|URLをコピー|링크\s?복사|인쇄|印刷|프린트|スクラップ|
           글자\s?크기|文字サイズ|字号|字號|[｜|/／・·\s])+
      | (?:関連記事|関連ニュース|관련\s?기사|관련\s?뉴스|
         相关(?:新闻|阅读|报道)|相關(?:新聞|閱讀|報導))\s*[:：]?.{0,40}
      | (?:広告|광고|广告|廣告|PR|スポンサー)
      | .{0,30}(?:無断転載|無断複製|무단\s?전재|재배포\s?금지|不得转载|不得轉載|禁止转载|禁止轉載|
           版权所有|版權所有|저작권자).{0,60}
      | (?:[ⓒ©]|\(c\)).{0,80}
      | (?:責任編輯|责任编辑|編集|編輯|编辑|편집|교열|デスク)\s*[:：／/]\s*\S.{0,30}
      | (?:写真|사진|图|圖|照片)\s*[=:：／/]\s*\S.{0,40}
      | (?:続きを読む|もっと見る|더\s?보기|기사\s?더보기|阅读全文|閱讀全文|展开全文)
    )$""",
    re.VERBOSE,
)
# From one of these lines to the end of the text, everything is furniture.
CJK_TAIL_MARKER_RE = re.compile(
    r"^(?:関連記事|関連ニュース|관련\s?기사|관련\s?뉴스|相关(?:新闻|阅读|报道)|相關(?:新聞|閱讀|報導)|"
    r"많이\s?본\s?뉴스|アクセスランキング|热门新闻|熱門新聞)\s*[:：]?$"
    r"|^.{0,30}(?:無断転載|무단\s?전재|不得转载|不得轉載|版权所有|版權所有|저작권자)"
)
# "김민지 기자", "김민지 기자 minji@example.kr", "记者 张伟", "（記者 山田太郎）",
# "文／記者 陳大明".
CJK_BYLINE_RE = re.compile(
    r"^[（(]?(?:文\s*[/／]\s*)?(?:(?:记者|記者|기자)\s*(?P<a>[\u4e00-\u9fff\uac00-\ud7af]{2,4})"
    r"|(?P<b>[\u4e00-\u9fff\u3040-\u30ff\uac00-\ud7af]{2,5})\s*(?:记者|記者|기자|特派員|특파원|編集委員))"
    r"[)）]?(?:\s*[,，]?\s*[\w.+-]+@[\w.-]+)?\s*$"
)
CJK_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]")
# Han and kana are written without spaces: two of them count as one word.
_WORDS_RE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]{1,2}|[^\s\u3040-\u30ff\u4e00-\u9fff]+")


def word_count(line: str) -> int:
    """Words, with Japanese and Chinese (no spaces) counted as two characters a word."""
    return len(_WORDS_RE.findall(line))


# Consent banners and newsletter boxes: prose, but about the page, not the news.
COOKIE_RE = re.compile(
    r"\bcookies?\b.*\b(?:accept|consent|privacy|preferences|agree|policy|reject)\b"
    r"|\b(?:accept|consent|agree)\b.*\bcookies?\b|\bvalue your privacy\b"
    r"|\b(?:store|access) (?:and(?:/or)? (?:store|access) )?information on (?:your|a) device\b",
    re.IGNORECASE,
)
NEWSLETTER_RE = re.compile(
    r"\bnewsletters?\b.*\b(?:sign up|subscribe|inbox|email|join)\b"
    r"|\b(?:sign up|subscribe|join|get)\b.*\bnewsletters?\b",
    re.IGNORECASE,
)
# Navigation and breadcrumbs ("Home > World > Asia", "News | World", "China / Diplomacy"):
# short labels between separators.
NAV_SEPARATOR_RE = re.compile(r"\s*[|>›»•·＞〉》｜]\s*|\s+[/／]\s+")
NAV_PART_WORDS = 4
# From one of these lines to the end of the text, everything is furniture.
TAIL_MARKER_RE = re.compile(
    r"""^(?:disclaimer\b
      | about\ the\ author$
      | about\ (?-i:[A-Z][\w&.’'-]*(?:\ [A-Z][\w&.’'-]*){0,4})$
      | related(?:\ (?:news|articles|stories|topics|coverage|content|links|readouts|posts))?\s*:?$
      | most\ read$ | share\ link
      | more\ (?:from|on|in)\b.{0,40}$
      | (?:suggested|trending)\ (?:topics|stories)\s*:?$
      | you\ (?:may|might)\ also\ (?:like|be\ interested\ in)\b.{0,20}$
      | recommended(?:\ for\ you|\ stories|\ reading)?\s*:?$
      | read\ next\b.{0,80}$ | next\ in\ brief\b.*
      | (?:©|\(c\)|copyright\b).{0,200}$
      | \(?(?:additional\ )?reporting\ by\b.*
      | editing\ by\b.{0,80}$
      | (?:media|press)\ contacts?\b.{0,80}$
      | (?:-\ ?ends\ ?-|\#\#\#)$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
GLOSSARY_MARKER_RE = re.compile(r"glossary", re.IGNORECASE)
GLOSSARY_HEADING_RE = re.compile(r"^what (?:is|are) .{2,60}\?$", re.IGNORECASE)
_NAME = r"[A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,4}"
# "By Kang Min-ji, Diplomatic Correspondent", "By Daniel Okafor and Seo Ji-hoon".
BYLINE_RE = re.compile(
    rf"^[Bb]y\s+({_NAME}(?:\s+(?:and|&)\s+{_NAME})*)(?:\s*[,|–-]\s*[\w’'., ]{{1,60}})?$"
)
SOURCE_CUE_RES = [
    re.compile(r"appeared first on (?P<name>[^.]+?)\.?$", re.IGNORECASE),
    re.compile(r"\b(?P<domain>(?P<name>[A-Za-z][\w-]+)\.(?:com|net|org|io|news))\b"),
    re.compile(r"^©\s*(?:\d{4}\s+)?(?P<name>[^.,]+)"),
]
HEADER_ZONE = 6  # lines after the headline where a date or byline may stand


@dataclass
class CleanArticle:
    title: str
    body: str
    author: str = ""
    date_phrase: str = ""  # the header's publication date as written (publication_phrase)
    date_mentions: list[Mention] = field(default_factory=list)  # every date of the header
    source_cues: list[dict] = field(default_factory=list)
    removed_lines: list[str] = field(default_factory=list)


def _lines(text: str) -> list[str]:
    return [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]


def _drop_glossary_boxes(lines: list[str], removed: list[str]) -> list[str]:
    for index, line in enumerate(lines):
        if len(line) <= 60 and GLOSSARY_MARKER_RE.search(line):
            start = index
            for back in range(index - 1, max(index - 6, -1), -1):
                if GLOSSARY_HEADING_RE.match(lines[back]):
                    start = back
                    break
            removed.extend(line for line in lines[start : index + 1] if line)
            return _drop_glossary_boxes(lines[:start] + lines[index + 1 :], removed)
    return lines


def _cut_tail(lines: list[str], removed: list[str]) -> list[str]:
    # A marker in the first half is more likely prose that happens to start the same way.
    content = [i for i, line in enumerate(lines) if line]
    halfway = content[len(content) // 2] if content else 0
    for index, line in enumerate(lines):
        if index >= halfway and (TAIL_MARKER_RE.match(line) or CJK_TAIL_MARKER_RE.match(line)):
            removed.extend(line for line in lines[index:] if line)
            return lines[:index]
    return lines


def _byline(line: str) -> tuple[str, str] | None:
    """(author, outlet) of a byline ("By Jane Doe for The Guardian"); outlet may be ""."""
    found = BYLINE_RE.match(line)
    if found:
        return found.group(1), ""
    return outlets.byline_outlet(line)


def _is_date_line(line: str) -> bool:
    """A line holding a date and nothing else but times, zones, labels and a byline."""
    return header_mentions(line) is not None


def _is_nav(line: str) -> bool:
    """Breadcrumbs and menus: two or more short labels between separators."""
    parts = [part for part in NAV_SEPARATOR_RE.split(line) if part.strip()]
    return len(parts) >= 2 and all(
        word_count(part) <= NAV_PART_WORDS and not re.search(r"[.!?,;。！？、，]$", part)
        for part in parts
    )


def _is_label(line: str) -> bool:
    """A section label or masthead set in capitals ("WORLD NEWS", "ANALYSIS")."""
    if CJK_RE.search(line):
        return False  # "SLIM、月面着陸に成功": capitals inside CJK text are a name, not a label
    return len(line.split()) <= 5 and line.upper() == line and bool(re.search(r"[A-Z]", line))


TRAILING_SYMBOLS_RE = re.compile(r"[\U0001F000-\U0001FAFF\u2600-\u27BF\ufe0f\s]+$")


def _is_prose(line: str) -> bool:
    line = TRAILING_SYMBOLS_RE.sub("", line)  # an emoji after the full stop
    words = word_count(line)
    if words >= 10 and re.search(r"[.!?…。！？][\"”’)」』]?$", line):
        return True
    return words >= 12 and bool(re.search(r"[a-z][.!?][\"”’]?\s+[A-Z]", line))


def _is_page_furniture(line: str) -> bool:
    """Furniture wherever it stands: fixed phrases, consent banners, newsletter boxes, menus."""
    if FURNITURE_LINE_RE.match(line) or CJK_FURNITURE_LINE_RE.match(line):
        return True
    if len(line) <= 400 and (COOKIE_RE.search(line) or NEWSLETTER_RE.search(line)):
        return True
    return _is_nav(line) and not _is_date_line(line)


def _source_cues(removed: list[str]) -> list[dict]:
    """The page's self-references in its furniture (articles.outlets ranks them)."""
    cues = []
    for line in removed:
        for pattern in SOURCE_CUE_RES:
            match = pattern.search(line)
            if match:
                found = match.groupdict()
                cue = {k: v.strip() for k, v in found.items() if v}
                cues.append({"how": outlets.FURNITURE, **cue})
    return cues


def _headline(paragraphs: list[str], removed: list[str], chrome: int = 0) -> tuple[str, int]:
    """The headline, and where the body starts.

    The lines above the first paragraph of prose are the page's header: the headline is
    the first of them with a few words that is not a label, a menu, a date or the
    site's own name (which its furniture repeats), and that comes after the first
    menu, skip link or banner (above which stand the site's name and tagline) when any
    such line does; what stands above the headline is furniture.
    Some pages arrive without a headline: their first paragraph is prose, so it stays in
    the body and its first sentence stands in as the title.
    """
    header = next((i for i, line in enumerate(paragraphs) if _is_prose(line)), len(paragraphs))
    furniture = " ".join(removed).lower()
    candidates = [
        i
        for i in range(header)
        if not (
            _is_label(paragraphs[i])
            or _is_date_line(paragraphs[i])
            or _byline(paragraphs[i])
            or CJK_BYLINE_RE.match(paragraphs[i])
            or (word_count(paragraphs[i]) <= 6 and paragraphs[i].lower() in furniture)
        )
    ]
    if any(i >= chrome and word_count(paragraphs[i]) >= 4 for i in candidates):
        candidates = [i for i in candidates if i >= chrome]
    chosen = next((i for i in candidates if word_count(paragraphs[i]) >= 4), None)
    if chosen is None and candidates:
        chosen = max(candidates, key=lambda i: len(paragraphs[i]))
    if chosen is None and header == len(paragraphs) and header:
        chosen = 0  # nothing but short lines: the first is all there is to call it
    if chosen is not None:
        removed.extend(paragraphs[:chosen])
        return paragraphs[chosen], chosen + 1
    removed.extend(paragraphs[:header])
    if header == len(paragraphs):
        return "", header
    first = paragraphs[header]
    sentence = re.split(r"(?<=[.!?])\s+|(?<=[。！？])", first, maxsplit=1)[0]
    title = sentence if len(sentence) <= 200 else sentence[:197].rsplit(" ", 1)[0] + "…"
    return title, header


def _mentions_above(
    paragraphs: list[str], title: str, first_body_line: int, chrome: int | None
) -> list[Mention]:
    """Dates on their own lines above the headline, below the page's first menu (above
    it, a date is the masthead's day, not the article's)."""
    headline = first_body_line - 1
    above = headline if headline >= 0 and paragraphs[headline] == title else first_body_line
    start = chrome if chrome is not None and chrome <= above else 0
    return [
        Mention(m.phrase, "above" if m.role == "plain" else m.role)
        for line in paragraphs[start:above]
        for m in header_mentions(line) or ()
    ]


def clean_text(text: str) -> CleanArticle:
    removed: list[str] = []
    lines = _lines(text)
    lines = _cut_tail(lines, removed)
    lines = _drop_glossary_boxes(lines, removed)

    paragraphs: list[str] = []
    chrome = None  # paragraphs above the page's first menu, skip link or banner
    for line in lines:
        if not line:
            continue
        if _is_page_furniture(line) and header_mentions(line) is None:
            # "FOR IMMEDIATE RELEASE July 13, 2009" stays: it dates the release.
            removed.append(line)
            if chrome is None:
                chrome = len(paragraphs)
        else:
            paragraphs.append(line)

    title, first_body_line = _headline(paragraphs, removed, chrome or 0)
    mentions = _mentions_above(paragraphs, title, first_body_line, chrome)
    cues = []  # who the header says published or wrote it (articles.outlets)
    above = paragraphs[: max(first_body_line - 1, 0)]
    name = outlets.masthead(above, chrome=chrome, furniture=removed)
    if name:
        cues.append({"how": outlets.MASTHEAD, "name": name})
    author = ""
    body_lines = []
    prose = 0  # paragraphs of prose read so far: the header ends before the second
    for position, line in enumerate(paragraphs[first_body_line:], start=1):
        in_header = position <= HEADER_ZONE and prose < 2
        found = header_mentions(line) if in_header else None
        byline = _byline(line)
        if found:
            mentions.extend(found)
            # "By Kang Min-ji, Correspondent | November 26, 2023": the byline is a part.
            parts = (_byline(part) for part in re.split(r"\s*[|•·]\s*", line))
            byline = byline or next((part for part in parts if part), None)
        if in_header and byline and not author:
            author, writes_for = byline
            if writes_for:
                cues.append({"how": outlets.BYLINE, "name": writes_for})
            continue
        cjk_byline = CJK_BYLINE_RE.match(line)
        if cjk_byline:  # a reporter's credit is furniture wherever it stands
            author = author or cjk_byline["a"] or cjk_byline["b"]
            continue
        if found:
            continue
        if in_header and _is_label(line) and not _is_prose(line):
            removed.append(line)
            continue
        if in_header and prose == 0:
            # "SEOUL, Nov 26 (Wire) -" opening the story, or a dateline on its own line.
            dateline = dateline_date(line)
            if dateline:
                mentions.append(Mention(dateline, "dateline"))
            agency = outlets.dateline_agency(line)
            if agency:
                cues.append({"how": outlets.DATELINE, "name": agency})
        if in_header:  # past the header, nothing more is counted (long articles)
            prose += _is_prose(line)
        body_lines.append(line)

    return CleanArticle(
        title=title,
        body="\n\n".join(body_lines),
        author=author,
        date_phrase=publication_phrase(mentions),
        date_mentions=mentions,
        source_cues=cues + _source_cues(removed),
        removed_lines=removed,
    )


def detect_language(text: str) -> str:
    """The article's BCP-47 tag, told from its script (languages.detect)."""
    return _detect_language(text)
