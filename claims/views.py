"""The reader site: published events, their claims, articles and outlets, and search.

Views stay thin: each loads what its page shows in a fixed number of queries, whatever
the size of the desk, and hands it to a template. Only published events are public;
their claims, articles and outlets follow them, and anything else is a 404.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.db.models import Count, F, OuterRef, Prefetch, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from articles.models import Article, Source

from . import jsonld, sitemaps
from .filters import ArticleSearch, ClaimSearch
from .models import Appearance, Claim, Event, Review

PAGE_SIZE = 20
# What is established first, then what is contested, then what nobody has checked.
READING_ORDER = [Claim.Status.VERIFIED, Claim.Status.DISPUTED, Claim.Status.UNREVIEWED]
# An article's text is only needed on its own page and for quotes in context.
HEAVY_ARTICLE_FIELDS = ("body", "original_text")
# A merged claim may have been merged again; a chain longer than this is a data error.
MAX_MERGE_HOPS = 10


def home(request):
    events = Event.objects.published().with_counts().order_by(F("last_activity").desc(), "-id")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "public/home.html", {"page": page})


@dataclass
class Outlet:
    """Who published reports: a known source, or an unidentified outlet known by its article."""

    source: Source | None
    articles: list[Article] = field(default_factory=list)

    @property
    def first_article(self) -> Article:
        return self.articles[0]


def outlet_key(article: Article) -> str:
    # As in claims.consolidation: an unidentified outlet is counted once per article.
    return f"source:{article.source_id}" if article.source_id else f"article:{article.pk}"


def group_outlets(articles) -> list[Outlet]:
    outlets: dict[str, Outlet] = {}
    for article in articles:
        key = outlet_key(article)
        outlets.setdefault(key, Outlet(source=article.source)).articles.append(article)
    return list(outlets.values())


@dataclass
class ReportGroup:
    """One article's reports of a claim (usually one; a long article may repeat itself)."""

    article: Article
    reports: list[Appearance]


@dataclass
class VariantValue:
    value: str
    articles: list[Article]


@dataclass
class Variant:
    kind: str
    values: list[VariantValue]


def describe_claim(claim: Claim, articles_by_id: dict[int, Article]) -> Claim:
    """Give a claim (appearances prefetched) its outlets and its variants' articles."""
    reports = [a for a in claim.appearances.all() if a.article_id in articles_by_id]
    by_article: dict[int, list[Appearance]] = {}
    for report in reports:
        by_article.setdefault(report.article_id, []).append(report)
    claim.reports = reports
    claim.report_groups = [ReportGroup(group[0].article, group) for group in by_article.values()]
    claim.variant_list = [
        Variant(
            kind=variant.get("kind", ""),
            values=[
                VariantValue(
                    value=value,
                    articles=[articles_by_id[i] for i in ids if i in articles_by_id],
                )
                for value, ids in variant.get("values", {}).items()
            ],
        )
        for variant in claim.variants or []
    ]
    return claim


def _reports(*, with_text: bool) -> Prefetch:
    reports = Appearance.objects.select_related("article__source").order_by(
        F("article__published_on").asc(nulls_last=True), "article_id", "start"
    )
    if not with_text:
        reports = reports.defer(*(f"article__{name}" for name in HEAVY_ARTICLE_FIELDS))
    return Prefetch("appearances", queryset=reports)


def event_detail(request, slug):
    event = get_object_or_404(Event.objects.published().with_counts(), slug=slug)
    articles = list(
        event.articles.select_related("source", "copy_of")
        .defer(*HEAVY_ARTICLE_FIELDS)
        .order_by(F("published_on").asc(nulls_last=True), "id")
    )
    articles_by_id = {a.pk: a for a in articles}
    decided = Review.objects.filter(claim=OuterRef("pk")).order_by("-created_at")
    claims = (
        Claim.objects.published()
        .for_event(event)
        .annotate(decided_at=Subquery(decided.values("created_at")[:1]))
        .prefetch_related(_reports(with_text=False))
        .order_by("-source_count", "-independent_source_count", "id")
    )
    by_status: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        by_status[claim.status].append(describe_claim(claim, articles_by_id))
    outlets = group_outlets(articles)
    return render(
        request,
        "public/event.html",
        {
            "event": event,
            "verified": by_status[Claim.Status.VERIFIED],
            "disputed": by_status[Claim.Status.DISPUTED],
            "unreviewed": by_status[Claim.Status.UNREVIEWED],
            "claims": [c for status in READING_ORDER for c in by_status[status]],
            "articles": articles,
            "outlets": outlets,
        },
    )


def _absorbing(claim: Claim) -> Claim:
    """The claim a merged claim now lives in."""
    for _hop in range(MAX_MERGE_HOPS):
        if not claim.merged_into_id:
            break
        claim = Claim.objects.select_related("event").get(pk=claim.merged_into_id)
    return claim


def claim_detail(request, pk, slug=None):
    claims = Claim.objects.filter(event__is_published=True).select_related("event")
    claim = get_object_or_404(
        claims.prefetch_related(
            _reports(with_text=True),
            "evidence",
            Prefetch("reviews", queryset=Review.objects.order_by("created_at", "id")),
        ),
        pk=pk,
    )
    if claim.merged_into_id:
        target = _absorbing(claim)
        if target.merged_into_id or not target.event.is_published:
            raise Http404("The claim was merged into one that is not public.")
        return redirect(sitemaps.claim_path(target), permanent=True)
    canonical = sitemaps.claim_path(claim)
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    describe_claim(claim, {a.article_id: a.article for a in claim.appearances.all()})
    return render(
        request,
        "public/claim.html",
        {
            "claim": claim,
            "event": claim.event,
            "reviews": list(claim.reviews.all()),
            "evidence": list(claim.evidence.all()),
            "jsonld": jsonld.claim_review(claim, request),
        },
    )


def article_detail(request, pk, slug=None):
    article = get_object_or_404(
        Article.objects.published().select_related("source", "event", "copy_of__event"), pk=pk
    )
    canonical = sitemaps.article_path(article)
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    reports = list(
        article.appearances.filter(claim__in=Claim.objects.published())
        .select_related("claim")
        .order_by("start")
    )
    original = article.copy_of
    if original and not original.event.is_published:
        original = None
    return render(
        request,
        "public/article.html",
        {"article": article, "event": article.event, "reports": reports, "original": original},
    )


def source_detail(request, pk, slug=None):
    source = get_object_or_404(Source.objects.published(), pk=pk)
    canonical = sitemaps.source_path(source)
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    its_articles = Article.objects.published().filter(source=source)
    reported = Appearance.objects.filter(article__in=its_articles).values("claim_id")
    its_claims = Claim.objects.published().filter(pk__in=reported)
    tally = dict(its_claims.order_by().values_list("status").annotate(n=Count("pk")))
    page = Paginator(
        its_articles.select_related("event")
        .defer(*HEAVY_ARTICLE_FIELDS)
        .order_by(F("published_on").desc(nulls_last=True), "-id"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    decisions = its_claims.exclude(status=Claim.Status.UNREVIEWED).select_related("event")
    return render(
        request,
        "public/source.html",
        {
            "source": source,
            "page": page,
            "copies": its_articles.filter(copy_of__isnull=False).count(),
            "verified": tally.get(Claim.Status.VERIFIED, 0),
            "disputed": tally.get(Claim.Status.DISPUTED, 0),
            "unreviewed": tally.get(Claim.Status.UNREVIEWED, 0),
            "decisions": list(decisions.order_by("-updated_at", "-id")[:PAGE_SIZE]),
        },
    )


def search(request):
    data = request.GET or None
    claim_search = ClaimSearch(data, queryset=Claim.objects.published().select_related("event"))
    article_search = ArticleSearch(
        data,
        queryset=Article.objects.published()
        .select_related("source", "event")
        .defer(*HEAVY_ARTICLE_FIELDS)
        .order_by(F("published_on").desc(nulls_last=True), "-id"),
    )
    form = claim_search.form
    searched = claim_search.is_bound and claim_search.is_valid() and form.has_criteria()
    context = {"form": form, "searched": searched}
    if searched and article_search.is_valid():
        context["claims"] = Paginator(claim_search.qs, PAGE_SIZE).get_page(
            request.GET.get("claims_page")
        )
        context["articles"] = Paginator(article_search.qs, PAGE_SIZE).get_page(
            request.GET.get("articles_page")
        )
    return render(request, "public/search.html", context)
