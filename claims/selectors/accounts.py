"""An event's account (its claims by status, outlets, links across languages) and an
outlet's track record."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)

from articles.models import Article, Source

from .. import verdicts
from ..models import Appearance, Claim, ClaimLink, Event, Review
from .orders import (
    CLAIM_ORDER,
    HEAVY_ARTICLE_FIELDS,
    OTHER_LANGUAGES_SHOWN,
    OUTLETS_SHOWN,
    READING_ORDER,
)
from .reports import (
    Outlet,
    describe_claim,
    first_reports_prefetch,
    group_outlets,
    rank_outlets,
    reports_prefetch,
)
from .visibility import public_articles, public_claims

# --- An event's account --------------------------------------------------------------


def event_articles(event: Event) -> list[Article]:
    """The event's articles readers may see, earliest first (undated last)."""
    return list(
        event.articles.published()
        .select_related("source", "copy_of")
        .defer(*HEAVY_ARTICLE_FIELDS)
        .order_by(F("published_on").asc(nulls_last=True), "id")
    )


def event_claims(
    event: Event, claims: QuerySet | None = None, *, every_report: bool = False
) -> QuerySet:
    """An event's claims in CLAIM_ORDER, each with its reports and when it was decided.

    `claims` narrows the choice (the API passes what the user may see); readers by default.
    Pages get each article's first few passages of a claim; an export gets `every_report`.
    """
    reports = reports_prefetch(with_text=False) if every_report else first_reports_prefetch()
    decided = Review.objects.filter(claim=OuterRef("pk")).order_by("-created_at")
    return (
        (public_claims() if claims is None else claims)
        .filter(event=event)
        .select_related("event")
        .annotate(decided_at=Subquery(decided.values("created_at")[:1]))
        .prefetch_related(reports)
        .order_by(*CLAIM_ORDER)
    )


def by_status(claims) -> dict[str, list[Claim]]:
    """Claims grouped by status, every status present, each group in the given order."""
    grouped: dict[str, list[Claim]] = {status: [] for status in Claim.Status.values}
    for claim in claims:
        grouped[claim.status].append(claim)
    return grouped


@dataclass
class EventAccount:
    """What the event page says: its articles, outlets and claims by status.

    outlets: every outlet, most independent reports first (rank_outlets).
    """

    event: Event
    articles: list[Article]
    outlets: list[Outlet]
    grouped: dict[str, list[Claim]]

    @property
    def outlets_shown(self) -> list[Outlet]:
        return self.outlets[:OUTLETS_SHOWN]

    @property
    def outlets_more(self) -> int:
        return max(0, len(self.outlets) - OUTLETS_SHOWN)

    @property
    def verified(self) -> list[Claim]:
        return self.grouped[Claim.Status.VERIFIED]

    @property
    def disputed(self) -> list[Claim]:
        return self.grouped[Claim.Status.DISPUTED]

    @property
    def unreviewed(self) -> list[Claim]:
        return self.grouped[Claim.Status.UNREVIEWED]

    @property
    def claims(self) -> list[Claim]:
        """Every claim in reading order."""
        return [claim for status in READING_ORDER for claim in self.grouped[status]]

    @property
    def first_report_on(self):
        dated = [a.published_on for a in self.articles if a.published_on]
        return min(dated, default=None)

    @property
    def last_report_on(self):
        dated = [a.published_on for a in self.articles if a.published_on]
        return max(dated, default=None)


def pair_across_languages(
    claims: list[Claim], event: Event, articles_by_id: dict[int, Article] | None = None
) -> None:
    """Put each claim beside the same claim in other languages (at most three queries).

    An English claim gets `other_languages`: the Japanese, Korean or Chinese claims that
    ingestion linked to it (claims.pipeline.linking) or an editor confirmed, described
    like it (reports, variants); each of those gets `same_as`, the English claim.
    Proposed and rejected links are not shown to readers, nor are claims they may not see.
    articles_by_id: the articles readers may see, if the caller has them.
    """
    by_id = {claim.pk: claim for claim in claims}
    for claim in claims:
        claim.other_languages, claim.same_as = [], None
    links = list(
        ClaimLink.objects.filter(status=ClaimLink.Status.LINKED, claim__event=event).values_list(
            "claim_id", "same_as_id"
        )
    )
    wanted = {
        partner
        for cjk_id, english_id in links
        for own, partner in ((cjk_id, english_id), (english_id, cjk_id))
        if own in by_id and partner not in by_id
    }
    partners = dict(by_id)
    if wanted:
        fetched = list(event_claims(event).filter(pk__in=wanted))
        if articles_by_id is None:
            articles_by_id = {
                report.article_id: report.article
                for claim in fetched
                for report in claim.appearances.all()
                if not report.article.held_for_review
            }
        for claim in fetched:
            partners[claim.pk] = describe_claim(claim, articles_by_id)
    for cjk_id, english_id in links:
        if cjk_id not in partners or english_id not in partners:
            continue  # one of the two is not shown to readers (dismissed, merged)
        if english_id in by_id:
            by_id[english_id].other_languages.append(partners[cjk_id])
        if cjk_id in by_id:
            by_id[cjk_id].same_as = partners[english_id]
    for claim in claims:
        claim.other_languages_shown = claim.other_languages[:OTHER_LANGUAGES_SHOWN]
        claim.other_languages_more = max(0, len(claim.other_languages) - OTHER_LANGUAGES_SHOWN)


def linked_claims(claim: Claim, visible: QuerySet) -> QuerySet:
    """The claims of `visible` linked to claim across languages, either way, with the
    language of each one's first report."""
    links = ClaimLink.objects.filter(status=ClaimLink.Status.LINKED)
    first_language = (
        Appearance.objects.filter(claim=OuterRef("pk")).order_by("id").values("article__language")
    )
    return (
        visible.filter(
            Q(pk__in=links.filter(claim=claim).values("same_as"))
            | Q(pk__in=links.filter(same_as=claim).values("claim"))
        )
        .annotate(language=Subquery(first_language[:1]))
        .order_by("pk")
    )


def event_account(event: Event) -> EventAccount:
    """A published event's account for readers: four queries whatever its size."""
    articles = event_articles(event)
    articles_by_id = {a.pk: a for a in articles}
    claims = [describe_claim(c, articles_by_id) for c in event_claims(event)]
    pair_across_languages(claims, event, articles_by_id)
    return EventAccount(
        event=event,
        articles=articles,
        outlets=rank_outlets(group_outlets(articles)),
        grouped=by_status(claims),
    )


def awaiting_review(event: Event) -> QuerySet:
    """The event's public claims no editor has checked yet, in CLAIM_ORDER."""
    return event_claims(event).filter(status=Claim.Status.UNREVIEWED)


# --- An outlet's track record --------------------------------------------------------


def track_record(source: Source) -> tuple[dict[int, str], list[Claim]]:
    """The public claims an outlet reported, and the decision on what its reports said.

    Each claim gets `outlet_quote`, the outlet's own words for it.

    Two queries whatever the outlet's size: its reports, then their claims.
    """
    reports = Appearance.objects.filter(
        article__in=public_articles().filter(source=source),
        claim__in=public_claims(),
    )
    reported: dict[int, set[int]] = defaultdict(set)
    quotes: dict[int, str] = {}
    for claim_id, article_id, quote in reports.order_by("article_id", "start").values_list(
        "claim_id", "article_id", "quote"
    ):
        reported[claim_id].add(article_id)
        quotes.setdefault(claim_id, quote)
    claims = list(
        Claim.objects.filter(pk__in=reports.values("claim_id"))
        .select_related("event")
        .only(
            "text",
            "status",
            "variants",
            "variant_decisions",
            "updated_at",
            "event__title",
            "event__slug",
        )
    )
    verdict_of = {}
    for claim in claims:
        verdict_of[claim.pk] = verdicts.outlet_status(claim, reported[claim.pk])
        claim.outlet_quote = quotes[claim.pk]  # what the outlet itself wrote
    return verdict_of, claims
