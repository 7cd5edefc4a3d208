"""Ingesting an article: the one path the command, the admin and the API all take.

The steps are those of docs/ingesting.md's "How ingestion decides things", each a stage of
this package; articles.services reads, cleans, dates and stores the article itself.
"""

from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError

from articles.languages import is_supported
from articles.models import Article
from articles.reading import ArticleHints
from articles.services import (
    ReadArticle,
    ingestion_turn,
    may_publish,
    read_article,
    read_article_file,
    store_article,
    stored_article,
)

from ..extraction import Candidate
from . import attaching, candidates, events, refresh

# A write can still meet a row someone outside ingestion (an editor) added meanwhile.
STORE_ATTEMPTS = 3


@dataclass(frozen=True)
class IngestResult:
    article: Article
    created: bool


def ingest_article(
    *,
    text: str,
    file_name: str = "",
    hints: ArticleHints | None = None,
    added_by=None,
    trusted: bool = False,
) -> IngestResult:
    """Turn one article's text into an Article with its event and claims.

    Idempotent: the same clean text ingested again returns the stored article, also when
    several requests bring it at once. added_by is the desk member adding it in the admin
    or through the API. An article that joins a published event is public at once, so
    one added by anyone who may not publish is held for review: stored, but neither shown
    to readers nor lined up with the event's claims until an editor releases it
    (release_articles). That includes ingestion with no one behind it (a feed poll, a
    job whose member is gone): only trusted=True, the operator's `manage.py ingest`,
    publishes without an editor.
    """
    # 1-3. Reading, cleaning, metadata: bad input is refused here, nothing stored.
    read = read_article(text=text, file_name=file_name, hints=hints)
    existing = stored_article(read)
    if existing:
        return IngestResult(existing, created=False)
    # 6. The sentences that may be claims: the slow part, done before taking a turn. The
    # desk reads claims in its languages only: another is stored, with no claims.
    language = read.fields["language"]
    found = candidates.candidates_for(read.body, language) if is_supported(language) else []
    for attempt in range(STORE_ATTEMPTS):
        try:
            return _store(read, found, added_by, trusted)
        except IntegrityError:
            if attempt == STORE_ATTEMPTS - 1:
                raise  # a row added meanwhile outside ingestion, every time: give up


def _store(read: ReadArticle, found: list[Candidate], added_by, trusted: bool) -> IngestResult:
    with ingestion_turn():
        existing = stored_article(read)
        if existing:  # brought by another request while this one was reading it
            return IngestResult(existing, created=False)
        # 5. The event it reports on; joining a published one may need an editor.
        event = events.find_event(
            title=read.title,
            body=read.body,
            published_on=events.window_day(read.published_on, read.fields["date_precision"]),
        )
        held = event.is_published and not (trusted or may_publish(added_by))
        # 4. Its source, and the article stored.
        article = store_article(read, event=event, held_for_review=held)
        events.remember(article)
        if not held:
            # 7. One claim, many appearances.
            attaching.attach_claims(article=article, candidates=found)
            # 8-9. Copies, counts and variants; then the event's day, name and place.
            refresh.refresh_event(event, added=article)
    return IngestResult(article, created=True)


def ingest_file(
    path: Path, hints: ArticleHints | None = None, *, trusted: bool = False
) -> IngestResult:
    return ingest_article(
        text=read_article_file(path), file_name=path.name, hints=hints, trusted=trusted
    )


def is_public(article: Article) -> bool:
    """Whether readers see the article (its event published, the article not held)."""
    return article.event.is_published and not article.held_for_review


def release_articles(*, articles, editor) -> int:
    """Let readers see held articles; their claims join the event's now. Returns how many."""
    if not may_publish(editor):
        raise PermissionDenied("You do not have permission to release articles to readers.")
    released = []
    with ingestion_turn():
        held = Article.objects.select_for_update().filter(
            pk__in=[article.pk for article in articles], held_for_review=True
        )
        for article in held.select_related("event").order_by("pk"):
            article.held_for_review = False
            article.save(update_fields=["held_for_review"])
            attaching.attach_claims(
                article=article,
                candidates=candidates.candidates_for(article.body, article.language),
            )
            released.append(article)
        for event in {article.event_id: article.event for article in released}.values():
            refresh.refresh_event(event)
    return len(released)


def correct_article(*, article: Article, editor, changed: list[str]) -> Article:
    """Save an editor's fix to an article's metadata; re-line up the events it touches.

    Moving an article to another event can put it before readers, and a change to an
    article readers see is published at once, so only someone who may publish can do
    either; a contributor fixes articles readers do not see yet.
    """
    if not editor.has_perm("articles.change_article"):
        raise PermissionDenied("You do not have permission to change articles.")
    with ingestion_turn():
        previous = Article.objects.select_related("event").get(pk=article.pk)
        moved = "event" in changed and previous.event_id != article.event_id
        if moved and not may_publish(editor):
            raise PermissionDenied(
                "Only an editor may move an article to another event: that can publish it."
            )
        if changed and is_public(previous) and not may_publish(editor):
            raise PermissionDenied(
                "Only an editor may change an article readers see: the change is public at once."
            )
        # Released or not is decided by release_articles alone, never by a stale form.
        article.held_for_review = previous.held_for_review
        article.full_clean()
        article.save()
        if moved:
            # Its reports now belong with the claims of the event it was moved to.
            attaching.detach_article(article)
            if not article.held_for_review:
                attaching.attach_claims(
                    article=article,
                    candidates=candidates.candidates_for(article.body, article.language),
                )
            refresh.refresh_event(previous.event)
        if {"event", "source", "published_on"} & set(changed):
            refresh.refresh_event(article.event)
    return article
