"""From raw article text to clean body + metadata.

Page furniture (navigation, share and subscribe blocks, disclaimers, author bios,
cross-links, glossary boxes) is removed line by line before any claim is looked for.
Publisher self-references found in that furniture are kept as source cues.
"""

import re
from dataclasses import dataclass, field

from .dates import ABSOLUTE_RE, RELATIVE_RE

# A line that is furniture wherever it stands.
FURNITURE_LINE_RE = re.compile(
    r"""^(?:
        skip\ to\ (?:main\ )?content
      | share(?:\ this)?(?:\ (?:link|article|post|story))?\s*:?.{0,40}
      | most\ read
      | loading\b.*
      | stay\ on\ top\ of\b.*
      | related\ (?:news|articles|posts|stories)
      | subscribe\b.*
      | sign\ up\ for\b.*
      | translate\ now
      | read\ (?:the\ )?(?:entire|full)\ (?:article|story)
      | read\ more
      | advertisement
      | in\ this\ (?:post|article)\s*:?
      | connection\s*:.*
      | related\s*:.*
      | ▶.*
      | the\ post\ .*\ appeared\ first\ on\ .*
      | \d{1,6}
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
# From one of these lines to the end of the text, everything is furniture.
TAIL_MARKER_RE = re.compile(
    r"^(?:disclaimer\b|about\ the\ author$|related\ (?:news|articles)$|most\ read$|share\ link)",
    re.IGNORECASE | re.VERBOSE,
)
GLOSSARY_MARKER_RE = re.compile(r"glossary", re.IGNORECASE)
GLOSSARY_HEADING_RE = re.compile(r"^what (?:is|are) .{2,60}\?$", re.IGNORECASE)
BYLINE_RE = re.compile(r"^[Bb]y\s+([A-Z][\w’'.-]+(?:\s+[A-Z][\w’'.-]+){0,4})$")
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
    date_phrase: str = ""
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
        if index >= halfway and TAIL_MARKER_RE.match(line):
            removed.extend(line for line in lines[index:] if line)
            return lines[:index]
    return lines


def _is_date_line(line: str) -> bool:
    if len(line) > 40:
        return False
    match = RELATIVE_RE.search(line) or ABSOLUTE_RE.search(line)
    # Whatever surrounds the date on its own line is furniture (view counts, separators).
    return bool(match) and len(re.sub(r"[\d\s|·•/,-]", "", line.replace(match.group(0), ""))) <= 3


def _source_cues(removed: list[str]) -> list[dict]:
    cues = []
    for line in removed:
        for pattern in SOURCE_CUE_RES:
            match = pattern.search(line)
            if match:
                found = match.groupdict()
                cues.append({k: v.strip() for k, v in found.items() if v})
    return cues


def _headline(paragraphs: list[str]) -> tuple[str, int]:
    """The headline, and where the body starts.

    Some pages arrive without a headline: their first paragraph is prose, so it stays in
    the body and its first sentence stands in as the title.
    """
    if not paragraphs:
        return "", 0
    first = paragraphs[0]
    if len(first) <= 200 and not re.search(r"[.!?][\"”’]?\s+\S", first):
        return first, 1
    sentence = re.split(r"(?<=[.!?])\s+", first, maxsplit=1)[0]
    return (sentence if len(sentence) <= 200 else sentence[:197].rsplit(" ", 1)[0] + "…"), 0


def clean_text(text: str) -> CleanArticle:
    removed: list[str] = []
    lines = _lines(text)
    lines = _cut_tail(lines, removed)
    lines = _drop_glossary_boxes(lines, removed)

    kept: list[str] = []
    for line in lines:
        if line and FURNITURE_LINE_RE.match(line):
            removed.append(line)
        else:
            kept.append(line)

    paragraphs = [line for line in kept if line]
    title, first_body_line = _headline(paragraphs)
    author = date_phrase = ""
    body_lines = []
    for position, line in enumerate(paragraphs[first_body_line:], start=1):
        in_header = position <= HEADER_ZONE
        byline = BYLINE_RE.match(line)
        if in_header and byline and not author:
            author = byline.group(1)
            continue
        if in_header and not date_phrase and _is_date_line(line):
            match = RELATIVE_RE.search(line) or ABSOLUTE_RE.search(line)
            date_phrase = match.group(0)
            continue
        body_lines.append(line)

    return CleanArticle(
        title=title,
        body="\n\n".join(body_lines),
        author=author,
        date_phrase=date_phrase,
        source_cues=_source_cues(removed),
        removed_lines=removed,
    )


def detect_language(text: str) -> str:
    """A script-based guess, good enough to tell the desk's four languages apart."""
    sample = text[:5000]
    if re.search(r"[\u3040-\u30ff]", sample):
        return "ja"
    if re.search(r"[\uac00-\ud7af]", sample):
        return "ko"
    if len(re.findall(r"[\u4e00-\u9fff]", sample)) > 20:
        return "zh"
    return "en"
