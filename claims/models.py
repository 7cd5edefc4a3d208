from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils.text import Truncator

from articles.models import Article


def _count_per_event(queryset, count) -> Coalesce:
    """A per-event count as a subquery, so that several counts don't multiply rows."""
    rows = queryset.filter(event=OuterRef("pk")).order_by().values("event").annotate(n=count)
    return Coalesce(Subquery(rows.values("n")), 0)


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def with_counts(self):
        """Each event's numbers of articles, outlets and claims by status, and last activity.

        An unidentified outlet counts once per article, as in a claim's source count.
        """
        claims = Claim.objects.active()
        latest_review = Review.objects.filter(claim__event=OuterRef("pk")).order_by("-created_at")
        latest_article = Article.objects.filter(event=OuterRef("pk")).order_by("-ingested_at")
        return self.annotate(
            article_count=_count_per_event(Article.objects.all(), Count("pk")),
            source_count=_count_per_event(
                Article.objects.all(),
                Count("source", distinct=True) + Count("pk", filter=Q(source__isnull=True)),
            ),
            verified_count=_count_per_event(
                claims.filter(status=Claim.Status.VERIFIED), Count("pk")
            ),
            disputed_count=_count_per_event(
                claims.filter(status=Claim.Status.DISPUTED), Count("pk")
            ),
            unreviewed_count=_count_per_event(
                claims.filter(status=Claim.Status.UNREVIEWED), Count("pk")
            ),
            last_activity=Greatest(
                Coalesce(Subquery(latest_review.values("created_at")[:1]), F("created_at")),
                Coalesce(Subquery(latest_article.values("ingested_at")[:1]), F("created_at")),
            ),
        )


class Event(models.Model):
    """A real-world happening that articles report."""

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    place = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField(null=True, blank=True)
    ends_on = models.DateField(null=True, blank=True)
    is_published = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        permissions = [("publish_event", "Can publish or unpublish an event")]
        constraints = [
            models.CheckConstraint(
                name="event_ends_after_start",
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=models.F("starts_on")),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ClaimQuerySet(models.QuerySet):
    def active(self):
        return self.filter(merged_into__isnull=True)

    def for_event(self, event):
        return self.filter(event=event)

    def with_appearances(self):
        return self.select_related("event").prefetch_related(
            models.Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("article__source").order_by(
                    "article__published_on", "article_id", "start"
                ),
            )
        )

    def published(self):
        """What readers may see: claims not merged away, in published events."""
        return self.active().filter(event__is_published=True)


class Claim(models.Model):
    class Status(models.TextChoices):
        UNREVIEWED = "unreviewed", "awaiting review"
        VERIFIED = "verified", "verified"
        DISPUTED = "disputed", "disputed"

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField(help_text="Canonical wording.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.UNREVIEWED)
    rationale = models.TextField(blank=True, help_text="The editor's public reason.")
    # Kept up to date by claims.consolidation; stored so lists can sort and filter on them.
    source_count = models.PositiveIntegerField(default=0)
    independent_source_count = models.PositiveIntegerField(default=0)
    variants = models.JSONField(
        default=list,
        blank=True,
        help_text='Differing values: [{"kind": ..., "values": {value: [article ids]}}]',
    )
    has_variants = models.BooleanField(default=False)
    # A merged claim keeps its reviews and points at the claim that absorbed it.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_claims"
    )
    # Bumped on every editorial write; a form or API call holding an older one is refused.
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-source_count", "id"]
        permissions = [
            ("review_claim", "Can verify, dispute or reopen a claim"),
            ("merge_claim", "Can merge and split claims"),
        ]
        constraints = [
            models.CheckConstraint(
                name="claim_independent_within_sources",
                condition=Q(independent_source_count__lte=models.F("source_count")),
            ),
            models.CheckConstraint(
                name="claim_status_valid",
                condition=Q(status__in=["unreviewed", "verified", "disputed"]),
            ),
        ]
        indexes = [
            # The review queue: one event's claims by status, busiest first.
            models.Index(fields=["event", "status", "-source_count"], name="claim_queue_idx"),
        ]

    def __str__(self) -> str:
        return Truncator(self.text).chars(120)


class Appearance(models.Model):
    """Where a claim appears in an article: the exact quote and its offsets in the clean body."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="appearances")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="appearances"
    )
    quote = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    speaker = models.CharField(
        max_length=200, blank=True, help_text="Who a quote's leading “He”/“She” refers to."
    )
    similarity = models.FloatField(
        default=1.0, help_text="How closely the quote matched the claim when it was attached."
    )

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "start"], name="one_claim_per_article_span"),
            models.CheckConstraint(
                name="appearance_span_not_empty", condition=Q(end__gt=models.F("start"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article} [{self.start}:{self.end}]"

    def clean(self):
        if self.article_id and self.article.body[self.start : self.end] != self.quote:
            raise ValidationError("The quote does not match the article text at these offsets.")


class Review(models.Model):
    """One editorial decision on a claim. Written once, never changed."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="reviews")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    from_status = models.CharField(max_length=10, choices=Claim.Status.choices)
    to_status = models.CharField(max_length=10, choices=Claim.Status.choices)
    rationale = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(name="review_has_rationale", condition=~Q(rationale="")),
        ]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Reviews are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Reviews are immutable.")


class WordingChange(models.Model):
    """The claim's canonical wording before and after an edit. Written once."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="wording_changes")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    old_text = models.TextField()
    new_text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{Truncator(self.old_text).chars(40)} → {Truncator(self.new_text).chars(40)}"


class Evidence(models.Model):
    """A link an editor cites for or against a claim."""

    class Stance(models.TextChoices):
        SUPPORTS = "supports", "supports"
        REFUTES = "refutes", "refutes"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="evidence")
    url = models.URLField(max_length=1000)
    title = models.CharField(max_length=300)
    stance = models.CharField(max_length=8, choices=Stance.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name_plural = "evidence"
        constraints = [
            models.UniqueConstraint(fields=["claim", "url"], name="one_evidence_link_per_claim"),
        ]

    def __str__(self) -> str:
        return self.title
