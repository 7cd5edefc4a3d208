"""What the desk records about claims: reviews, wording changes, evidence, the audit log,
and each article's sketch for telling copies apart."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import Truncator

from articles.links import validate_web_url

from ..ratings import Rating
from .claims import Claim, Event


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
