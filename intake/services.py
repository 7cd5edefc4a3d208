"""Intake: articles by URL, and the background jobs that run them (feeds: intake.feeds).

Everything here ends in articles.services.ingest_article, the one ingestion path, so a
page fetched from the web is cleaned, dated and consolidated exactly like a file.
"""

import hashlib
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

import trafilatura
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone

from articles.models import Article
from articles.reading import ArticleHints, IngestError
from claims.pipeline import ingest_article

from . import fetching
from .models import IntakeJob, PageSnapshot

logger = logging.getLogger(__name__)


def stale_after() -> timedelta:
    """A job still "running" this long after it started lost its worker (killed, machine
    gone): it may be taken again. Ingesting one article takes seconds, not minutes."""
    return timedelta(seconds=settings.FACTDESK_INTAKE_STALE_SECONDS)


@dataclass(frozen=True)
class UrlResult:
    article: Article
    outcome: str  # "new", "unchanged", "new revision"

    @property
    def created(self) -> bool:
        return self.outcome == "new"


def hints_dict(hints: ArticleHints) -> dict:
    data = {key: value for key, value in vars(hints).items() if value}
    if hints.collected_on:
        data["collected_on"] = hints.collected_on.isoformat()
    return data


def hints_from(data: dict) -> ArticleHints:
    return ArticleHints.from_dict(data or {})


def check_url(url: str) -> None:
    """Refuse at once, before anything is queued, what could never be fetched."""
    fetching.resolve(url)


def _main_text(html: str) -> str:
    return (trafilatura.extract(html, include_comments=False) or "").strip()


def ingest_url(
    *,
    url: str,
    hints: ArticleHints | None = None,
    added_by=None,
    trusted: bool = False,
    record: Callable[[UrlResult], None] | None = None,
) -> UrlResult:
    """Fetch url and ingest the page; nothing is written unless all of it succeeds.

    The same page fetched again changes nothing; a changed page becomes a new revision
    (a snapshot) of the article first taken from that address, whose text and quotes
    stay as they were. added_by and trusted as for ingest_article: with neither (a feed
    poll), an article that joins a published event waits for an editor. record, if
    given, is called with the result in the transaction that stores it (ingest_article's).
    """
    hints = hints or ArticleHints()
    page = fetching.fetch(url, accept=fetching.HTML_TYPES)
    html = page.text()
    main_text = _main_text(html)
    if not main_text:
        raise IngestError(f"{page.final_url}: not an article (the page has no main text)")
    text_hash = hashlib.sha256(main_text.encode()).hexdigest()
    snapshot = {
        "url": url,
        "final_url": page.final_url,
        "fetched_at": page.fetched_at,
        "html": html,
        "text_hash": text_hash,
        "main_text": main_text,
    }
    known = (
        PageSnapshot.objects.filter(final_url=page.final_url)
        .select_related("article")
        .order_by("revision")
        .first()
    )
    if known:  # a page the desk has: a new revision at most, no ingestion
        with transaction.atomic():
            article = known.article
            if article.snapshots.filter(text_hash=text_hash).exists():
                return _recorded(UrlResult(article, "unchanged"), record)
            revision = article.snapshots.aggregate(last=Max("revision"))["last"] + 1
            PageSnapshot.objects.create(article=article, revision=revision, **snapshot)
            return _recorded(UrlResult(article, "new revision"), record)
    hints = ArticleHints(**{**vars(hints), "url": hints.url or page.final_url})
    results = []

    def keep_snapshot(result) -> None:  # in the transaction that stores the article
        article = result.article
        if not article.snapshots.filter(text_hash=text_hash).exists():
            revision = (article.snapshots.aggregate(last=Max("revision"))["last"] or 0) + 1
            PageSnapshot.objects.create(article=article, revision=revision, **snapshot)
        results.append(UrlResult(article, "new" if result.created else "unchanged"))
        _recorded(results[-1], record)

    try:
        ingest_article(
            text=html,
            file_name="",
            hints=hints,
            added_by=added_by,
            trusted=trusted,
            record=keep_snapshot,
        )
    except IngestError as error:  # say which page, not "text"
        raise IngestError(f"{page.final_url}: {str(error).removeprefix('text: ')}") from error
    return results[-1]


def _recorded(result, record):
    if record is not None:
        record(result)
    return result


# Jobs


def submit(*, kind: str, added_by=None, url: str = "", text: str = "", hints=None, feed=None):
    """Record a job and hand it to the task backend; returns the job."""
    from .tasks import run_intake_job

    job = IntakeJob.objects.create(
        kind=kind,
        url=url,
        text=text,
        hints=hints_dict(hints) if isinstance(hints, ArticleHints) else (hints or {}),
        feed=feed,
        added_by=added_by,
    )
    # Queued only once the job row is committed, so no worker can look for it too soon.
    transaction.on_commit(lambda: run_intake_job.enqueue(job.pk))
    return job


def submit_url(*, url: str, added_by=None, hints: ArticleHints | None = None) -> IntakeJob:
    check_url(url)
    # The article's address is where the page ends up after redirects, not the one asked.
    hints = ArticleHints(**{**vars(hints or ArticleHints()), "url": ""})
    return submit(kind=IntakeJob.Kind.URL, url=url, hints=hints, added_by=added_by)


def submit_text(*, text: str, added_by=None, hints: ArticleHints | None = None) -> IntakeJob:
    return submit(kind=IntakeJob.Kind.TEXT, text=text, hints=hints, added_by=added_by)


def this_worker() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _is_dead(worker: str) -> bool:
    """Whether worker ("host:pid") is a process of this host that no longer runs."""
    host, _, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, someone else's
    return False


def requeue_abandoned() -> list[int]:
    """Queue again the jobs whose worker died: a process of this host that is gone, or,
    anywhere, a job "running" for longer than FACTDESK_INTAKE_STALE_SECONDS.

    Each job is handed back by one guarded UPDATE, so of two sweeping workers one
    requeues it, and the new task's _claim takes it once.
    """
    from .tasks import run_intake_job

    stale_before = timezone.now() - stale_after()
    requeued = []
    running = IntakeJob.objects.filter(status=IntakeJob.Status.RUNNING)
    for pk, worker, started_at in running.values_list("pk", "worker", "started_at"):
        if not (_is_dead(worker) or (started_at and started_at < stale_before)):
            continue
        handed_back = IntakeJob.objects.filter(
            pk=pk, status=IntakeJob.Status.RUNNING, worker=worker, started_at=started_at
        ).update(status=IntakeJob.Status.QUEUED, worker="", started_at=None)
        if handed_back:
            logger.warning("Intake job %s lost its worker %s: queued again", pk, worker or "?")
            run_intake_job.enqueue(pk)
            requeued.append(pk)
    return requeued


def _claim(job_id: int) -> IntakeJob | None:
    """Take the job for this worker: queued, or running but abandoned by a dead worker."""
    now = timezone.now()
    takeable = IntakeJob.objects.filter(pk=job_id, status=IntakeJob.Status.QUEUED)
    stale = IntakeJob.objects.filter(
        pk=job_id, status=IntakeJob.Status.RUNNING, started_at__lt=now - stale_after()
    )
    for candidates in (takeable, stale):
        # One UPDATE: of two workers given the same job, exactly one changes the row.
        taken = candidates.update(
            status=IntakeJob.Status.RUNNING,
            started_at=now,
            worker=this_worker(),
            error="",
            attempts=F("attempts") + 1,
        )
        if taken:
            return IntakeJob.objects.select_related("feed__source", "added_by").get(pk=job_id)
    return None


def run_job(job_id: int) -> str:
    """Do one job; what the task backends call. Returns its final status."""
    job = _claim(job_id)
    if job is None:
        return "skipped"  # done, taken by another worker, or gone
    try:
        if job.kind == IntakeJob.Kind.FEED:
            from .feeds import poll_feed  # feeds submit jobs through this module

            _finish(job, status=IntakeJob.Status.DONE, outcome=poll_feed(job.feed))
        else:
            # The article and the job's "done" are committed together, or neither is, in
            # ingestion's own short transaction: reading and matching a long text happen
            # before it, so they hold no lock (claims.pipeline.locks).
            def done(article: Article, outcome: str) -> None:
                _finish(job, status=IntakeJob.Status.DONE, article=article, outcome=outcome)

            _ingest_job_input(job, done)
    except IngestError as error:
        _finish(job, status=IntakeJob.Status.FAILED, error=str(error))
    except Exception as error:  # a bug or an outage: recorded on the job, retryable
        logger.exception("Intake job %s failed", job_id)
        _finish(job, status=IntakeJob.Status.FAILED, error=fault_message(error))
    return IntakeJob.objects.values_list("status", flat=True).get(pk=job_id)


# What an editor reads when a job fails for a reason that is not the article's: a busy
# database, a service down, a bug. The technical detail follows FAULT_DETAIL, for whoever
# runs the desk; the admin shows it folded away.
FAULT_MESSAGE = (
    "The desk could not finish this job because of a fault on its side, not in the "
    "article. Retry it; if it fails again, tell whoever runs the desk."
)
FAULT_DETAIL = " Technical detail: "


def fault_message(error: Exception) -> str:
    reason = " ".join(str(error).split()) or "no message"
    return f"{FAULT_MESSAGE}{FAULT_DETAIL}{type(error).__name__}: {reason}"


def _ingest_job_input(job: IntakeJob, done: Callable[[Article, str], None]) -> None:
    """Ingest the job's page or text; done(article, outcome) is called in the transaction
    that stores it."""
    hints = hints_from(job.hints)
    if job.kind == IntakeJob.Kind.URL:
        ingest_url(
            url=job.url,
            hints=hints,
            added_by=job.added_by,
            record=lambda result: done(result.article, result.outcome),
        )
        return
    ingest_article(
        text=job.text,
        file_name=str(job.hints.get("file_name", "")),
        hints=hints,
        added_by=job.added_by,
        record=lambda result: done(result.article, "new" if result.created else "unchanged"),
    )


def _finish(job: IntakeJob, *, status: str, article=None, outcome: str = "", error: str = ""):
    IntakeJob.objects.filter(pk=job.pk).update(
        status=status,
        article=article,
        outcome=outcome[:200],
        error=error,
        done=1 if status == IntakeJob.Status.DONE else 0,
        finished_at=timezone.now(),
        # A long text is kept only until it is an article.
        **({"text": ""} if status == IntakeJob.Status.DONE and job.kind == "text" else {}),
    )


def retry_job(*, job: IntakeJob, user) -> IntakeJob:
    """Queue a failed (or abandoned) job again."""
    from .tasks import run_intake_job

    if not user.has_perm("intake.change_intakejob"):
        raise PermissionDenied("You do not have permission to retry intake jobs.")
    abandoned = (
        job.status == IntakeJob.Status.RUNNING
        and job.started_at
        and (job.started_at < timezone.now() - stale_after())
    )
    if job.status != IntakeJob.Status.FAILED and not abandoned:
        raise IngestError(f"Job {job.pk} is {job.status}: only a failed job can be retried.")
    if job.kind == IntakeJob.Kind.TEXT and not job.text:
        raise IngestError(f"Job {job.pk} no longer has its text: paste the article again.")
    IntakeJob.objects.filter(pk=job.pk).update(
        status=IntakeJob.Status.QUEUED, error="", finished_at=None, started_at=None
    )
    transaction.on_commit(lambda: run_intake_job.enqueue(job.pk))
    job.refresh_from_db()
    return job
