"""What every editorial action shares: its refusals, who may do it, and the claim's
version, checked and bumped."""

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.utils import timezone

from factdesk.errors import DeskError

from .. import roles, statuses
from ..models import (
    Claim,
)

# The decisions an editor may give one differing value of a claim.
VALUE_STATUSES = statuses.VERDICTS
# The verdicts readers see with the desk's rationale beside them.
PUBLISHED_VERDICTS = statuses.VERDICTS
# Stands for the claim's own wording among its reports when finding the values it gives.
WORDING_ID = 0


class EditorialError(DeskError):
    """An editorial action the rules refuse. Its field is the part of the request the
    refusal is about ("rationale", "evidence", "cited_reports", "variant_decisions",
    "rating")."""


class StaleClaimError(EditorialError):
    """The claim changed since the editor loaded it."""

    conflict = True


# The admin and the workspace ask may_review / may_merge rather than naming the
# permission again (claims.roles names each action's).


def _may(user, permission: str) -> bool:
    return bool(user and user.is_active and user.has_perm(permission))


def may_review(user) -> bool:
    """Verify, dispute, reopen, dismiss and assign claims."""
    return _may(user, roles.REVIEW_PERMISSION)


def may_merge(user) -> bool:
    """Merge and split claims, confirm or reject proposed matches."""
    return _may(user, roles.MERGE_PERMISSION)


def may_be_assigned(user) -> bool:
    """A desk member (staff) who may review: the only people claims are given to."""
    return user.is_staff and may_review(user)


def _require(user, permission: str, action: str) -> None:
    if not _may(user, permission):
        raise PermissionDenied(f"You do not have permission to {action}.")


def _lock(claim: Claim, expected_version: int | None) -> Claim:
    """The current row, locked for this transaction; refused if someone saved since."""
    # of=("self",): PostgreSQL cannot lock the nullable side of the updated_by join.
    current = (
        Claim.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=claim.pk)
    )
    if current.merged_into_id:
        raise EditorialError(f"Claim {claim.pk} was merged into claim {current.merged_into_id}.")
    refuse_if_stale(current, expected_version)
    return current


def refuse_if_stale(current: Claim, expected_version: int | None) -> None:
    """StaleClaimError when someone saved the claim since the editor loaded version
    `expected_version` (None: no check). `current` is the row as it is now."""
    if expected_version is None or current.version == expected_version:
        return
    who = current.updated_by.get_username() if current.updated_by else "someone"
    when = timezone.localtime(current.updated_at).strftime("%Y-%m-%d %H:%M:%S %Z")
    raise StaleClaimError(
        f"Claim {current.pk} was changed by {who} at {when}; reload it and try again."
    )


def _bump(claim: Claim, user, fields: list[str]) -> None:
    claim.version = F("version") + 1
    claim.updated_by = user
    claim.save(update_fields=[*fields, "version", "updated_by", "updated_at"])
    claim.refresh_from_db(fields=["version"])
