"""Changing what a claim is: its wording, merging claims, proposed matches, splitting a
report off."""

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from .. import audit, roles, searching, statuses
from ..models import (
    Appearance,
    AuditEntry,
    Claim,
    MatchProposal,
    WordingChange,
)
from ..pipeline import refresh_event
from ..text.extraction import assess
from .common import EditorialError, _bump, _lock, _require
from .reviewing import _record_review


@transaction.atomic
def edit_claim_wording(
    *, claim: Claim, editor, text: str, expected_version: int | None = None, reason: str = ""
) -> Claim:
    """Change the claim's canonical wording.

    A decision applies to the words it was made on: rewording a verified or disputed
    claim returns it to review, with the old wording and the reopening in its history.
    """
    _require(editor, roles.REWORD_PERMISSION, "edit claim wording")
    text = (text or "").strip()
    if not text:
        raise EditorialError("The wording cannot be empty.")
    current = _lock(claim, expected_version)
    if text == current.text:
        return current
    old_text = current.text
    WordingChange.objects.create(claim=current, editor=editor, old_text=old_text, new_text=text)
    # A verdict was made on the old words; a dismissal was not a verdict and stays.
    reopen = current.status in statuses.VERDICTS
    audit.record(
        actor=editor,
        action=AuditEntry.Action.REWORD,
        claim=current,
        summary=f"Reworded from “{Truncator(old_text).chars(80)}”",
        reason=(reason or "").strip(),
        data={"old_text": old_text, "new_text": text, "reopened": reopen},
    )
    current.text = text
    if reopen:
        _record_review(
            current,
            editor,
            Claim.Status.UNREVIEWED,
            "The wording changed after the decision, which was made on the earlier "
            f"wording: “{old_text}”.",
            [],
            fields=["text"],
        )
    else:
        _bump(current, editor, ["text"])
    searching.refresh([current.pk])
    claim.__dict__.update(current.__dict__)
    return current


@transaction.atomic
def merge_claims(*, target: Claim, others: list[Claim], editor, reason: str = "") -> Claim:
    """Fold duplicate claims into target: their appearances move, their reviews stay."""
    _require(editor, roles.MERGE_PERMISSION, "merge claims")
    others = [c for c in others if c.pk != target.pk]
    if not others:
        raise EditorialError("Choose at least two different claims to merge.")
    current = _lock(target, None)
    absorbed = [_lock(other, None) for other in others]
    if any(other.event_id != current.event_id for other in absorbed):
        raise EditorialError("Only claims about the same event can be merged.")
    # The merged claim ranks in the queue as its most check-worthy part did.
    current.checkworthiness = max(c.checkworthiness for c in [current, *absorbed])
    for other in absorbed:
        Appearance.objects.filter(claim=other).update(claim=current)
        other.merged_into = current
        _bump(other, editor, ["merged_into"])
        audit.record(
            actor=editor,
            action=AuditEntry.Action.MERGE,
            claim=other,
            other_claim=current,
            summary=f"Merged into claim {current.pk}",
            reason=(reason or "").strip(),
            data={"into": current.pk, "text": other.text, "status": other.status},
        )
    _bump(current, editor, ["checkworthiness"])
    searching.refresh([current.pk, *(other.pk for other in absorbed)])
    refresh_event(current.event)
    current.refresh_from_db()
    return current


@transaction.atomic
def confirm_match(*, proposal: MatchProposal, editor, reason: str = "") -> Claim:
    """An editor says the proposed claim is the same as the one it was proposed for: the
    new claim is merged into it (merge_claims, which also checks the permission)."""
    _require(editor, roles.MERGE_PERMISSION, "confirm proposed matches")
    current = _open_proposal(proposal)
    target = current.candidate
    while target.merged_into_id:  # merged since it was proposed: its survivor counts
        target = target.merged_into
    into = current.claim.merged_into_id
    if into:
        raise EditorialError(f"Claim {current.claim_id} was already merged into claim {into}.")
    merged = merge_claims(
        target=target,
        others=[current.claim],
        editor=editor,
        reason=(reason or "").strip() or "Confirmed the match ingestion proposed.",
    )
    _decide_proposal(current, editor, MatchProposal.Status.CONFIRMED)
    proposal.__dict__.update(current.__dict__)
    return merged


@transaction.atomic
def reject_match(*, proposal: MatchProposal, editor) -> MatchProposal:
    """An editor says the two claims differ: they stay apart and the pair is not proposed
    again."""
    _require(editor, roles.MERGE_PERMISSION, "reject proposed matches")
    current = _open_proposal(proposal)
    _decide_proposal(current, editor, MatchProposal.Status.REJECTED)
    proposal.__dict__.update(current.__dict__)
    return current


def _open_proposal(proposal: MatchProposal) -> MatchProposal:
    current = (
        MatchProposal.objects.select_for_update(of=("self",))
        .select_related("claim", "candidate")
        .get(pk=proposal.pk)
    )
    if current.status != MatchProposal.Status.PROPOSED:
        raise EditorialError(
            f"The match of claim {current.claim_id} with claim {current.candidate_id} was "
            f"already {current.get_status_display()}."
        )
    return current


def _decide_proposal(proposal: MatchProposal, editor, status: str) -> None:
    proposal.status = status
    proposal.decided_by = editor
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])


@transaction.atomic
def split_appearance(*, appearance: Appearance, editor, reason: str = "") -> Claim:
    """Give one appearance a claim of its own, worded as its quote."""
    _require(editor, roles.MERGE_PERMISSION, "split claims")
    claim = _lock(appearance.claim, None)
    if claim.appearances.count() < 2:
        raise EditorialError("A claim's only appearance cannot be split off.")
    new_claim = Claim.objects.create(
        event=claim.event,
        text=appearance.quote,
        updated_by=editor,
        checkworthiness=assess(appearance.quote)[1],
    )
    Appearance.objects.filter(pk=appearance.pk).update(claim=new_claim)
    _bump(claim, editor, [])
    searching.refresh([claim.pk, new_claim.pk])
    audit.record(
        actor=editor,
        action=AuditEntry.Action.SPLIT,
        claim=claim,
        other_claim=new_claim,
        summary=f"Report in article {appearance.article_id} split off into claim {new_claim.pk}",
        reason=(reason or "").strip(),
        data={"article": appearance.article_id, "quote": appearance.quote},
    )
    refresh_event(claim.event)
    new_claim.refresh_from_db()
    return new_claim
