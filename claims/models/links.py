"""Links editors confirm: name aliases, claims linked across languages, proposed matches."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from .claims import Claim


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
