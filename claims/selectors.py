"""Reads shared by the reader pages, the API, the feeds and the sitemap.

What is visible to whom, an event's account, an outlet's track record and the public
decisions each have one home here, so that a page and the API list, group and order
the same claims the same way. Each read costs a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import Greatest, Least, Ln, RowNumber, Substr

from articles.models import Article, Source

from . import roles, statuses, verdicts
from .models import Appearance, AuditEntry, Claim, ClaimLink, EntityAlias, Event, Review

# The order of an event's claims everywhere: most reported first, then most
# independently reported, then oldest.
CLAIM_ORDER = (F("source_count").desc(), F("independent_source_count").desc(), "id")
# The editors' review queue: the most check-worthy first (claims.text.extraction.assess), a
# claim that more outlets report independently a little higher: each doubling of them
# counts as 0.07 of probability, so a vague sentence many outlets repeat stays below a
# checkable one.
QUEUE_PRIORITY = ExpressionWrapper(
    F("checkworthiness") + 0.1 * Ln(Greatest(F("independent_source_count"), 1)),
    output_field=FloatField(),
)
QUEUE_ORDER = (F("queue_priority").desc(), F("source_count").desc(), "id")
# What awaits a decision: claims nobody has checked, and decided claims a report joined
# after the decision (claims.reopening). Dismissed and merged claims wait for nothing.
_AWAITING_STATUSES = [
    facts.value for facts in statuses.STATUSES if facts.desk_group == statuses.AWAITING_GROUP
]
_DISMISSED_STATUSES = [
    facts.value for facts in statuses.STATUSES if facts.desk_group == statuses.DISMISSED_GROUP
]
AWAITING = (Q(status__in=_AWAITING_STATUSES) | Q(new_report_at__isnull=False)) & ~Q(
    status__in=_DISMISSED_STATUSES
)
# The desk's list of every claim: what awaits a decision first, then the decided, then
# the dismissed (claims.statuses' desk_group); within each, the queue's order.
REVIEW_ORDER = Case(
    When(AWAITING, then=Value(statuses.AWAITING_GROUP)),
    *(
        When(status=facts.value, then=Value(facts.desk_group))
        for facts in statuses.STATUSES
        if facts.desk_group != statuses.DECIDED_GROUP
    ),
    default=Value(statuses.DECIDED_GROUP),
    output_field=IntegerField(),
)
DESK_ORDER = ("review_order", *QUEUE_ORDER)
# The review workspace shows this many reports of a claim, each with some text either
# side of its quote; the claim's admin page lists them all.
WORKSPACE_REPORTS = 30
CONTEXT_CHARS = 160
# What is established first, then what is contested, then what nobody has checked.
READING_ORDER = statuses.READING_ORDER
# An article's text is only needed on its own page and for quotes in context.
HEAVY_ARTICLE_FIELDS = ("body", "original_text", "search_text")
# A claim may be reported tens of thousands of times (one long article repeating it):
# pages name each differing value's first few holders with a count of the rest, and the
# event page links a few passages of each article, so no response grows with the data.
VARIANT_HOLDERS = 5
PASSAGES_PER_ARTICLE = 5
# The event page names this many outlets (the most independent reports first), in its
# sources list and its agreement chart, and links to a search for the rest; each outlet
# lists its first few articles, each claim card its first few reporting articles. An
# event reported by a thousand outlets gives a page the size of one reported by twenty.
OUTLETS_SHOWN = 12
ARTICLES_PER_OUTLET = 5
REPORTS_PER_CARD = 5
VALUES_PER_CARD = 4
OTHER_LANGUAGES_SHOWN = 5


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


# --- Outlets and the reports of a claim ----------------------------------------------


@dataclass
class Outlet:
    """Who published reports: a known source, or an unidentified outlet known by its article."""

    source: Source | None
    articles: list[Article] = field(default_factory=list)

    @property
    def first_article(self) -> Article:
        return self.articles[0]

    @property
    def label(self) -> str:
        return self.first_article.source_label  # the one rule, in articles.models

    @property
    def independent(self) -> int:
        """Its reports that are not paraphrases of another report."""
        return sum(1 for article in self.articles if not article.copy_of_id)

    @property
    def articles_shown(self) -> list[Article]:
        return self.articles[:ARTICLES_PER_OUTLET]

    @property
    def articles_more(self) -> int:
        return max(0, len(self.articles) - ARTICLES_PER_OUTLET)


def outlet_key(article: Article) -> str:
    # As in claims.tally: an unidentified outlet is counted once per article.
    return f"source:{article.source_id}" if article.source_id else f"article:{article.pk}"


def group_outlets(articles) -> list[Outlet]:
    outlets: dict[str, Outlet] = {}
    for article in articles:
        key = outlet_key(article)
        outlets.setdefault(key, Outlet(source=article.source)).articles.append(article)
    return list(outlets.values())


def rank_outlets(outlets: list[Outlet]) -> list[Outlet]:
    """Most independent reports first, then most reports; ties keep the given order
    (the earliest report first), so the same event always names the same outlets."""
    return sorted(outlets, key=lambda outlet: (-outlet.independent, -len(outlet.articles)))


@dataclass
class ReportGroup:
    """One article's reports of a claim (usually one; a long article may repeat itself)."""

    article: Article
    reports: list[Appearance]


@dataclass
class VariantValue:
    value: str
    articles: list[Article]
    status: str | None = None  # the editor's decision on this value, if any
    more: int = 0  # holders beyond VARIANT_HOLDERS, counted but not listed


@dataclass
class Variant:
    kind: str
    values: list[VariantValue]

    # A card on the event page names the first few values; the claim's page, all.
    @property
    def values_on_card(self) -> list[VariantValue]:
        return self.values[:VALUES_PER_CARD]

    @property
    def values_more(self) -> int:
        return max(0, len(self.values) - VALUES_PER_CARD)


def describe_claim(claim: Claim, articles_by_id: dict[int, Article]) -> Claim:
    """Give a claim (appearances prefetched) its reports and its variants' articles,
    keeping only reports in the given articles (those readers may see)."""
    reports = [a for a in claim.appearances.all() if a.article_id in articles_by_id]
    by_article: dict[int, list[Appearance]] = {}
    for report in reports:
        by_article.setdefault(report.article_id, []).append(report)
    claim.reports = reports
    claim.report_groups = [ReportGroup(group[0].article, group) for group in by_article.values()]
    # A card names the first few; the claim's own page lists every report, a page at a time.
    claim.report_groups_shown = claim.report_groups[:REPORTS_PER_CARD]
    claim.report_groups_more = max(0, len(claim.report_groups) - REPORTS_PER_CARD)
    decided = verdicts.decisions_of(claim)
    claim.variant_list = [
        Variant(
            kind=variant.get("kind", ""),
            values=[
                _variant_value(variant, value, ids, articles_by_id, decided)
                for value, ids in variant.get("values", {}).items()
            ],
        )
        for variant in claim.variants or []
    ]
    return claim


def _variant_value(variant, value, ids, articles_by_id, decided) -> VariantValue:
    holders = [articles_by_id[i] for i in dict.fromkeys(ids) if i in articles_by_id]
    return VariantValue(
        value=value,
        articles=holders[:VARIANT_HOLDERS],
        status=decided.get((variant.get("kind", ""), value)),
        more=max(0, len(holders) - VARIANT_HOLDERS),
    )


def claim_reports(claim: Claim | None = None) -> QuerySet:
    """Reports in reading order (earliest article first), without the articles' texts."""
    reports = (
        Appearance.objects.select_related("article__source")
        .defer(*(f"article__{name}" for name in HEAVY_ARTICLE_FIELDS))
        .order_by(F("article__published_on").asc(nulls_last=True), "article_id", "start")
    )
    return reports if claim is None else reports.filter(claim=claim)


def first_reports_prefetch() -> Prefetch:
    """Each claim's first PASSAGES_PER_ARTICLE reports in each article: what the event
    page shows and charts. One article repeating a claim thousands of times adds a few
    rows, not thousands; the claim's own page lists every passage.
    """
    reports = claim_reports().annotate(
        passage=Window(RowNumber(), partition_by=[F("claim_id"), F("article_id")], order_by="start")
    )
    return Prefetch("appearances", queryset=reports.filter(passage__lte=PASSAGES_PER_ARTICLE))


def reports_prefetch(*, with_text: bool) -> Prefetch:
    """A claim's reports, earliest article first, with their articles and outlets."""
    reports = Appearance.objects.select_related("article__source").order_by(
        F("article__published_on").asc(nulls_last=True), "article_id", "start"
    )
    if not with_text:
        reports = reports.defer(*(f"article__{name}" for name in HEAVY_ARTICLE_FIELDS))
    return Prefetch("appearances", queryset=reports)


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
    from django.contrib.auth import get_user_model

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
