"""The reader site: published events, their claims, articles and outlets, and search.

Views stay thin: each loads what its page shows in a fixed number of queries, whatever
the size of the desk, and hands it to a template. Only published events are public;
their claims, articles and outlets follow them, and anything else is a 404.
"""

import unicodedata
from collections import Counter

from django.core.paginator import Paginator
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from articles.models import Article
from factdesk.paging import CappedCountPaginator

from .. import jsonld, selectors, statuses, verdicts
from ..models import AuditEntry, Claim, Review
from ..selectors import HEAVY_ARTICLE_FIELDS
from .search import ArticleSearch, ClaimSearch

PAGE_SIZE = 20
# The summary atop an event page gives decided claims in full, wrapped: at most this many
# per status, and no more than one phone screen holds. A 390 px phone (844 px tall) sets
# about PHONE_LINE_COLUMNS columns a line (a column: a Latin letter's width; Han, kana and
# hangul take two), and has room for SUMMARY_LINES lines of points beside the summary's
# heading, tally, status headings and "more" links. The first claim of each status
# always shows; the rest are one click away in their section below the charts.
SUMMARY_POINTS = 5
SUMMARY_LINES = 20
PHONE_LINE_COLUMNS = 36
GRADE_COLUMNS = 14  # a point's grade badge ("✗ Mostly false")
# Cards of verified (and of disputed) claims on the event page; the summary's points
# link to cards, so this is never fewer than SUMMARY_POINTS.
DECIDED_CARDS = 8
# A claim's page lists its reports a page at a time; an article's page highlights this
# many of its reports at a time.
REPORTS_PER_PAGE = 20
ARTICLE_REPORTS_PER_PAGE = 50
# A merged claim may have been merged again; a chain longer than this is a data error.
MAX_MERGE_HOPS = 10


def home(request):
    events = selectors.public_events().with_counts().order_by(F("last_activity").desc(), "-id")
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "public/home.html", {"page": page})


def event_detail(request, slug):
    event = get_object_or_404(selectors.public_events().with_counts(), slug=slug)
    account = selectors.event_account(event)
    # The account's verdicts, in reading order (verified, then disputed).
    verdict_groups = [
        (status, account.grouped[status])
        for status in statuses.READING_ORDER
        if status in statuses.VERDICTS
    ]
    summary = summary_points(verdict_groups)
    # The first claims of each decided status as cards; the rest through the event's search.
    decided = {
        status: {"claims": claims[:DECIDED_CARDS], "more": len(claims[DECIDED_CARDS:])}
        for status, claims in verdict_groups
    }
    return render(
        request,
        "public/event.html",
        {"event": event, "account": account, "summary": summary, "decided": decided},
    )


def columns(text: str) -> int:
    """How wide text sets, in Latin letters: a wide (East Asian) character counts two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _point_lines(claim) -> int:
    """How many lines a summary point takes on a phone: its grade, wording and values."""
    values = [held.value for v in getattr(claim, "variant_list", []) for held in v.values]
    width = columns(claim.text) + sum(columns(str(value)) + 3 for value in values)
    width += GRADE_COLUMNS if getattr(claim, "rating", "") else 0
    return -(-width // PHONE_LINE_COLUMNS)


def summary_points(groups: list[tuple[str, list]]) -> list[dict]:
    """The event summary's points: claims of each status in their order, taken a rank at
    a time across statuses (each status's first, then each one's second…) while they
    fit SUMMARY_LINES; a status stops at its first claim that does not fit."""
    chosen: dict[str, list] = {status: [] for status, _ in groups}
    full: set[str] = set()
    used = 0
    for rank in range(SUMMARY_POINTS):
        for status, claims in groups:
            if status in full or rank >= len(claims):
                continue
            lines = _point_lines(claims[rank])
            if rank and used + lines > SUMMARY_LINES:
                full.add(status)
                continue
            chosen[status].append(claims[rank])
            used += lines
    return [
        {"status": status, "claims": chosen[status], "more": len(claims) - len(chosen[status])}
        for status, claims in groups
        if claims
    ]


def event_awaiting_review(request, slug):
    """The claims of an event no editor has checked yet, a page at a time."""
    event = get_object_or_404(selectors.public_events().with_counts(), slug=slug)
    page = Paginator(selectors.awaiting_review(event), PAGE_SIZE).get_page(request.GET.get("page"))
    articles_by_id = {a.pk: a for a in selectors.event_articles(event)}
    for claim in page:
        selectors.describe_claim(claim, articles_by_id)
    selectors.pair_across_languages(list(page), event, articles_by_id)
    return render(request, "public/event_awaiting.html", {"event": event, "page": page})


def _absorbing(claim: Claim) -> Claim:
    """The claim a merged claim now lives in."""
    for _hop in range(MAX_MERGE_HOPS):
        if not claim.merged_into_id:
            break
        claim = Claim.objects.select_related("event").get(pk=claim.merged_into_id)
    return claim


def claim_detail(request, pk, slug=None):
    # Merged claims too (they redirect to the claim they joined); not dismissed ones.
    claims = selectors.claims_with_pages().select_related("event")
    claim = get_object_or_404(
        claims.prefetch_related(
            "evidence",
            Prefetch("reviews", queryset=Review.objects.order_by("created_at", "id")),
        ),
        pk=pk,
    )
    if claim.merged_into_id:
        target = _absorbing(claim)
        if not selectors.is_public(target):
            raise Http404("The claim was merged into one that is not public.")
        return redirect(target.get_absolute_url(), permanent=True)
    canonical = claim.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    reports = Paginator(selectors.claim_reports(claim), REPORTS_PER_PAGE).get_page(
        request.GET.get("reports")
    )
    reports.object_list = list(reports.object_list)  # evaluated once, texts attached
    with_text(reports.object_list)
    describe_claim_page(claim, reports.object_list)
    selectors.pair_across_languages([claim], claim.event)
    history = list(selectors.claim_history(claim))
    reviews = [entry for entry in history if entry.action == AuditEntry.Action.REVIEW]
    return render(
        request,
        "public/claim.html",
        {
            "claim": claim,
            "event": claim.event,
            "reports": reports,
            "history": history,
            "reopened": reviews[-1]
            if reviews and claim.status == Claim.Status.UNREVIEWED
            else None,
            "evidence": list(claim.evidence.all()),
            "cited": selectors.cited_reports(claim),
            "jsonld": jsonld.claim_review(claim, request),
        },
    )


def with_text(reports) -> None:
    """Give these reports' articles their body (for the quote in context): one query."""
    bodies = dict(
        Article.objects.filter(pk__in={r.article_id for r in reports}).values_list("pk", "body")
    )
    for report in reports:  # each row has its own Article instance
        report.article.body = bodies[report.article_id]


def describe_claim_page(claim: Claim, page_reports) -> None:
    """What a claim's own page and ClaimReview read, in a few queries whatever its size.

    claim.appearances holds one report per reporting article (the first ARTICLES_LISTED
    articles), which is what ClaimReview lists; the variants name their first holders.
    """
    one_per_article = jsonld.load_reports(
        claim, jsonld.ARTICLES_LISTED, selectors.claim_reports(claim)
    )
    wanted = {
        i
        for variant in claim.variants or []
        for ids in variant.get("values", {}).values()
        for i in list(dict.fromkeys(ids))[: selectors.VARIANT_HOLDERS]
    } - {r.article_id for r in one_per_article}
    articles_by_id = {r.article_id: r.article for r in one_per_article}
    if wanted:
        extra = selectors.public_articles().select_related("source").defer(*HEAVY_ARTICLE_FIELDS)
        articles_by_id |= {a.pk: a for a in extra.filter(pk__in=wanted)}
    selectors.describe_claim(claim, articles_by_id)
    for variant, stored in zip(claim.variant_list, claim.variants or [], strict=True):
        for held, ids in zip(variant.values, stored.get("values", {}).values(), strict=True):
            held.more = max(0, len(set(ids)) - len(held.articles))
    claim.reports = list(page_reports)


def article_detail(request, pk, slug=None):
    article = get_object_or_404(
        selectors.public_articles().select_related("source", "event", "copy_of__event"), pk=pk
    )
    canonical = article.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    page = Paginator(
        article.appearances.filter(claim__in=selectors.public_claims())
        .select_related("claim")
        .order_by("start"),
        ARTICLE_REPORTS_PER_PAGE,
    ).get_page(request.GET.get("reports"))
    reports = list(page.object_list)
    for report in reports:  # what the desk decided about this article's own words
        report.status = verdicts.report_status(report.claim, article.pk)
    original = article.copy_of
    if original and not original.event.is_published:
        original = None
    return render(
        request,
        "public/article.html",
        {
            "article": article,
            "event": article.event,
            "reports": reports,
            "reports_page": page,
            "original": original,
        },
    )


def source_detail(request, pk, slug=None):
    source = get_object_or_404(selectors.public_sources(), pk=pk)
    canonical = source.get_absolute_url()
    if request.path != canonical:
        return redirect(canonical, permanent=True)
    its_articles = selectors.public_articles().filter(source=source)
    verdict_of, claims = selectors.track_record(source)
    tally = Counter(verdict_of.values())
    page = Paginator(
        its_articles.select_related("event")
        .defer(*HEAVY_ARTICLE_FIELDS)
        .order_by(F("published_on").desc(nulls_last=True), "-id"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    decisions = sorted(
        (c for c in claims if c.status != Claim.Status.UNREVIEWED),
        key=lambda c: (c.updated_at, c.pk),
        reverse=True,
    )[:PAGE_SIZE]
    for claim in decisions:
        claim.outlet_status = verdict_of[claim.pk]
    return render(
        request,
        "public/source.html",
        {
            "source": source,
            "page": page,
            "copies": its_articles.filter(copy_of__isnull=False).count(),
            # Verified, disputed, awaiting review: how many of each, in reading order.
            "counts": [(status, tally[status]) for status in statuses.READING_ORDER],
            "decisions": decisions,
        },
    )


def search(request):
    data = request.GET or None
    claim_search = ClaimSearch(data, queryset=selectors.public_claims().select_related("event"))
    article_search = ArticleSearch(
        data,
        queryset=selectors.public_articles()
        .select_related("source", "event")
        .defer(*HEAVY_ARTICLE_FIELDS)
        .order_by(F("published_on").desc(nulls_last=True), "-id"),
    )
    form = claim_search.form
    searched = claim_search.is_bound and claim_search.is_valid() and form.has_criteria()
    # The event the search is narrowed to, named on the page (its field is hidden), and
    # kept when another field is wrong.
    event = form.cleaned_data.get("event") if claim_search.is_bound else None
    context = {"form": form, "searched": searched, "event": event}
    if searched and article_search.is_valid():
        context["claims"] = CappedCountPaginator(claim_search.qs, PAGE_SIZE).get_page(
            request.GET.get("claims_page")
        )
        context["articles"] = CappedCountPaginator(article_search.qs, PAGE_SIZE).get_page(
            request.GET.get("articles_page")
        )
    return render(request, "public/search.html", context)
