"""A claim reported thousands of times: its page, its article's page and its API detail show
a page of reports with a way to the rest, in the same number of queries at any size."""

import pytest

from articles.models import Article
from claims import selectors
from claims.api import serializers as api
from claims.models import Appearance, Claim
from claims.reader import views
from claims.reader.sitemaps import article_path, claim_path

from .conftest import page

SENTENCE = "The minister said the fund would grow by 4 percent. "


def repeat_claim(event, claim: Claim, times: int) -> Article:
    """One long article that makes the claim `times` times, as one very long report can."""
    body = SENTENCE * times
    article = Article.objects.create(
        event=event,
        title=f"Long report {times}",
        body=body,
        original_text=body,
        content_hash=f"long-{times}",
    )
    Appearance.objects.bulk_create(
        Appearance(
            claim=claim,
            article=article,
            quote=SENTENCE.strip(),
            start=i * len(SENTENCE),
            end=(i + 1) * len(SENTENCE) - 1,
        )
        for i in range(times)
    )
    claim.variants = [{"kind": "number", "values": {"4": [article.pk] * times, "5": [1]}}]
    claim.save(update_fields=["variants"])
    return article


@pytest.fixture(autouse=True)
def memory_cache(settings):
    """Count the pages' own queries, not the API throttle's (a cache table by default)."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def big(busan):
    claim = Claim.objects.filter(event=busan).order_by("pk").first()
    return claim


@pytest.mark.parametrize("times", [60, 600])
def test_claim_page_shows_one_page_of_reports_and_a_next_link(
    client, big, busan, times, django_assert_max_num_queries
):
    repeat_claim(busan, big, times)
    total = big.appearances.count()
    with django_assert_max_num_queries(10):  # with the links across languages
        response = client.get(claim_path(big))
    html = page(response)
    assert len(html.xpath("//figure[@class='report']")) == views.REPORTS_PER_PAGE
    assert html.xpath("//nav[@class='pagination']//a[@rel='next']/@href") == ["?reports=2"]
    last = -(-total // views.REPORTS_PER_PAGE)
    html = page(client.get(claim_path(big) + f"?reports={last}"))
    shown = len(html.xpath("//figure[@class='report']"))
    assert shown == total - views.REPORTS_PER_PAGE * (last - 1)
    # The variant names one holder however often the article repeats it.
    holders = html.xpath("//span[@class='variant-holders']")[0]
    assert len(holders.xpath(".//cite")) == 1


@pytest.mark.parametrize("times", [60, 600])
def test_article_page_lists_one_page_of_its_reports(
    client, big, busan, times, django_assert_max_num_queries
):
    article = repeat_claim(busan, big, times)
    with django_assert_max_num_queries(3):
        response = client.get(article_path(article))
    html = page(response)
    assert len(html.xpath("//ol[@class='article-claims']/li")) == views.ARTICLE_REPORTS_PER_PAGE
    assert len(html.xpath("//a[contains(@class, 'quote')]")) == views.ARTICLE_REPORTS_PER_PAGE
    assert html.xpath("//nav[@class='pagination']//a[@rel='next']/@href") == ["?reports=2"]


@pytest.mark.parametrize("times", [60, 600])
def test_api_claim_detail_caps_its_reports_and_links_to_all(
    client, big, busan, times, django_assert_max_num_queries
):
    repeat_claim(busan, big, times)
    total = big.appearances.count()
    with django_assert_max_num_queries(8):
        data = client.get(f"/api/v1/claims/{big.pk}/").json()
    assert len(data["appearances"]) == api.CLAIM_APPEARANCES
    assert data["appearance_count"] == total
    listed = client.get(data["appearances_url"], {"page": 2}).json()
    assert listed["count"] == total
    assert len(listed["results"]) == 20
    assert listed["results"][0]["start"] == data["appearances"][-1]["start"] + len(SENTENCE)


def test_api_event_detail_names_outlets_without_reading_every_report(
    client, big, busan, django_assert_max_num_queries
):
    repeat_claim(busan, big, 600)
    with django_assert_max_num_queries(8):
        data = client.get(f"/api/v1/events/{busan.slug}/").json()
    listed = next(c for group in data["claims"].values() for c in group if c["id"] == big.pk)
    assert "“Long report 600” (unnamed outlet)" in listed["outlets"]
    assert data["claims_url"] == f"/api/v1/claims/?event={busan.slug}"


@pytest.mark.parametrize("times", [60, 600])
def test_event_page_links_a_few_passages_of_an_article_that_repeats_a_claim(
    client, big, busan, times, django_assert_max_num_queries
):
    article = repeat_claim(busan, big, times)
    # The event page shows decided claims' reports; awaiting ones are a count and a link.
    Claim.objects.filter(pk=big.pk).update(status=Claim.Status.VERIFIED)
    with django_assert_max_num_queries(5):
        html = page(client.get(f"/events/{busan.slug}/"))
    card = html.xpath(f"//li[@id='claim-{big.pk}']//ul[@class='reports']")[0]
    links = card.xpath(f".//a[contains(@href, '/articles/{article.pk}-')]")
    assert len(links) == selectors.PASSAGES_PER_ARTICLE
