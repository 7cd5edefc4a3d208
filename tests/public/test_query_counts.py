"""Every reader page runs the same number of queries whatever the size of the desk."""

import pytest
from django.urls import reverse

from articles.models import Source
from claims.models import Claim
from claims.reader.sitemaps import article_path, claim_path, event_path, source_path

from .factories import make_public_desk

SIZES = [2, 12]


def pages(event) -> dict[str, str]:
    claim = Claim.objects.filter(event=event, status="disputed").first()
    article = event.articles.first()
    source = Source.objects.get(name=f"Outlet {event.slug.split('-')[1]}-0")
    return {
        "home": reverse("public:home"),
        "event": event_path(event),
        "awaiting review": reverse("public:event_awaiting", args=[event.slug]),
        "claim": claim_path(claim),
        "article": article_path(article),
        "source": source_path(source),
        "search": reverse("public:search") + "?status=disputed&published_after=2024-01-01",
        "search by event": reverse("public:search") + f"?event={event.slug}",
        "feed": reverse("public:feed"),
        "event feed": reverse("public:event_feed", args=[event.slug]),
        "sitemap": "/sitemap.xml",
    }


# A list counts its rows for pagination; the sitemap counts and lists each section.
MAX_QUERIES = {
    "home": 2,
    # each also reads its links to claims in other languages (two more when the linked
    # claims are not on the page: tests/public/test_other_languages.py)
    "event": 5,
    "awaiting review": 6,  # the event, the count, a page of claims, their reports, articles
    # the claim, evidence, reviews; its reports: count, page, their texts, one per article
    # (ClaimReview), the variants' first holders; its audit history; its links across
    # languages
    "claim": 10,
    "article": 3,  # the article, its reports counted, one page of them
    "source": 6,
    "search": 5,
    "search by event": 7,  # as search, and the event looked up by each of its two filters
    "feed": 1,
    "event feed": 2,
    "sitemap": 8,
}


@pytest.fixture(autouse=True)
def rendered_every_time(settings):
    """The counts are the pages' own; a page served from the cache runs none of them."""
    settings.FACTDESK_PAGE_CACHE = False


@pytest.mark.parametrize("name", MAX_QUERIES)
def test_page_queries_do_not_grow_with_the_data(
    client, editor, django_assert_max_num_queries, name
):
    for size in SIZES:
        event = make_public_desk(size, editor)
        url = pages(event)[name]
        with django_assert_max_num_queries(MAX_QUERIES[name]):
            response = client.get(url)
        assert response.status_code == 200, (name, size)


def test_the_reports_a_verdict_cites_cost_one_query_however_many(
    client, editor, django_assert_max_num_queries
):
    """The claim page lists the reports its standing verdict cites: one query for all."""
    for size in SIZES:
        event = make_public_desk(size, editor)
        claim = Claim.objects.filter(event=event, status="disputed").first()
        cited = list(event.articles.values_list("pk", flat=True))
        assert len(cited) >= size  # more reports cited at the bigger size
        claim.reviews.filter(to_status="disputed").update(cited_reports=cited)
        with django_assert_max_num_queries(MAX_QUERIES["claim"] + 1):
            response = client.get(claim_path(claim))
        assert response.status_code == 200
        assert response.content.count(b'<ul class="cited-reports"') == 1
