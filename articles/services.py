"""Ingesting an article: the one path the command, the admin and the API all take."""

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import trafilatura
from django.conf import settings
from django.db import transaction

from claims import consolidation

from .cleaning import clean_text, detect_language
from .dates import resolve_date
from .models import Article, Source

MANIFEST_NAME = "manifest.json"
TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm"}


class IngestError(Exception):
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


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


def decode_upload(data: bytes, *, name: str) -> str:
    """Bytes to text, refusing what is not an article; never guesses an encoding."""
    limit = settings.FACTDESK_MAX_ARTICLE_BYTES
    if len(data) > limit:
        raise IngestError(f"{name}: file is {len(data):,} bytes, over the {limit:,} byte limit")
    if not data.strip():
        raise IngestError(f"{name}: file is empty")
    if b"\x00" in data[:8192]:
        raise IngestError(f"{name}: file is binary, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise IngestError(
            f"{name}: not valid UTF-8 (byte {error.start}); save it as UTF-8 and try again"
        ) from error


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
        "title": document.title or "",
        "author": document.author or "",
        "date": document.date or "",
        "sitename": document.sitename or "",
        "url": document.url or "",
        "language": document.language or "",
    }
    return document.text, meta


def _find_source(*, hints: ArticleHints, cues: list[dict]) -> Source | None:
    """The outlet from the manifest or from the page's own self-references; else None."""
    name, domain = hints.source, hints.domain
    if not name and not domain:
        domain = next((c["domain"].lower() for c in cues if c.get("domain")), "")
        name = next((c["name"] for c in cues if c.get("name") and not c.get("domain")), "")
        name = name or next((c["name"] for c in cues if c.get("name")), "")
    if not name and not domain:
        return None
    if domain:
        source = Source.objects.filter(domain__iexact=domain).first()
        if source:
            return source
    if name:
        source = Source.objects.filter(name__iexact=name).first()
        if source:
            if domain and not source.domain:
                source.domain = domain
                source.save(update_fields=["domain"])
            return source
    return Source.objects.create(
        name=name or domain, domain=domain, country=hints.country, language=hints.language
    )


def ingest_article(
    *, text: str, file_name: str = "", hints: ArticleHints | None = None
) -> IngestResult:
    """Turn one article's text into an Article with its event and claims.

    Idempotent: the same clean text ingested again returns the stored article.
    """
    hints = hints or ArticleHints()
    original = text
    html_meta: dict = {}
    if looks_like_html(text):
        try:
            text, html_meta = _from_html(text)
        except IngestError as error:
            raise IngestError(f"{file_name or 'input'}: {error}") from error
    cleaned = clean_text(text)
    if not cleaned.body.strip() or not cleaned.title:
        raise IngestError(f"{file_name or 'input'}: no article text left after cleaning")

    content_hash = hashlib.sha256(f"{cleaned.title}\n{cleaned.body}".encode()).hexdigest()
    existing = Article.objects.filter(content_hash=content_hash).first()
    if existing:
        return IngestResult(existing, created=False)

    if html_meta.get("sitename") and not hints.source:
        cleaned.source_cues.insert(0, {"name": html_meta["sitename"]})
    date_phrase = cleaned.date_phrase or html_meta.get("date", "")
    language = hints.language or html_meta.get("language") or detect_language(cleaned.body)
    published = resolve_date(date_phrase, hints.collected_on, language=language)
    candidates = consolidation.candidates_for(cleaned.body)

    with transaction.atomic():
        event = consolidation.find_event(
            title=cleaned.title, body=cleaned.body, candidates=candidates
        )
        article = Article.objects.create(
            source=_find_source(hints=hints, cues=cleaned.source_cues),
            event=event,
            title=(html_meta.get("title") or cleaned.title)[:500],
            author=(cleaned.author or html_meta.get("author", ""))[:200],
            url=hints.url or html_meta.get("url", ""),
            published_on=published.value,
            date_precision=published.precision,
            date_phrase=published.phrase[:200],
            language=language,
            body=cleaned.body,
            original_text=original,
            content_hash=content_hash,
            file_name=file_name[:255],
        )
        consolidation.attach_claims(article=article, candidates=candidates)
        consolidation.refresh_event(event)
    return IngestResult(article, created=True)


def ingest_file(path: Path, hints: ArticleHints | None = None) -> IngestResult:
    return ingest_article(text=read_article_file(path), file_name=path.name, hints=hints)


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


@transaction.atomic
def correct_article(*, article: Article, editor, changed: list[str]) -> Article:
    """Save an editor's fix to an article's metadata; re-line up the events it touches."""
    from django.core.exceptions import PermissionDenied

    if not editor.has_perm("articles.change_article"):
        raise PermissionDenied("You do not have permission to change articles.")
    previous = Article.objects.select_related("event").get(pk=article.pk)
    article.full_clean()
    article.save()
    if "event" in changed and previous.event_id != article.event_id:
        # Its reports now belong with the claims of the event it was moved to.
        consolidation.detach_article(article)
        consolidation.attach_claims(
            article=article, candidates=consolidation.candidates_for(article.body)
        )
        consolidation.refresh_event(previous.event)
    if {"event", "source", "published_on"} & set(changed):
        consolidation.refresh_event(article.event)
    return article
