"""What the desk's decision on a claim means for each report of it.

A claim whose reports differ (LUNA / LUNC, "announced" / "called for") may carry a
decision per differing value. A report is then judged by the value it gives, not by the
claim's overall status: the outlet that was right is not blamed for the one that was not.
Pure functions over loaded claims; no queries.
"""

from collections.abc import Iterable

from . import statuses
from .models import Claim

Status = Claim.Status
# When one outlet's reports of a claim are judged differently, the worst judgement counts.
PRECEDENCE = statuses.PRECEDENCE


def decisions_of(claim: Claim) -> dict[tuple[str, str], str]:
    """The claim's per-value decisions, keyed by (kind, value) as `claim.variants` names them."""
    return {(d["kind"], d["value"]): d["status"] for d in claim.variant_decisions or []}


def values_given(claim: Claim, article_id: int) -> list[tuple[str, str]]:
    """The differing values the article gives, as (kind, value)."""
    return [
        (variant["kind"], value)
        for variant in claim.variants or []
        for value, article_ids in variant["values"].items()
        if article_id in article_ids
    ]


def worst(statuses: Iterable[str]) -> str | None:
    found = set(statuses)
    return next((status for status in PRECEDENCE if status in found), None)


def report_status(claim: Claim, article_id: int) -> str:
    """The decision that applies to one article's report of the claim.

    Unreviewed claims leave every report unreviewed. Without per-value decisions, every
    report shares the claim's status. With them, a report is judged by the values it
    gives (a value nobody decided on yet is awaiting review); a report giving none of
    the differing values shares the claim's status.
    """
    if claim.status == Status.UNREVIEWED:
        return Status.UNREVIEWED
    decided = decisions_of(claim)
    if not decided:
        return claim.status
    given = values_given(claim, article_id)
    return worst(decided.get(key, Status.UNREVIEWED) for key in given) or claim.status


def outlet_status(claim: Claim, article_ids: Iterable[int]) -> str:
    """The decision that applies to an outlet reporting the claim in these articles."""
    return worst(report_status(claim, i) for i in article_ids) or claim.status
