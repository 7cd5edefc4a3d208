"""Reading an article for the desk: its text, cleaning, metadata, outlet and storing.

Lining it up with events and claims is claims.pipeline's: this module knows nothing of
claims, so the dependency runs one way (claims on articles).
"""

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import trafilatura
from django.conf import settings
from django.db import IntegrityError, transaction
from htmldate import find_date

from languages.detect import normalise_tag

from . import outlets
from .cleaning import clean_text, detect_language
from .dates import date_language, resolve_date
from .header_dates import publication_date
from .links import is_web_url
from .models import Article, Source
from .reading import (
    MAX_SOURCE_NAME,
    ArticleHints,
    IngestError,
    checked_hints,
    decode_upload,
    is_language_code,
    storable_derived,
    storable_text,
)

MANIFEST_NAME = "manifest.json"
TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}

# Who may add to what readers see: an editor's permission (claims.roles).
PUBLISH_PERMISSION = "claims.publish_event"


def read_article_file(path: Path) -> str:
    limit = settings.FACTDESK_MAX_ARTICLE_BYTES
    try:
        size = path.stat().st_size
        if size > limit:
            raise IngestError(f"{path}: file is {size:,} bytes, over the {limit:,} byte limit")
        data = path.read_bytes()
    except OSError as error:
        raise IngestError(f"{path}: cannot read file ({error.strerror})") from error
    return decode_upload(data, name=str(path))


def load_manifest(folder: Path) -> dict[str, ArticleHints]:
    """Per-file facts the desk keeps beside the files: {"name.txt": {"source": ...}}."""
    path = folder / MANIFEST_NAME
    if not path.exists():
        return {}
    try:
        entries = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise IngestError(f"{path}: not a readable JSON manifest ({error})") from error
    if not isinstance(entries, dict) or not all(isinstance(v, dict) for v in entries.values()):
        raise IngestError(f"{path}: manifest must map file names to objects")
    return {name: ArticleHints.from_dict(entry) for name, entry in entries.items()}


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head or "<p>" in head)


def _from_html(html: str) -> tuple[str, dict]:
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if document is None or not (document.text or "").strip():
        raise IngestError("HTML page has no article text")
    meta = {
        key: storable_derived(getattr(document, key) or "")
        for key in ("title", "author", "sitename", "url", "language")
    }
    return storable_derived(document.text), meta


def html_publication_date(html: str, url: str = "") -> str:
    """The publication date a page's markup states (its meta tags, JSON-LD, <time>, an
    address with the full date in it), as YYYY-MM-DD, or "".

    htmldate's extensive search is off: it would read a date off the story's text
    ("since December 2019" becomes 2019-01-01), and a wrong date is worse than none.
    The original date, not the last modification, is asked for.
    """
    try:
        found = find_date(html, extensive_search=False, original_date=True, url=url or None)
    except (ValueError, TypeError):  # markup htmldate cannot parse
        return ""
    return found or ""


def _find_source(*, hints: ArticleHints, cues: list[dict], url: str = "") -> Source | None:
    """The outlet the desk was told, or the one the page names (articles.outlets); else None.

    A name the desk was told is looked up by name first (an editor naming an outlet
    means that one); a name read off the page is looked up by the page's domain first.
    """
    found = outlets.outlet_for(name=hints.source, domain=hints.domain, url=url, cues=cues)
    if found is None:
        return None
    name, domain = found.name[:MAX_SOURCE_NAME], found.domain[:253]
    by_domain = Source.objects.filter(domain__iexact=domain).first() if domain else None
    if by_domain and not hints.source:
        return by_domain
    if name:
        source = Source.objects.filter(name__iexact=name).first()
        if source:
            if domain and not source.domain and by_domain is None:
                source.domain = domain
                source.save(update_fields=["domain"])
            return source
    elif by_domain:
        return by_domain
    # A domain another outlet already has stays with it: one domain, one outlet to look up.
    domain = "" if by_domain else domain
    try:
        with transaction.atomic():
            return Source.objects.create(
                name=name or domain, domain=domain, country=hints.country, language=hints.language
            )
    except IntegrityError:
        # Added meanwhile outside ingestion (an editor in the admin): the same outlet.
        return Source.objects.get(name=name or domain)


def may_publish(user) -> bool:
    """Whether what user adds to a published event may reach readers at once."""
    return bool(user and user.is_active and user.has_perm(PUBLISH_PERMISSION))


@dataclass(frozen=True)
class ReadArticle:
    """An article as read and cleaned, with its metadata: what storing it needs."""

    fields: dict  # the Article's own fields, as stored
    title: str
    body: str
    source_cues: list[dict]
    hints: ArticleHints

    @property
    def published_on(self):
        return self.fields["published_on"]


def read_article(
    *, text: str, file_name: str = "", hints: ArticleHints | None = None
) -> ReadArticle:
    """Read, clean and date one article's text; raise IngestError if nothing is usable.

    Nothing is stored: storing it, and lining it up with the desk's events and claims,
    is the ingestion pipeline's (claims.pipeline).
    """
    label = file_name or "text"
    text = storable_text(text, label=label)
    hints = checked_hints(hints or ArticleHints(), label)
    original = text
    html_meta: dict = {}
    if looks_like_html(text):
        try:
            text, html_meta = _from_html(text)
        except IngestError as error:
            raise IngestError(f"{label}: {error}") from error
    cleaned = clean_text(text)
    if not cleaned.body.strip() or not cleaned.title:
        raise IngestError(f"{label}: no article text left after cleaning")

    content_hash = hashlib.sha256(f"{cleaned.title}\n{cleaned.body}".encode()).hexdigest()
    cues = list(cleaned.source_cues)
    site_name = outlets.tidy_name(html_meta.get("sitename", ""))
    if site_name:
        cues.insert(0, {"how": outlets.SITE_NAME, "name": site_name})
    # A page's markup states its date more reliably than its text's header lines; the
    # text's phrase is kept when it says the same day, as the article wrote it.
    marked = html_publication_date(original, hints.url) if html_meta else ""
    # What a page says about itself is kept only when it is usable as such.
    page_url, page_language = html_meta.get("url", ""), html_meta.get("language", "")
    page_url = page_url if is_web_url(page_url) else ""
    page_language = page_language if is_language_code(page_language) else ""
    # A manifest's or page's tag in the desk's spelling ("zh-TW" is zh-Hant), else the text's.
    language = normalise_tag(hints.language or page_language, cleaned.body)
    if not language or (language == "en" and not hints.language):
        # A page's "en" is often its template's, on a site written in another language:
        # the text decides then (it stays English unless the detector is sure).
        language = detect_language(f"{cleaned.title}\n{cleaned.body}")
    reading = date_language(language)
    published = publication_date(cleaned.date_mentions, hints.collected_on, language=reading)
    if marked and published.value != date.fromisoformat(marked):
        published = resolve_date(marked, hints.collected_on, language=reading)
    fields = {
        "title": (html_meta.get("title") or cleaned.title)[:500],
        "author": (cleaned.author or html_meta.get("author", ""))[:200],
        "url": hints.url or page_url,
        "published_on": published.value,
        "date_precision": published.precision,
        "date_phrase": published.phrase[:200],
        "language": language,
        "body": cleaned.body,
        "original_text": original,
        "content_hash": content_hash,
        "file_name": file_name[:255],
    }
    return ReadArticle(fields, cleaned.title, cleaned.body, cues, hints)


def stored_article(read: ReadArticle) -> Article | None:
    """The article already stored with this clean text, if any."""
    return Article.objects.filter(content_hash=read.fields["content_hash"]).first()


def store_article(read: ReadArticle, *, event, held_for_review: bool) -> Article:
    """Store the article in event, with the outlet its hints or page name (else none)."""
    return Article.objects.create(
        source=_find_source(hints=read.hints, cues=read.source_cues, url=read.fields["url"]),
        event=event,
        held_for_review=held_for_review,
        **read.fields,
    )


def collect_files(paths: list[Path]) -> list[Path]:
    """Files named directly, plus the text and HTML files inside named folders."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES
            )
        else:
            files.append(path)
    return files
