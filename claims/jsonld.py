"""schema.org ClaimReview markup for reviewed claims.

Search engines and fact-check aggregators read it (https://schema.org/ClaimReview and
Google's fact-check structured data guidelines). The reader site embeds it on each claim
page; the JSON API may serve the same dict.
"""

from django.conf import settings
from django.utils import timezone

from . import sitemaps
from .models import Claim

# FactDesk gives two verdicts, so its rating scale has two points.
BEST_RATING, WORST_RATING = 2, 1
RATINGS = {
    Claim.Status.VERIFIED: (BEST_RATING, "Verified"),
    Claim.Status.DISPUTED: (WORST_RATING, "Disputed"),
}


def absolute_url(path: str, request=None) -> str:
    """The request's own address when there is one, else the desk's configured address."""
    if request is not None:
        return request.build_absolute_uri(path)
    return settings.FACTDESK_SITE_URL + path


def claim_review(claim: Claim, request=None) -> dict | None:
    """The ClaimReview of a verified or disputed claim, ready for json.dumps; None otherwise.

    Pure: it only reads. It reads claim.event, claim.appearances with each one's
    article and article.source, and claim.reviews; prefetch those
    (`Claim.objects.with_appearances().prefetch_related("reviews")`) to build many
    reviews without a query each. URLs are absolute, from `request` when given, else from
    settings.FACTDESK_SITE_URL. The rating's alternateName is the verdict in English.
    """
    if claim.status not in RATINGS:
        return None
    rating, verdict = RATINGS[claim.status]
    articles = _reporting_articles(claim)
    appearances = [_creative_work(article, request) for article in articles]
    item: dict = {"@type": "Claim", "appearance": appearances}
    if appearances:
        first = min(articles, key=_first_reported)
        item["firstAppearance"] = appearances[articles.index(first)]
        if first.published_on:
            item["datePublished"] = first.published_on.isoformat()
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": absolute_url(sitemaps.claim_path(claim), request),
        "claimReviewed": claim.text,
        "datePublished": _decided_on(claim).isoformat(),
        "author": {
            "@type": "Organization",
            "name": settings.FACTDESK_NAME,
            "url": absolute_url("/", request),
        },
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": BEST_RATING,
            "worstRating": WORST_RATING,
            "alternateName": verdict,
            "ratingExplanation": claim.rationale,
        },
        "itemReviewed": item,
    }


def _reporting_articles(claim: Claim) -> list:
    """Each article reporting the claim once, in the order of its appearances."""
    articles: dict[int, object] = {}
    for appearance in claim.appearances.all():
        articles.setdefault(appearance.article_id, appearance.article)
    return list(articles.values())


def _first_reported(article) -> tuple:
    # Dated reports before undated ones; among equals, an original before its copies.
    return (
        article.published_on is None,
        article.published_on or timezone.now().date(),
        article.copy_of_id is not None,
        article.pk,
    )


def _creative_work(article, request) -> dict:
    work = {
        "@type": "NewsArticle",
        "headline": article.title,
        "url": article.url or absolute_url(sitemaps.article_path(article), request),
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
