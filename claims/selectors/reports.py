"""The reports of a claim, grouped by outlet, with the values they differ on."""

from dataclasses import dataclass, field

from django.db.models import (
    F,
    Prefetch,
    QuerySet,
    Window,
)
from django.db.models.functions import RowNumber

from articles.models import Article, Source

from .. import verdicts
from ..models import Appearance, Claim
from .orders import (
    ARTICLES_PER_OUTLET,
    HEAVY_ARTICLE_FIELDS,
    PASSAGES_PER_ARTICLE,
    REPORTS_PER_CARD,
    VALUES_PER_CARD,
    VARIANT_HOLDERS,
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
