"""An outlet's page: its articles and its track record."""

from django.urls import reverse

from articles.models import Article, Source
from claims.models import Claim
from claims.reader.sitemaps import article_path, claim_path, source_path
from claims.services import set_event_published

from .conftest import page, text


def counts(tree) -> dict[str, int]:
    return {
        text(item.xpath("./dt")[0]).lstrip("✓✗? "): int(text(item.xpath("./dd")[0]))
        for item in tree.xpath("//section[@aria-labelledby='record-title']//dl/div")
    }


def test_track_record_counts_what_its_own_reports_said(client, decided, published):
    source = Source.objects.get(name="Our Bitcoin News")
    tree = page(client.get(source_path(source)))
    its_claims = Claim.objects.active().filter(appearances__article=published["003"]).distinct()
    # The "cooperation" claim is disputed as "announced"; this outlet reported only that
    # Wang Yi "called for" it, which the editor verified: it is not blamed for the others.
    assert counts(tree) == {
        "Verified": 2,
        "Disputed": 0,
        "Awaiting review": its_claims.filter(status="unreviewed").count(),
    }
    decisions = {
        item.xpath(".//a/@href")[0]: item for item in tree.xpath("//ul[@class='decisions']/li")
    }
    assert set(decisions) == {claim_path(decided.fta), claim_path(decided.announced)}
    cooperation = decisions[claim_path(decided.announced)]
    assert text(cooperation.xpath(".//span[contains(@class, 'badge')]")[0]) == "✓ Verified"
    # Shown in its own words, not in the claim's disputed wording.
    own_quotes = decided.announced.appearances.filter(article=published["003"])
    assert text(cooperation.xpath(".//a")[0]) in {a.quote for a in own_quotes}


def test_outlet_that_gave_the_disputed_value_is_counted_disputed(client, decided):
    tree = page(client.get(source_path(Source.objects.get(name="Cryptopolitan"))))
    assert counts(tree)["Disputed"] == 1  # its "pledged" report of the cooperation


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


def test_unidentified_outlets_are_told_apart_and_articles_link_their_original(client, published):
    Article.objects.filter(pk=published["001"].pk).update(url="https://www.example.net/luna")
    Article.objects.filter(pk=published["000"].pk).update(url="https://www.cryptopolitan.com/a")
    tree = page(client.get(reverse("public:event", args=[published["000"].event.slug])))
    headings = [text(h) for h in tree.xpath("//section[@id='sources']//h3")]
    assert "example.net" in headings  # by its page's domain
    assert "Unnamed outlet" in headings  # its headline is listed under it, never its file
    assert not any(".txt" in heading for heading in headings)
    tree = page(
        client.get(
            reverse("public:event", args=[published["000"].event.slug]),
            HTTP_ACCEPT_LANGUAGE="ja",
        )
    )
    headings = [text(h) for h in tree.xpath("//section[@id='sources']//h3")]
    assert {"example.net", "媒体不明"} <= set(headings)  # translated
    # The outlet's page and search results link each article to its original page.
    source = Source.objects.get(name="Cryptopolitan")
    tree = page(client.get(source_path(source)))
    assert "https://www.cryptopolitan.com/a" in tree.xpath("//ul[@class='article-list']//a/@href")
    tree = page(client.get(reverse("public:search"), {"source": source.pk}))
    assert "https://www.cryptopolitan.com/a" in tree.xpath("//ol[@class='result-list']//a/@href")
