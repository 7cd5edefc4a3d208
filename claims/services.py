"""Editorial actions on claims: the one place their rules live.

The admin, the API, commands and tests call these; each checks the actor's
permission, the claim's current state and version, and records who did what.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from . import consolidation
from .models import Appearance, Claim, Event, Evidence, Review, WordingChange


class EditorialError(Exception):
    """A request the rules refuse; the message is shown to the user as is."""


class StaleClaimError(EditorialError):
    """The claim changed since the editor loaded it."""


def _require(user, permission: str, action: str) -> None:
    if not (user and user.is_active and user.has_perm(permission)):
        raise PermissionDenied(f"You do not have permission to {action}.")


def _lock(claim: Claim, expected_version: int | None) -> Claim:
    """The current row, locked for this transaction; refused if someone saved since."""
    # of=("self",): PostgreSQL cannot lock the nullable side of the updated_by join.
    current = (
        Claim.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=claim.pk)
    )
    if current.merged_into_id:
        raise EditorialError(f"Claim {claim.pk} was merged into claim {current.merged_into_id}.")
    if expected_version is not None and current.version != expected_version:
        who = current.updated_by.get_username() if current.updated_by else "someone"
        when = timezone.localtime(current.updated_at).strftime("%Y-%m-%d %H:%M:%S %Z")
        raise StaleClaimError(
            f"Claim {claim.pk} was changed by {who} at {when}; reload it and decide again."
        )
    return current


def _bump(claim: Claim, user, fields: list[str]) -> None:
    claim.version = F("version") + 1
    claim.updated_by = user
    claim.save(update_fields=[*fields, "version", "updated_by", "updated_at"])
    claim.refresh_from_db(fields=["version"])


@transaction.atomic
def review_claim(
    *,
    claim: Claim,
    editor,
    status: str,
    rationale: str,
    expected_version: int | None = None,
    evidence: list[dict] | None = None,
) -> Review:
    """Verify, dispute or reopen a claim, with a public rationale and optional evidence links.

    evidence: [{"url": ..., "title": ..., "stance": "supports" | "refutes"}]
    """
    _require(editor, "claims.review_claim", "verify, dispute or reopen claims")
    rationale = (rationale or "").strip()
    if not rationale:
        raise EditorialError("A rationale is required: say why, for readers.")
    if status not in Claim.Status.values:
        raise EditorialError(f"Unknown status “{status}”.")
    current = _lock(claim, expected_version)
    if current.status == status:
        raise EditorialError(f"Claim {claim.pk} is already {current.get_status_display()}.")
    for link in evidence or []:
        if link.get("stance") not in Evidence.Stance.values:
            raise EditorialError("Evidence must say whether it supports or refutes the claim.")
        if not (link.get("url") or "").strip() or not (link.get("title") or "").strip():
            raise EditorialError("Evidence needs both a URL and a title.")
        Evidence.objects.update_or_create(
            claim=current,
            url=link["url"].strip(),
            defaults={"title": link["title"].strip(), "stance": link["stance"], "added_by": editor},
        )
    review = Review.objects.create(
        claim=current,
        editor=editor,
        from_status=current.status,
        to_status=status,
        rationale=rationale,
    )
    current.status = status
    current.rationale = rationale if status != Claim.Status.UNREVIEWED else ""
    _bump(current, editor, ["status", "rationale"])
    claim.__dict__.update(current.__dict__)
    return review


@transaction.atomic
def edit_claim_wording(
    *, claim: Claim, editor, text: str, expected_version: int | None = None
) -> Claim:
    _require(editor, "claims.change_claim", "edit claim wording")
    text = (text or "").strip()
    if not text:
        raise EditorialError("The wording cannot be empty.")
    current = _lock(claim, expected_version)
    if text == current.text:
        return current
    WordingChange.objects.create(claim=current, editor=editor, old_text=current.text, new_text=text)
    current.text = text
    _bump(current, editor, ["text"])
    claim.__dict__.update(current.__dict__)
    return current


@transaction.atomic
def merge_claims(*, target: Claim, others: list[Claim], editor) -> Claim:
    """Fold duplicate claims into target: their appearances move, their reviews stay."""
    _require(editor, "claims.merge_claim", "merge claims")
    others = [c for c in others if c.pk != target.pk]
    if not others:
        raise EditorialError("Choose at least two different claims to merge.")
    current = _lock(target, None)
    absorbed = [_lock(other, None) for other in others]
    if any(other.event_id != current.event_id for other in absorbed):
        raise EditorialError("Only claims about the same event can be merged.")
    for other in absorbed:
        Appearance.objects.filter(claim=other).update(claim=current)
        other.merged_into = current
        _bump(other, editor, ["merged_into"])
    _bump(current, editor, [])
    consolidation.refresh_event(current.event)
    current.refresh_from_db()
    return current


@transaction.atomic
def split_appearance(*, appearance: Appearance, editor) -> Claim:
    """Give one appearance a claim of its own, worded as its quote."""
    _require(editor, "claims.merge_claim", "split claims")
    claim = _lock(appearance.claim, None)
    if claim.appearances.count() < 2:
        raise EditorialError("A claim's only appearance cannot be split off.")
    new_claim = Claim.objects.create(event=claim.event, text=appearance.quote, updated_by=editor)
    Appearance.objects.filter(pk=appearance.pk).update(claim=new_claim)
    _bump(claim, editor, [])
    consolidation.refresh_event(claim.event)
    new_claim.refresh_from_db()
    return new_claim


@transaction.atomic
def set_event_published(*, event: Event, editor, published: bool) -> Event:
    _require(editor, "claims.publish_event", "publish events")
    Event.objects.filter(pk=event.pk).update(is_published=published)
    event.is_published = published
    return event
