"""schema.org ClaimReview markup for reviewed claims.

Search engines and fact-check aggregators read it (https://schema.org/ClaimReview and
Google's fact-check structured data guidelines). The reader site embeds it on each claim
page; the JSON API may serve the same dict.
"""

import re

from django.conf import settings
from django.db.models import Min
from django.utils import timezone
from django.utils.text import slugify

from . import ratings, verdicts
from .models import Appearance, Claim


def absolute_url(path: str, request=None) -> str:
    """The request's own address when there is one, else the desk's configured address."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.FACTDESK_SITE_URL + path


TITLE = (
    r"(?:Prime Minister|Minister|President|Premier|Secretary|Chancellor|CEO|Mayor|Governor|"
    r"Ambassador|Spokesperson|Spokesman|Spokeswoman|Chairman|Chairwoman|Director)"
)
# Two or three capitalised words, not a sentence's opening phrase ("In Japan").
PERSON = r"(?!(?:In|On|At|The|For|As|By|From|With|After|Before|During|This|That)\b)" + (
    r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,2}"
)
SAYING = (
    r"(?:also\s+)?(?:said|says|stated|told|announced|emphasi[sz]ed|stressed|underscored|"
    r"highlighted|urged|called|agreed|reaffirmed|pledged|echoed|proposed|suggested|"
    r"mentioned|encouraged|warned|noted|added|argued|claimed)\b"
)
# "Minister Park Jin and … Minister Yoko Kamikawa echoed", "Foreign Minister Wang Yi
# stated", "Xu Zhilong, editor-in-chief of …, emphasized".
CLAIMANT_RES = [
    re.compile(
        rf"\b{TITLE}\s+({PERSON})\s+and\s+(?:[A-Z][a-z]+\s+){{0,3}}{TITLE}\s+({PERSON})\s+{SAYING}"
    ),
    re.compile(rf"\b{TITLE}\s+({PERSON})(?:,[^,]{{1,120}},)?\s+{SAYING}"),
    re.compile(rf"(?:^|[.;:]\s|,\s)({PERSON}),\s[^,]{{1,120}},\s+{SAYING}"),
]


def claimants(text: str, speaker: str = "") -> list[str]:
    """The people the text says made the claim; none when it names nobody as saying it.

    speaker: who a leading "He"/"She" stands for, as ingestion resolved it.
    """
    if speaker:
        return [speaker]
    for pattern in CLAIMANT_RES:
        match = pattern.search(text)
        if match:
            return list(match.groups())
    return []


# ClaimReview lists the articles a claim appears in; search engines need the first ones.
ARTICLES_LISTED = 50


def load_reports(claim: Claim, articles: int, reports) -> list:
    """Load what claim_review reads for a claim of any size: one report per reporting
    article (the first `articles` articles by id), taken from `reports` (a queryset of
    Appearance with its article and source). One query; returns the reports.
    """
    firsts = (
        Appearance.objects.filter(claim=claim)
        .values("article_id")
        .annotate(first=Min("pk"))
        .order_by("article_id")
        .values_list("first", flat=True)[:articles]
    )
    one_per_article = list(reports.filter(pk__in=firsts))
    claim._prefetched_objects_cache = {
        **getattr(claim, "_prefetched_objects_cache", {}),
        "appearances": one_per_article,
    }
    return one_per_article


def claim_review(claim: Claim, request=None) -> dict | None:
    """The ClaimReview markup of a verified or disputed claim, ready for json.dumps.

    A claim with a decision on each value its reports differ on gets one ClaimReview per
    decided value (each reviewing the words of the reports that give it, with those
    reports as its appearances), gathered in one JSON-LD @graph; any other reviewed
    claim gets one ClaimReview. None while the claim awaits review.

    Pure: it only reads. It reads claim.event, claim.appearances with each one's
    article and article.source, and claim.reviews; prefetch those
    (`Claim.objects.with_appearances().prefetch_related("reviews")`) to build many
    reviews without a query each. URLs are absolute, from `request` when given, else from
    settings.FACTDESK_SITE_URL. The rating's alternateName is the verdict in English.
    """
    reviews = claim_reviews(claim, request)
    if not reviews:
        return None
    if len(reviews) == 1:
        return reviews[0]
    graph = [{k: v for k, v in review.items() if k != "@context"} for review in reviews]
    return {"@context": "https://schema.org", "@graph": graph}


def claim_reviews(claim: Claim, request=None) -> list[dict]:
    """Each ClaimReview of the claim, as claim_review describes them."""
    if ratings.review_rating(claim.status) is None:
        return []
    reports = list(claim.appearances.all())
    if not claim.variant_decisions:
        return [_review(claim, claim.text, claim.status, reports, "", request)]
    reviews = []
    for decision in claim.variant_decisions:
        key = (decision["kind"], decision["value"])
        giving = [r for r in reports if key in verdicts.values_given(claim, r.article_id)]
        if giving:
            first = min(giving, key=lambda r: _first_reported(r.article))
            anchor = f"#value-{slugify(decision['kind'])}-{slugify(decision['value'])}"
            reviews.append(_review(claim, first.quote, decision["status"], giving, anchor, request))
    # The decided values may no longer be reported (a report split off): review the claim.
    return reviews or [_review(claim, claim.text, claim.status, reports, "", request)]


def _review(claim: Claim, wording: str, status: str, reports: list, anchor: str, request) -> dict:
    # The claim's grade applies where the value's verdict is the claim's; else ungraded.
    rating = ratings.review_rating(status, claim.rating)
    articles = _reporting_articles(reports)
    appearances = [_creative_work(article, request) for article in articles]
    item: dict = {"@type": "Claim", "appearance": appearances}
    if appearances:
        first = min(articles, key=_first_reported)
        item["firstAppearance"] = appearances[articles.index(first)]
        if first.published_on:
            item["datePublished"] = first.published_on.isoformat()
        first_report = next(r for r in reports if r.article_id == first.pk)
        people = claimants(wording) or claimants(first_report.quote, first_report.speaker)
        if people:
            authors = [{"@type": "Person", "name": name} for name in people]
            item["author"] = authors[0] if len(authors) == 1 else authors
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute_url(claim.get_absolute_url(), request) + anchor,
        "claimReviewed": wording,
        "datePublished": _decided_on(claim).isoformat(),
        "author": {
            "@type": "Organization",
            "name": settings.FACTDESK_NAME,
            "url": absolute_url("/", request),
        },
        "reviewRating": {**rating, "ratingExplanation": claim.rationale},
        "itemReviewed": item,
    }


def _reporting_articles(reports: list) -> list:
    """Each article of these reports once, in the order of the reports."""
    articles: dict[int, object] = {}
    for appearance in reports:
        articles.setdefault(appearance.article_id, appearance.article)
    return list(articles.values())


def _first_reported(article) -> tuple:
    # An original before any paraphrase or copy, however the copy is dated (a copy is
    # never the first to make a claim); then dated reports before undated ones.
    return (
        article.copy_of_id is not None,
        article.published_on is None,
        article.published_on or timezone.now().date(),
        article.pk,
    )


def _creative_work(article, request) -> dict:
    work = {
        "@type": "NewsArticle",
        "headline": article.title,
        "url": article.url_or_none or absolute_url(article.get_absolute_url(), request),
    }
    if article.published_on:
        work["datePublished"] = article.published_on.isoformat()
    if article.source:
        work["publisher"] = {"@type": "Organization", "name": article.source.name}
        if article.source.domain:
            work["publisher"]["url"] = f"https://{article.source.domain}/"
    return work


def _decided_on(claim: Claim):
    """The day the claim got its current status."""
    decisions = [r for r in claim.reviews.all() if r.to_status == claim.status]
    decided_at = max((r.created_at for r in decisions), default=claim.updated_at)
    return timezone.localtime(decided_at).date()
