"""Ingesting an article: the one path the command, the admin and the API all take.

The steps are those of docs/ingesting.md's "How ingestion decides things", each a stage of
this package; articles.services reads, cleans, dates and stores the article itself.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Max

from articles.models import Article
from articles.reading import ArticleHints
from articles.services import (
    ReadArticle,
    may_publish,
    read_article,
    read_article_file,
    store_article,
    stored_article,
)

from ..text.sentences import Candidate
from . import attaching, candidates, events, locks, naming, refresh

# A write can still meet a row another writer added meanwhile (an editor; on PostgreSQL
# an ingestion of another event naming the same new outlet) or, rarely, two writers can
# wait for each other's rows: the attempt is undone and made again from the start.
STORE_ATTEMPTS = 3
# PostgreSQL's "deadlock detected" and "could not serialize": the transaction was undone.
RETRIED_STATES = {"40P01", "40001"}


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
    record: Callable[[IngestResult], None] | None = None,
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

    Ingestions run in parallel: the slow part (sentences, the event's choice, matching)
    is worked out from what is stored before the short transaction that writes it, which
    locks only what it must (claims.pipeline.locks). record, if given, is called with
    the result inside that transaction (for a text already stored, in one of its own),
    so that what the caller keeps about it, a job's outcome or a page's snapshot, is
    committed with the article or not at all. Called inside a transaction, it writes
    in that one, which then holds the locks to its end.
    """
    # 1-3. Reading, cleaning, metadata: bad input is refused here, nothing stored.
    read = read_article(text=text, file_name=file_name, hints=hints)
    existing = stored_article(read)
    if existing:
        return _recorded(IngestResult(existing, created=False), record)
    # 6. The sentences that may be claims: the slow part, done before any lock. The desk
    # reads claims in its languages only: another is stored, with no claims.
    found = candidates.candidates_for(read.body, read.fields["language"])
    publishes = trusted or may_publish(added_by)
    for attempt in range(STORE_ATTEMPTS):
        try:
            return _store(read, found, publishes, record)
        except (IntegrityError, OperationalError) as error:
            retried = isinstance(error, IntegrityError) or (
                getattr(error.__cause__, "sqlstate", None) in RETRIED_STATES
            )
            if not retried or attempt == STORE_ATTEMPTS - 1:
                raise  # not a race, or a race lost every time: give up


def _recorded(result: IngestResult, record) -> IngestResult:
    if record is not None:
        with transaction.atomic():
            record(result)
    return result


def _store(read: ReadArticle, found: list[Candidate], publishes: bool, record) -> IngestResult:
    """Decide from what is stored, then write in one short transaction; see locks."""
    day = events.window_day(read.published_on, read.fields["date_precision"])
    # 5. The event it reports on, as things stand: a new one is not saved yet.
    seen = _latest()
    event = events.find_event(title=read.title, body=read.body, published_on=day, save=False)
    # 7. Its sentences lined up with that event's claims (no write), unless it will wait
    # for an editor.
    plan = None
    if publishes or not event.is_published:
        plan = attaching.plan_claims(event=event, candidates=found)
        # What it tells of the event's day and name, read now too (naming keeps it).
        naming.told_of([SimpleNamespace(**read.fields)])
    # A report that starts an event, outside any caller's transaction, is stored in a
    # transaction of its own first, so that the next report can choose that event while
    # this one's claims are lined up (a long article's take seconds; held_for_review
    # keeps it out of sight until then, and lets an editor release it if that fails).
    alone = not transaction.get_connection().in_atomic_block
    with transaction.atomic():
        with locks.choosing() as choosing:
            existing = stored_article(read)
            if existing:  # brought by another request while this one was reading it
                return _recorded(IngestResult(existing, created=False), record)
            if _may_change(event, seen):  # choose again, with the reports stored since
                event = events.find_event(
                    title=read.title, body=read.body, published_on=day, save=False
                )
            started = None  # the article, when it starts the event in a transaction of its own
            if event.pk is None:
                events.save_new_event(event)
                if alone:
                    started = store_article(read, event=event, held_for_review=True)
                    events.remember(started)
                else:
                    choosing.hold_until_commit()  # no one chooses before this event is seen
        if started is None:
            return _line_up(read, event.pk, found, plan, publishes, record)
    return _line_up(read, event.pk, found, plan, publishes, record, started=started)


def _line_up(read, event_id, found, plan, publishes, record, started=None) -> IngestResult:
    """Under the event's lock: the article stored (or, when it started the event, let out
    of hold), its claims lined up and the event refreshed, with record in the same
    transaction."""
    with transaction.atomic():
        # The event's lock, and its publication as it stands now.
        event = locks.lock_events([event_id])[event_id]
        held = event.is_published and not publishes
        lines_up = not held
        if started is None:
            # 4. Its source, and the article stored.
            article = store_article(read, event=event, held_for_review=held)
            events.remember(article)
        else:
            article = Article.objects.select_for_update().get(pk=started.pk)
            article.event = event
            # Released by an editor meanwhile: release_articles lined it up already.
            lines_up = lines_up and article.held_for_review
            if lines_up:
                article.held_for_review = False
                article.save(update_fields=["held_for_review"])
        if lines_up:
            # 7. One claim, many appearances (the plan is checked, or made again).
            attaching.attach_claims(article=article, candidates=found, plan=plan)
            # 8-9. Copies, counts and variants; then the event's day, name and place.
            refresh.refresh_event(event, added=article)
        result = IngestResult(article, created=True)
        if record is not None:
            record(result)
    return result


def _latest() -> tuple[int, int]:
    """The last report stored, and the last event a report was stored in."""
    latest = Article.objects.aggregate(article=Max("id"), event=Max("event_id"))
    return latest["article"] or 0, latest["event"] or 0


def _may_change(event, seen: tuple[int, int]) -> bool:
    """Whether reports stored since seen (_latest) may change the choice of event.

    A new event: any of them may be its first report (or make an event it would join). An
    event the desk had: only a report of an event started since, which may tell this
    story; the others were added to events it weighed already, as if just after it chose
    (so two reports of different events never wait for each other's choice).
    """
    article, last_event = seen
    since = Article.objects.filter(pk__gt=article)
    if event.pk is not None:
        since = since.filter(event_id__gt=last_event)
    return since.exists()


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
    pending = Article.objects.filter(pk__in=[article.pk for article in articles])
    pending = list(
        pending.filter(held_for_review=True).values_list("pk", "event_id", "body", "language")
    )
    # The sentences first, with no lock held (an article's body does not change).
    found = {pk: candidates.candidates_for(body, language) for pk, _, body, language in pending}
    released = []
    with transaction.atomic():
        locked = locks.lock_events(event_id for _, event_id, _, _ in pending)
        held = Article.objects.select_for_update().filter(pk__in=found, held_for_review=True)
        for article in held.order_by("pk"):
            # Moved meanwhile to an event not locked above (rare): locked now.
            article.event = locked.get(article.event_id) or locks.lock_events(
                [article.event_id]
            ).get(article.event_id)
            article.held_for_review = False
            article.save(update_fields=["held_for_review"])
            attaching.attach_claims(article=article, candidates=found[article.pk])
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
    stored_in = Article.objects.values_list("event_id", flat=True).get(pk=article.pk)
    found = None
    if "event" in changed and stored_in != article.event_id:  # its sentences, before locking
        found = candidates.candidates_for(article.body, article.language)
    with transaction.atomic():
        # Both events' locks before the article's row, in the order ingestion takes them.
        locked = locks.lock_events({stored_in, article.event_id})
        previous = Article.objects.select_for_update().get(pk=article.pk)
        if previous.event_id not in locked:  # moved meanwhile by someone else (rare)
            locked.update(locks.lock_events([previous.event_id]))
        previous.event = locked[previous.event_id]
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
                if found is None:
                    found = candidates.candidates_for(article.body, article.language)
                attaching.attach_claims(article=article, candidates=found)
            refresh.refresh_event(previous.event)
        if {"event", "source", "published_on"} & set(changed):
            refresh.refresh_event(article.event)
    return article
