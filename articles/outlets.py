"""Who published an article, as the page says it: the outlet is read, never invented.

A page names its publisher in a few places news pages have in common, each read by one
function here; `outlet_for` decides between them, most trusted first:

1. what the desk was told (a manifest entry, the add-article form);
2. what the page says about itself: its site-name metadata (`og:site_name`, which
   trafilatura reads), a masthead line above the headline, a self-reference in its
   furniture ("The post … appeared first on X.", "© 2023 X", "x.com" in a disclaimer);
3. the address it was fetched from (the URL's domain);
4. what the report says of its writer: "By Jane Doe for X", a wire dateline
   "SEOUL, Nov 26 (X) -". These name who wrote the report, which a page republishing
   it (3) is not, so they count only when the page names nobody.

"X reported" is not read: it is how a report cites *another* outlet. When nothing
names the outlet, the article has none and the desk says so (Article.source_label).
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from .dates import MONTHS

# How a cue was found, by the rank outlet_for gives it (page-level kinds first).
SITE_NAME = "site name"
MASTHEAD = "masthead"
FURNITURE = "furniture"
BYLINE = "byline"
DATELINE = "dateline"
PAGE_CUES = (SITE_NAME, MASTHEAD, FURNITURE)
REPORT_CUES = (BYLINE, DATELINE)

MAX_NAME_WORDS = 6  # "Science and Technology Daily", "The Korea Herald"
_NAME = r"[A-Z][\w’'.&-]*(?:\s+(?:[A-Z][\w’'.&-]*|of|and|the|&)){0,5}"
# "By Jane Doe for The Guardian", "By Kim Tong-hyung and Jane Doe for Al Jazeera".
BYLINE_FOR_RE = re.compile(
    rf"^[Bb]y\s+(?P<author>{_NAME}(?:\s+(?:and|&)\s+{_NAME})*?)\s+for\s+(?P<outlet>(?:the\s+)?{_NAME})"
    r"\s*$"
)
# A wire dateline opening the first paragraph: "SEOUL, Nov 26 (Yonhap) -",
# "WASHINGTON (AP) —", "Washington D. C., Jul 13, 2009 / 02:00 pm (CNA)".
DATELINE_AGENCY_RE = re.compile(
    r"^(?P<place>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})"
    r"(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?"
    rf"(?P<date>,?\s+(?i:(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?))?"
    r"(?:\s*/\s*\d{1,2}[:.]\d{2}\s*(?i:[ap]\.?\s?m\.?))?"
    r"\s*\((?P<agency>[A-Z][\w.&'’ -]{1,38})\)\s*(?:-{1,2}|–|—|:)?\s*(?:$|[-–—:]|\S)"
)
# Words a parenthesis after a place can hold that are not an outlet: the item's kind.
NOT_AN_AGENCY = {
    "update", "updated", "updates", "corrected", "correction", "video", "photo", "photos",
    "file", "audio", "live", "watch", "listen", "opinion", "analysis", "exclusive",
    "breaking", "urgent", "reuters photo",
}  # fmt: skip
# Lines of a page's chrome that are controls, not its name.
UI_LINES = {
    "menu", "main menu", "search", "sign in", "log in", "login", "register", "home",
    "close", "open", "toggle navigation", "navigation", "account", "my account",
    "subscribe", "newsletter", "newsletters", "donate", "support us", "breaking news",
    "live", "latest", "latest news", "top stories", "news", "english", "edition",
}  # fmt: skip
# Furniture where a page names itself: its copyright, subscription, disclaimer lines.
SELF_REFERENCE_RE = re.compile(
    r"©|\(c\)|\bcopyright\b|all rights reserved|\bsubscribe\b|\bnewsletters?\b|"
    r"appeared first on|\babout us\b|\bfollow us\b|\bdisclaimer\b|\bno liability\b|"
    r"\bdownload\b.*\bapp\b|\bsign up\b",
    re.IGNORECASE,
)
SENTENCE_END_RE = re.compile(r"[.!?,;:。！？、，]$")
DIGITS_RE = re.compile(r"\d")
LETTER_RE = re.compile(r"[^\W\d_]")
IP_RE = re.compile(r"[\d.]+|[0-9a-f:]*:[0-9a-f:.]*", re.IGNORECASE)


@dataclass(frozen=True)
class Outlet:
    """An outlet as a page names it: its name, its domain, or both."""

    name: str = ""
    domain: str = ""


def host_of(url: str) -> str:
    """A page address's host, as an outlet's domain ("www." dropped), or "".

    An address by number (127.0.0.1) or a machine's own name (localhost) names no outlet.
    """
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # a malformed address names nothing
        return ""
    if "." not in host or IP_RE.fullmatch(host):
        return ""
    return host.lower().removeprefix("www.")


def tidy_name(name: str) -> str:
    """A stated name as the desk keeps it: spaces collapsed, never an address."""
    name = " ".join((name or "").split()).strip(" |-–—:·")
    if not name or name.lower().startswith(("http://", "https://", "www.")) or "/" in name:
        return ""  # "article:publisher" often holds a social-network page's address
    return name


def is_outlet_name(line: str) -> bool:
    """Whether a short line can be an outlet's name: a few words, no sentence, no date."""
    line = line.strip()
    if not line or len(line) > 60 or not LETTER_RE.search(line):
        return False
    if line.lower() in UI_LINES or SENTENCE_END_RE.search(line) or DIGITS_RE.search(line):
        return False
    words = line.split()
    if len(words) > MAX_NAME_WORDS:
        return False
    # A name is capitalised ("The Korea Herald", "Science and Technology Daily"); a
    # tagline is not ("Your daily source of crypto news"). Scripts without case pass.
    return all(not word[0].islower() for word in words if len(word) >= 4 or word is words[0])


def masthead(above: list[str], *, chrome: int | None, furniture: list[str]) -> str:
    """The page's name from the lines above its headline, or "".

    A masthead is either the page's first line when it stands above the page's first
    menu, skip link or banner (where sites put their name and tagline), or a short line
    above the headline that the page repeats where it speaks of itself ("CRYPTOPOLITAN"
    above, "Subscribe to CryptoPolitan" below). A section label ("WORLD") has neither.
    """
    if above and chrome is not None and chrome > 0 and is_outlet_name(above[0]):
        return above[0]
    # Only lines where a page speaks of itself: a menu or "More from World" repeats a
    # section's name, not the site's.
    others = [line.lower() for line in furniture if SELF_REFERENCE_RE.search(line)]
    for line in above:
        if not is_outlet_name(line):
            continue
        pattern = re.compile(rf"(?<!\w){re.escape(line.lower())}(?!\w)")
        if any(pattern.search(other) for other in others if other != line.lower()):
            return line
    return ""


def byline_outlet(line: str) -> tuple[str, str] | None:
    """("Jane Doe", "The Guardian") from "By Jane Doe for The Guardian", else None."""
    found = BYLINE_FOR_RE.match(line.strip())
    if not found or len(found["outlet"].split()) > MAX_NAME_WORDS:
        return None
    return found["author"], found["outlet"]


def dateline_agency(paragraph: str) -> str:
    """The agency a wire dateline credits ("Yonhap" in "SEOUL, Nov 26 (Yonhap) -"), or ""."""
    found = DATELINE_AGENCY_RE.match(paragraph.strip())
    # A dateline sets its place in capitals or gives a date: "Apple (AAPL) -" is neither.
    if not found or not (found["date"] or found["place"].isupper()):
        return ""
    agency = found["agency"].strip()
    if agency.lower() in NOT_AN_AGENCY or len(agency.split()) > MAX_NAME_WORDS:
        return ""
    return agency


def outlet_for(*, name: str = "", domain: str = "", url: str = "", cues=()) -> Outlet | None:
    """The outlet an article is by, from what the desk was told and the page's cues.

    name, domain: what the desk was told (manifest, form); url: the page's address;
    cues: {"how", "name", "domain"} dicts as cleaning and metadata found them. A name
    the page states about itself goes with the page's domain; one a byline or dateline
    states goes alone (the page may be republishing the report). None: nothing says.
    """
    domain = domain or host_of(url)
    if name:
        return Outlet(name, domain)
    page = [c for c in cues if c.get("how", FURNITURE) in PAGE_CUES]
    page.sort(key=lambda c: PAGE_CUES.index(c.get("how", FURNITURE)))
    # A name stated apart from a domain ("appeared first on X") before one read off it.
    stated = next((c["name"] for c in page if c.get("name") and not c.get("domain")), "")
    stated = stated or next((c["name"] for c in page if c.get("name")), "")
    domain = domain or next((c["domain"].lower() for c in page if c.get("domain")), "")
    if stated or domain:
        return Outlet(stated, domain)
    report = next((c["name"] for c in cues if c.get("how") in REPORT_CUES and c.get("name")), "")
    return Outlet(report, "") if report else None
