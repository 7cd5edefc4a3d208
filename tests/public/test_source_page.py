"""An outlet's page: its articles and its track record."""

from django.urls import reverse

from articles.models import Source
from claims.models import Claim
from claims.services import set_event_published
from claims.sitemaps import article_path, source_path

from .conftest import page, text


def counts(tree) -> dict[str, int]:
    return {
        text(item.xpath("./dt")[0]).lstrip("✓✗? "): int(text(item.xpath("./dd")[0]))
        for item in tree.xpath("//section[@aria-labelledby='record-title']//dl/div")
    }


def test_track_record_counts_its_claims_by_decision(client, decided, published):
    source = Source.objects.get(name="Our Bitcoin News")
    tree = page(client.get(source_path(source)))
    its_claims = Claim.objects.active().filter(appearances__article=published["003"]).distinct()
    # It reports the verified FTA call and the disputed "cooperation" claim, not LUNA/LUNC.
    assert counts(tree) == {
        "Verified": 1,
        "Disputed": 1,
        "Awaiting review": its_claims.filter(status="unreviewed").count(),
    }
    decisions = tree.xpath("//ul[@class='decisions']//a/text()")
    assert set(decisions) == {decided.fta.text, decided.announced.text}


def test_source_page_lists_its_articles(client, published):
    source = Source.objects.get(name="Cryptopolitan")
    tree = page(client.get(source_path(source)))
    assert text(tree.xpath("//h1")[0]) == "Cryptopolitan"
    assert "cryptopolitan.com" in text(tree.xpath("//dl[@class='facts']")[0])
    assert tree.xpath("//ul[@class='article-list']//a/@href")[0] == article_path(published["000"])


def test_event_page_links_known_outlets_to_their_page(client, published):
    tree = page(client.get(reverse("public:event", args=[published["000"].event.slug])))
    source = Source.objects.get(name="Cryptopolitan")
    assert source_path(source) in tree.xpath("//section[@id='sources']//h3/a/@href")


def test_outlet_with_only_unpublished_articles_is_not_found(client, busan, editor):
    source = Source.objects.get(name="Cryptopolitan")
    set_event_published(event=busan, editor=editor, published=False)
    assert client.get(source_path(source)).status_code == 404
    assert client.get("/sources/999999/").status_code == 404
