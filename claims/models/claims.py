"""Events, their claims and the reports (appearances) that make each claim."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.text import Truncator

from articles.models import Article
from articles.slugs import title_slug

from .. import statuses
from ..ratings import Rating


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
        # Articles held for review are not part of the account yet.
        articles = Article.objects.filter(held_for_review=False)
        from .records import Review  # defined after Claim, which it points to

        latest_review = Review.objects.filter(claim__event=OuterRef("pk")).order_by("-created_at")
        latest_article = articles.filter(event=OuterRef("pk")).order_by("-ingested_at")
        return self.annotate(
            article_count=_count_per_event(articles, Count("pk")),
            source_count=_count_per_event(
                articles,
                Count("source", distinct=True) + Count("pk", filter=Q(source__isnull=True)),
            ),
            # verified_count, disputed_count, unreviewed_count: each status of the account.
            **{
                f"{facts.value}_count": _count_per_event(
                    claims.filter(status=facts.value), Count("pk")
                )
                for facts in statuses.ACCOUNT
            },
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
    # What its reports say of its day, name and place, counted report by report, so one
    # more report is counted without reading the others (claims.pipeline.naming.Naming).
    naming = models.JSONField(default=dict, blank=True, editable=False)

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

    def get_absolute_url(self) -> str:
        return reverse("public:event", args=[self.slug])


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
        """What readers may see: claims not merged away nor dismissed, in published events."""
        return self.active().filter(event__is_published=True).exclude(status__in=statuses.HIDDEN)


class Claim(models.Model):
    # One member per row of claims.statuses, e.g. Claim.Status.VERIFIED == "verified".
    Status = models.TextChoices("Status", statuses.CHOICES)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="claims")
    text = models.TextField(help_text="Canonical wording.")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.UNREVIEWED)
    # A grade refining a verdict (claims.ratings says which go with which); blank: none.
    rating = models.CharField(max_length=16, choices=Rating.choices, blank=True)
    rationale = models.TextField(blank=True, help_text="The editor's public reason.")
    # Kept up to date by claims.pipeline.refresh; stored so lists can sort and filter on them.
    source_count = models.PositiveIntegerField(default=0)
    independent_source_count = models.PositiveIntegerField(default=0)
    variants = models.JSONField(
        default=list,
        blank=True,
        help_text='Differing values: [{"kind": ..., "values": {value: [article ids]}}]',
    )
    has_variants = models.BooleanField(default=False)
    # How check-worthy ingestion found its reports (claims.text.extraction.assess; the best of
    # them): the review queue shows the most check-worthy first.
    checkworthiness = models.FloatField(default=0.0)
    # Each outlet's copy groups and which articles give which values: what the counts and
    # variants above follow from, so one more report is added without reading the others.
    tally = models.JSONField(default=dict, blank=True, editable=False)
    # The editor's decision on each differing value, keyed as `variants` reports them:
    # [{"kind": "code", "value": "LUNC", "status": "verified"}]. Set by review_claim only.
    variant_decisions = models.JSONField(default=list, blank=True)
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
    # Who on the desk should review it, and by when; set by services.assign_claims.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_claims",
    )
    due_on = models.DateField(null=True, blank=True)
    # When a report joined the claim after its latest verdict (claims.reopening): the
    # claim is back in the queue until an editor decides again, which clears it.
    new_report_at = models.DateTimeField(null=True, blank=True)
    # The search tokens of the wording and every report's quote (factdesk.fulltext); kept
    # by claims.searching whenever either changes.
    search_text = models.TextField(blank=True, default="", editable=False)
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
                condition=Q(status__in=statuses.VALUES),
            ),
            # A grade refines a verdict: none on a claim awaiting review or dismissed.
            models.CheckConstraint(
                name="claim_rating_needs_verdict",
                condition=Q(rating="") | Q(status__in=statuses.VERDICTS),
            ),
        ]
        indexes = [
            # The review queue: one event's claims by status, busiest first.
            models.Index(fields=["event", "status", "-source_count"], name="claim_queue_idx"),
            # "My queue": an editor's assigned claims by status.
            models.Index(fields=["assigned_to", "status"], name="claim_assignee_idx"),
        ]

    def __str__(self) -> str:
        return Truncator(self.text).chars(120)

    def get_absolute_url(self) -> str:
        return reverse("public:claim", args=[self.pk, title_slug(self.text)])


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
        indexes = [
            # Copy candidates (claims.independence.join_copy_group): the reports of a few
            # claims among an event's latest articles, read from the index alone.
            models.Index(fields=["claim", "article"], name="appearance_claim_article_idx"),
        ]
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
