"""Reading what comes in: bytes to text, and text and hints the database can store.

The first stage of ingestion, for every way in (the command, the admin, the API): one
size limit in bytes of UTF-8, no encoding ever guessed, and a clear IngestError naming
what is wrong, so that nothing half-read reaches the database.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.conf import settings

from factdesk.errors import DeskError

from .links import MAX_URL_LENGTH, is_web_url

# PostgreSQL cannot store NUL in text, and no database can store half a surrogate pair
# (which JSON can carry as "\ud800").
NUL = "\x00"
SURROGATE_RE = re.compile("[\ud800-\udfff]")
# Invisible in an article, and XML (the Atom feeds) cannot carry them.
CONTROL_RE = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]")
LANGUAGE_RE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8}){0,3}")  # en, zh-Hans, pt-BR
HOST_RE = re.compile(r"(?=.{1,253}$)[\w-]{1,63}(?:\.[\w-]{1,63})+")  # example.com, 例え.jp
COUNTRY_RE = re.compile(r"[A-Z]{2}")
MAX_SOURCE_NAME = 200  # Source.name
MAX_LANGUAGE = 16  # Article.language


class IngestError(DeskError):
    """Input that cannot become an article; the message is shown to the user as is."""


@dataclass(frozen=True)
class ArticleHints:
    """What the desk knows about a file beyond its text (from a manifest or a form)."""

    source: str = ""
    domain: str = ""
    country: str = ""
    url: str = ""
    language: str = ""
    collected_on: date | None = None

    @classmethod
    def from_dict(cls, data: dict) -> "ArticleHints":
        collected = data.get("collected_on")
        try:
            collected_on = date.fromisoformat(collected) if collected else None
        except (TypeError, ValueError) as error:
            raise IngestError(f"manifest: collected_on {collected!r} is not YYYY-MM-DD") from error
        return cls(
            source=str(data.get("source", "")).strip(),
            domain=str(data.get("domain", "")).strip().lower(),
            country=str(data.get("country", "")).strip().upper()[:2],
            url=str(data.get("url", "")).strip(),
            language=str(data.get("language", "")).strip(),
            collected_on=collected_on,
        )


def decode_upload(data: bytes, *, name: str) -> str:
    """Bytes to text, refusing what is not an article; never guesses an encoding."""
    limit = settings.FACTDESK_MAX_ARTICLE_BYTES
    if len(data) > limit:
        raise IngestError(f"{name}: file is {len(data):,} bytes, over the {limit:,} byte limit")
    if not data.strip():
        raise IngestError(f"{name}: file is empty")
    nul = data.find(b"\x00")  # anywhere: a text file never holds one
    if nul >= 0:
        raise IngestError(f"{name}: file is binary, not text (a NUL byte at byte {nul:,})")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IngestError(
            f"{name}: not valid UTF-8 (byte {error.start}); save it as UTF-8 and try again"
        ) from error


def read_upload(upload, *, name: str) -> str:
    """An uploaded file's text; one over the size limit is refused before it is read."""
    limit = settings.FACTDESK_MAX_ARTICLE_BYTES
    if upload.size is not None and upload.size > limit:
        raise IngestError(f"{name}: file is {upload.size:,} bytes, over the {limit:,} byte limit")
    return decode_upload(upload.read(limit + 1), name=name)


def utf8_size(text: str) -> int:
    return len(text.encode("utf-8", "surrogatepass"))


def storable_text(text: str, *, label: str) -> str:
    """The text as every database can store it, or IngestError saying what is wrong.

    One size limit for every way in, in bytes of UTF-8 (FACTDESK_MAX_ARTICLE_BYTES).
    A NUL or half a surrogate pair is refused: the text is damaged, and guessing what
    it should have said is not the desk's job. Invisible control characters are dropped.
    """
    limit = settings.FACTDESK_MAX_ARTICLE_BYTES
    size = utf8_size(text)
    if size > limit:
        raise IngestError(f"{label}: {size:,} bytes in UTF-8, over the {limit:,} byte limit")
    nul = text.find(NUL)
    if nul >= 0:
        raise IngestError(
            f"{label}: contains a NUL character (character {nul + 1:,}); an article "
            "never holds one, so this is binary data or a damaged copy"
        )
    surrogate = SURROGATE_RE.search(text)
    if surrogate:
        raise IngestError(
            f"{label}: contains U+{ord(surrogate.group()):04X} (character "
            f"{surrogate.start() + 1:,}), half of a UTF-16 pair: not valid Unicode"
        )
    return CONTROL_RE.sub("", text)


def is_language_code(value: str) -> bool:
    return len(value) <= MAX_LANGUAGE and bool(LANGUAGE_RE.fullmatch(value))


def storable_derived(value: str) -> str:
    """Text a library extracted from the input: made storable rather than refused."""
    return CONTROL_RE.sub("", SURROGATE_RE.sub("\ufffd", (value or "").replace(NUL, "")))


def _shown(value: str) -> str:
    """A bad value quoted in an error message, cut short."""
    return repr(value[:80] + ("…" if len(value) > 80 else ""))


def checked_hints(hints: ArticleHints, label: str) -> ArticleHints:
    """The hints as given, or IngestError naming the first one the desk cannot store."""
    for field in ("source", "domain", "country", "url", "language"):
        value = getattr(hints, field)
        if NUL in value or SURROGATE_RE.search(value) or CONTROL_RE.search(value):
            raise IngestError(f"{label}: {field} holds a control character or invalid Unicode")
    if len(hints.url) > MAX_URL_LENGTH:
        raise IngestError(f"{label}: url is {len(hints.url):,} characters, over {MAX_URL_LENGTH:,}")
    if hints.url and not is_web_url(hints.url):
        raise IngestError(
            f"{label}: url {_shown(hints.url)} is not a web address: "
            "give the page's address, starting with http:// or https://"
        )
    if len(hints.source) > MAX_SOURCE_NAME:
        raise IngestError(
            f"{label}: source name is {len(hints.source):,} characters, over {MAX_SOURCE_NAME}"
        )
    if hints.domain and not HOST_RE.fullmatch(hints.domain):
        raise IngestError(
            f"{label}: domain {_shown(hints.domain)} is not a host name like example.com"
        )
    if hints.country and not COUNTRY_RE.fullmatch(hints.country):
        raise IngestError(
            f"{label}: country {_shown(hints.country)} is not a two-letter code like GB"
        )
    if hints.language and not is_language_code(hints.language):
        raise IngestError(
            f"{label}: language {_shown(hints.language)} is not a language code like en or ja"
        )
    return hints
