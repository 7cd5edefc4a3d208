"""What intake keeps: background jobs, subscribed feeds, and fetched pages."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from articles.links import validate_web_url
from articles.models import Article, Source


class IntakeJob(models.Model):
    """One piece of intake done in the background: a URL, a long text, a feed poll.

    The job, not the task backend's own record, is what people see (the API's
    /api/v1/intake/{id}/, the admin list), so it reads the same on every backend.
    """

    class Kind(models.TextChoices):
        URL = "url", "page by URL"
        TEXT = "text", "long text"
        FEED = "feed", "feed poll"

    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    kind = models.CharField(max_length=8, choices=Kind.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    url = models.URLField(max_length=1000, blank=True, validators=[validate_web_url])
    text = models.TextField(blank=True, help_text="A long pasted text, kept until ingested.")
    # Source name/domain, collected_on, file name: what the form or the API said.
    hints = models.JSONField(default=dict, blank=True)
    feed = models.ForeignKey(
        "Feed", null=True, blank=True, on_delete=models.CASCADE, related_name="jobs"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="intake_jobs"
    )
    outcome = models.CharField(max_length=200, blank=True, help_text="new, unchanged, …")
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # "host:pid" of the process running it: a worker on the same host can tell it died.
    worker = models.CharField(max_length=100, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(name="intake_url_job_has_url", condition=~Q(kind="url", url="")),
        ]
        indexes = [
            # The admin lists jobs by status, newest first.
            models.Index(fields=["status", "-created_at"], name="intake_job_status_idx"),
        ]

    def __str__(self) -> str:
        what = self.url or (self.feed.url if self.feed_id else "") or f"text {self.pk}"
        return f"{self.get_kind_display()}: {what}"

    def get_absolute_url(self) -> str:
        return reverse("intake-detail", kwargs={"pk": self.pk})


class Feed(models.Model):
    """An outlet's RSS or Atom feed the desk subscribes to."""

    url = models.URLField(max_length=1000, unique=True, validators=[validate_web_url])
    source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.PROTECT, related_name="feeds"
    )
    title = models.CharField(max_length=300, blank=True)
    active = models.BooleanField(default=True)
    # Conditional GET: what the server said last time, sent back as If-None-Match /
    # If-Modified-Since so an unchanged feed costs a 304.
    etag = models.CharField(max_length=300, blank=True, editable=False)
    last_modified = models.CharField(max_length=100, blank=True, editable=False)
    last_polled_at = models.DateTimeField(null=True, blank=True, editable=False)
    last_new_items = models.PositiveIntegerField(default=0, editable=False)
    last_error = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return self.title or self.url


class FeedItem(models.Model):
    """An entry seen in a feed: taken in once, whatever later polls find."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="items")
    guid = models.CharField(max_length=1000)
    url = models.URLField(max_length=1000, blank=True, validators=[validate_web_url])
    title = models.CharField(max_length=500, blank=True)
    seen_at = models.DateTimeField(auto_now_add=True)
    article = models.ForeignKey(
        Article, null=True, blank=True, on_delete=models.SET_NULL, related_name="feed_items"
    )
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-seen_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["feed", "guid"], name="feed_item_once"),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class PageSnapshot(models.Model):
    """A fetched page as it was: the article's original, one row per revision."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="snapshots")
    revision = models.PositiveIntegerField()
    url = models.URLField(max_length=1000, validators=[validate_web_url])
    final_url = models.URLField(max_length=1000, validators=[validate_web_url])
    fetched_at = models.DateTimeField()
    html = models.TextField()
    # Of the page's main text: a page whose ads or clock changed is still the same page.
    text_hash = models.CharField(max_length=64)
    main_text = models.TextField(blank=True)

    class Meta:
        ordering = ["article", "revision"]
        constraints = [
            models.UniqueConstraint(fields=["article", "revision"], name="snapshot_revision_once"),
            models.UniqueConstraint(fields=["article", "text_hash"], name="snapshot_text_once"),
        ]
        indexes = [
            # Re-fetching a URL looks up the article fetched from it.
            models.Index(fields=["final_url"], name="snapshot_final_url_idx"),
            models.Index(fields=["url"], name="snapshot_url_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.final_url} (revision {self.revision})"
