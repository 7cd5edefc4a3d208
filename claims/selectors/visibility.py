"""What is visible to whom: public events, claims, articles, outlets and decisions, and a
desk member's wider view."""

from django.db.models import (
    Q,
    QuerySet,
)

from articles.models import Article, Source

from .. import statuses
from ..models import AuditEntry, Claim, EntityAlias, Event, Review

# --- What is visible to whom ---------------------------------------------------------


def entity_aliases() -> tuple[tuple[str, str], ...]:
    """The desk's aliases as (spelling, English name) pairs (`EntityAlias`, kept by
    editors in the admin), one query: what claims.text.crosslingual reads names with."""
    return tuple(EntityAlias.objects.order_by().values_list("spelling", "name"))


def public_events() -> QuerySet:
    return Event.objects.published()


def public_claims() -> QuerySet:
    return Claim.objects.published()


def claims_with_pages() -> QuerySet:
    """Claims with a public address: the published ones, and merged ones of published
    events (their address redirects to the claim they joined, when that one is public)."""
    return Claim.objects.filter(event__is_published=True).exclude(
        status__in=statuses.HIDDEN, merged_into__isnull=True
    )


def is_public(claim: Claim) -> bool:
    """The same rule as public_claims, for a claim in hand (its event loaded)."""
    return (
        not claim.merged_into_id
        and claim.event.is_published
        and claim.status not in statuses.HIDDEN
    )


def public_articles() -> QuerySet:
    return Article.objects.published()


def public_sources() -> QuerySet:
    return Source.objects.published()


def visible_events(user) -> QuerySet:
    """Readers see published events; desk members see every event, to work on it."""
    if user.is_authenticated and user.has_perm("claims.view_event"):
        return Event.objects.all()
    return public_events()


def visible_claims(user) -> QuerySet:
    """Readers see claims of published events; desk members see all they may review."""
    if user.is_authenticated and user.has_perm("claims.view_claim"):
        return Claim.objects.active()
    return public_claims()


def public_decisions() -> QuerySet:
    """Reviews readers may see, newest first: of claims still shown, in published events."""
    return (
        # public_claims() as joins: the feed reads this on every request.
        Review.objects.filter(claim__merged_into__isnull=True, claim__event__is_published=True)
        .exclude(claim__status__in=statuses.HIDDEN)
        # A dismissal is no verdict: readers are not told of one.
        .exclude(to_status__in=statuses.HIDDEN)
        .select_related("claim__event")
        .order_by("-created_at", "-id")
    )


def cited_reports(claim: Claim) -> list[Article]:
    """The public reports the standing decision on a claim rests on (the editor's cited
    reports), in the order cited; none while no editor's decision stands."""
    reviews = sorted(claim.reviews.all(), key=lambda review: (review.created_at, review.pk))
    if claim.status == Claim.Status.UNREVIEWED or not reviews:
        return []
    standing = reviews[-1]
    if standing.to_status != claim.status:
        return []
    found = public_articles().select_related("source").in_bulk(standing.cited_reports)
    return [found[pk] for pk in standing.cited_reports if pk in found]


def claim_history(claim: Claim) -> QuerySet:
    """What readers may know of a claim's history, oldest first: its decisions, wording
    changes, the claims merged into it and the reports split off from it (or it from)."""
    return (
        AuditEntry.objects.filter(Q(claim=claim) | Q(other_claim=claim))
        .exclude(action=AuditEntry.Action.MERGE, claim=claim)  # a merged claim is not shown
        .exclude(action=AuditEntry.Action.ASSIGN)  # the desk's own work plan
        .select_related("actor", "claim", "other_claim")
        .order_by("created_at", "id")
    )
