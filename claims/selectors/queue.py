"""The desk's review queue, the workspace's reports of a claim, and who claims may be given to."""

from django.contrib.auth import get_user_model
from django.db.models import (
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Greatest, Least, Substr

from articles.models import Article

from .. import roles
from ..models import Appearance, Claim
from .orders import (
    AWAITING,
    CONTEXT_CHARS,
    DESK_ORDER,
    HEAVY_ARTICLE_FIELDS,
    QUEUE_ORDER,
    QUEUE_PRIORITY,
    REVIEW_ORDER,
    VARIANT_HOLDERS,
    WORKSPACE_REPORTS,
)
from .reports import claim_reports

# --- The desk's review queue ---------------------------------------------------------


def desk_claims() -> QuerySet:
    """Every claim the desk keeps (merged ones too), what awaits a decision first, each
    group in the queue's order; `queue_priority` and `review_order` annotated."""
    return Claim.objects.annotate(
        queue_priority=QUEUE_PRIORITY, review_order=REVIEW_ORDER
    ).order_by(*DESK_ORDER)


def review_queue(*, assignee=None, event=None) -> QuerySet:
    """The claims awaiting a decision, in the order editors take them: the most
    check-worthy first (QUEUE_PRIORITY). Narrowed to one editor's or one event's if asked.

    Each claim gets `queue_priority` and `language` (its first report's), its event and
    assignee joined, and leaves its heavy fields (tally, search text) unread.
    """
    first_language = (
        Appearance.objects.filter(claim=OuterRef("pk")).order_by("id").values("article__language")
    )
    claims = (
        Claim.objects.active()
        .filter(AWAITING)
        .select_related("event", "assigned_to")
        .defer("tally", "search_text", "rationale", "variant_decisions")
        .annotate(queue_priority=QUEUE_PRIORITY, language=Subquery(first_language[:1]))
    )
    if assignee is not None:
        claims = claims.filter(assigned_to=assignee)
    if event is not None:
        claims = claims.filter(event=event)
    return claims.order_by(*QUEUE_ORDER)


def next_in_queue(claim: Claim, queue: QuerySet) -> Claim | None:
    """The claim after `claim` in `queue` (review_queue's order), or the queue's first
    when nothing follows it (claims skipped earlier); None when only `claim` is left.

    `claim` may have left the queue (just decided): its place is where its priority puts it.
    """
    place = Claim.objects.filter(pk=claim.pk).annotate(queue_priority=QUEUE_PRIORITY)
    priority = Subquery(place.values("queue_priority")[:1])
    sources = Subquery(place.values("source_count")[:1])
    after = (
        Q(queue_priority__lt=priority)
        | Q(queue_priority=priority, source_count__lt=sources)
        | Q(queue_priority=priority, source_count=sources, pk__gt=claim.pk)
    )
    others = queue.exclude(pk=claim.pk)
    return others.filter(after).first() or others.first()


def workspace_reports(claim: Claim, limit: int = WORKSPACE_REPORTS) -> list[Appearance]:
    """The claim's first `limit` reports in reading order, each with `before` and `after`:
    up to CONTEXT_CHARS characters of its article either side of the quote, cut by the
    database so that no article's whole text is read."""
    body = F("article__body")
    return list(
        claim_reports(claim).annotate(
            before=Substr(
                body, Greatest(F("start") - CONTEXT_CHARS + 1, 1), Least(F("start"), CONTEXT_CHARS)
            ),
            after=Substr(body, F("end") + 1, CONTEXT_CHARS),
        )[:limit]
    )


def value_holders(claim: Claim) -> dict[tuple[str, str], tuple[list[str], int]]:
    """Who reported each value the claim's reports differ on: {(kind, value): (the first
    VARIANT_HOLDERS outlets' labels, how many more articles)}. One query at most."""
    firsts = {
        (variant["kind"], value): list(dict.fromkeys(ids))
        for variant in claim.variants or []
        for value, ids in variant["values"].items()
    }
    wanted = {pk for ids in firsts.values() for pk in ids[:VARIANT_HOLDERS]}
    articles = (
        Article.objects.filter(pk__in=wanted).select_related("source").defer(*HEAVY_ARTICLE_FIELDS)
        if wanted
        else []
    )
    labels = {article.pk: article.source_label for article in articles}
    return {
        key: (
            list(dict.fromkeys(labels[pk] for pk in ids[:VARIANT_HOLDERS] if pk in labels)),
            max(0, len(ids) - VARIANT_HOLDERS),
        )
        for key, ids in firsts.items()
    }


def possible_assignees() -> QuerySet:
    """Who claims may be given to, by name: services.may_be_assigned as a query."""
    codename = roles.REVIEW_PERMISSION.split(".", 1)[1]
    reviewers = (
        Q(is_superuser=True)
        | Q(groups__permissions__codename=codename)
        | Q(user_permissions__codename=codename)
    )
    return (
        get_user_model()
        .objects.filter(reviewers, is_active=True, is_staff=True)
        .distinct()
        .order_by("username")
    )
