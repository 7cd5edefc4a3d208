from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils.text import Truncator

from articles.links import validate_web_url
from articles.models import Article
from articles.slugs import title_slug

from . import statuses
from .ratings import Rating


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


class Review(models.Model):
    """One editorial decision on a claim. Written once, never changed."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="reviews")
    editor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="reviews"
    )
    from_status = models.CharField(max_length=20, choices=Claim.Status.choices)
    to_status = models.CharField(max_length=20, choices=Claim.Status.choices)
    rating = models.CharField(max_length=16, choices=Rating.choices, blank=True)
    rationale = models.TextField()
    # The per-value decisions this review made, as Claim.variant_decisions holds them.
    variant_decisions = models.JSONField(default=list, blank=True)
    # The event's articles (ids) the decision rests on: ticked, named or quoted (set by
    # services.review_claim). A record, so ids rather than a relation that could change.
    cited_reports = models.JSONField(default=list, blank=True)
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
    url = models.URLField(max_length=1000, validators=[validate_web_url])
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


class ArticleSketch(models.Model):
    """One of the smallest hashes of an article's word shingles (its bottom-k MinHash sketch).

    Articles of one event that share many values are candidate near copies, so a new
    article is compared only with them rather than with every article of its event.
    """

    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="sketch_values"
    )
    value = models.BigIntegerField()

    class Meta:
        constraints = [
            # Also the index that finds the articles holding a value (copy candidates).
            models.UniqueConstraint(
                fields=["value", "article"], name="one_sketch_value_per_article"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.article_id}:{self.value}"


class AuditEntry(models.Model):
    """One editorial action: who did what to which event or claim, when and why.

    Written by claims.audit from the service that performs the action; never changed.
    """

    class Action(models.TextChoices):
        PUBLISH = "publish", "published"
        UNPUBLISH = "unpublish", "unpublished"
        REVIEW = "review", "reviewed"
        REWORD = "reword", "reworded"
        MERGE = "merge", "merged"
        SPLIT = "split", "split"
        ASSIGN = "assign", "assigned"

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="audit_entries")
    claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_entries"
    )
    # The other claim of a merge (the one it joined) or a split (the one it became).
    other_claim = models.ForeignKey(
        Claim, null=True, blank=True, on_delete=models.CASCADE, related_name="audit_mentions"
    )
    summary = models.TextField(help_text="What was done, in words.")
    reason = models.TextField(blank=True, help_text="Why, as the actor gave it.")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "audit log entry"
        verbose_name_plural = "audit log"
        constraints = [
            models.CheckConstraint(
                name="audit_action_valid",
                condition=Q(
                    action__in=[
                        "publish",
                        "unpublish",
                        "review",
                        "reword",
                        "merge",
                        "split",
                        "assign",
                    ]
                ),
            ),
        ]
        indexes = [
            # A claim's history on its page and in the admin, newest first.
            models.Index(fields=["claim", "-created_at"], name="audit_claim_idx"),
            # What was merged into a claim.
            models.Index(fields=["other_claim", "action"], name="audit_other_claim_idx"),
        ]

    def __str__(self) -> str:
        return Truncator(self.summary).chars(120)

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Audit log entries are immutable.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Audit log entries are immutable.")


class EntityAlias(models.Model):
    """Another spelling of a person, place or body's name, as editors know it: 習近平,
    习近平 and 시진핑 are all "Xi Jinping". Reports that spell a name this way meet the
    English ones that name it, in events and in claim links, where reading the name aloud
    does not reach (Chinese reads Korean names its own way: 朴振 is "Piao Zhen")."""

    spelling = models.CharField(max_length=200, unique=True, help_text="习近平, 시진핑, Xi")
    name = models.CharField(max_length=200, help_text="The name as English reports write it.")

    class Meta:
        ordering = ["name", "spelling"]
        verbose_name_plural = "entity aliases"

    def __str__(self) -> str:
        return f"{self.spelling} = {self.name}"


class ClaimLink(models.Model):
    """The same claim reported in two languages: a CJK claim and the English one it restates.

    Ingestion links them when numbers and names read aloud say so clearly ("linked"),
    and proposes the link when they only suggest it ("proposed"); editors confirm or
    reject proposals in the admin. The event page shows linked claims side by side.
    """

    class Status(models.TextChoices):
        LINKED = "linked", "linked"
        PROPOSED = "proposed", "proposed to editors"
        REJECTED = "rejected", "rejected by an editor"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_out")
    same_as = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="links_in")
    status = models.CharField(max_length=8, choices=Status.choices)
    score = models.FloatField(help_text="Anchors shared: names read aloud and numbers.")

    class Meta:
        ordering = ["claim_id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "same_as"], name="one_link_per_claim_pair"),
            models.CheckConstraint(
                name="claim_link_status_valid",
                condition=Q(status__in=["linked", "proposed", "rejected"]),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} = {self.same_as_id} ({self.status})"


class MatchProposal(models.Model):
    """A report's sentence that may restate a claim it was not allowed to join.

    Ingestion joins a sentence to a claim outright only when matching is sure
    (claims.text.matching.Index.decide); when the best claim is close but not certain, the
    sentence starts a claim of its own and this proposes it as the same as the close
    one. An editor confirms (the two claims are merged by services.merge_claims) or
    rejects it, and a rejected pair is never proposed again. Until then readers see the
    new claim as its own, awaiting review, never with the other claim's verdict.
    """

    class Status(models.TextChoices):
        PROPOSED = "proposed", "proposed to editors"
        CONFIRMED = "confirmed", "confirmed: merged"
        REJECTED = "rejected", "rejected by an editor"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="match_proposals")
    candidate = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="proposed_matches")
    status = models.CharField(max_length=9, choices=Status.choices, default=Status.PROPOSED)
    score = models.FloatField(help_text="The sentence's matching score against the claim.")
    margin = models.FloatField(help_text="How far ahead of the next claim it scored.")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["claim", "candidate"], name="one_proposal_per_pair"),
            models.CheckConstraint(
                name="match_proposal_status_valid",
                condition=Q(status__in=["proposed", "confirmed", "rejected"]),
            ),
            models.CheckConstraint(
                name="match_proposal_two_claims", condition=~Q(claim=models.F("candidate"))
            ),
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="match_proposal_queue_idx")]

    def __str__(self) -> str:
        return f"{self.claim_id} = {self.candidate_id}? ({self.status})"
