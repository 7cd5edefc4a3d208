"""An article page: its clean text, each claim's quote highlighted by status, linked."""

from claims.reader.sitemaps import article_path, claim_path
from claims.services import set_event_published

from .conftest import page, text


def test_each_quote_is_highlighted_at_its_offsets_and_links_its_claim(client, decided, published):
    article = published["002"]
    tree = page(client.get(article_path(article)))
    appearances = list(article.appearances.select_related("claim"))
    assert appearances
    for appearance in appearances:
        (quote,) = tree.xpath(f"//div[@class='article-body']//a[@id='q-{appearance.pk}']")
        assert text(quote.xpath(".//mark")[0]) == article.body[appearance.start : appearance.end]
        assert quote.get("href") == claim_path(appearance.claim)
        assert f"status-{appearance.claim.status}" in quote.get("class")


def test_highlights_are_coloured_by_status_and_signed_in_words(client, decided, published):
    tree = page(client.get(article_path(published["002"])))
    lunc = next(q for q in tree.xpath("//a[contains(@class, 'quote')]") if "LUNC" in text(q))
    assert "status-disputed" in lunc.get("class")
    assert "(Disputed)" in text(lunc)  # not told by colour alone
    verified = tree.xpath("//a[contains(@class, 'quote') and contains(@class, 'status-verified')]")
    assert [text(v.xpath(".//mark")[0]) for v in verified] == [
        a.quote for a in decided.fta.appearances.filter(article=published["002"])
    ]


def test_text_between_quotes_is_kept_whole(client, published):
    article = published["004"]
    tree = page(client.get(article_path(article)))
    body = " ".join(
        "".join(segment for segment in p.xpath(".//text()") if segment not in "?✓✗")
        for p in tree.xpath("//div[@class='article-body']/p")
    )
    body = body.replace(" (Awaiting review)", "")
    assert " ".join(body.split()) == " ".join(article.body.split())


def test_paraphrase_links_the_report_it_copies(client, published):
    tree = page(client.get(article_path(published["002"])))
    (notice,) = tree.xpath("//header//p[@class='notice']")
    assert "closely paraphrases" in text(notice)
    assert notice.xpath(".//a/@href") == [article_path(published["000"])]


def test_article_header_says_outlet_date_and_author(client, published):
    tree = page(client.get(article_path(published["001"])))
    header = text(tree.xpath("//article/header")[0])
    assert "Unnamed outlet" in header  # the headline follows: not said twice
    assert "Dec. 6, 2023" in header
    assert "by Sharan Kaur Phillora" in header


def test_claims_are_listed_under_the_article(client, decided, published):
    tree = page(client.get(article_path(published["001"])))
    listed = tree.xpath("//ol[@class='article-claims']/li")
    assert len(listed) == published["001"].appearances.count()
    assert claim_path(decided.luna) in tree.xpath("//ol[@class='article-claims']//a/@href")


def test_article_of_unpublished_event_is_not_found(client, forum, published, editor):
    set_event_published(event=forum, editor=editor, published=False)
    assert client.get(article_path(published["004"])).status_code == 404
    assert client.get(f"/articles/{published['004'].pk}/").status_code == 404
    assert client.get(article_path(published["003"])).status_code == 200


def test_short_address_redirects_to_the_canonical_one(client, published):
    response = client.get(f"/articles/{published['003'].pk}/")
    assert response.status_code == 301
    assert response["Location"] == article_path(published["003"])


def test_claims_under_an_article_are_in_its_own_words(client, decided, published):
    tree = page(client.get(article_path(published["002"])))
    listed = [text(a) for a in tree.xpath("//ol[@class='article-claims']/li/a[1]")]
    own = [a.quote for a in published["002"].appearances.order_by("start")]
    assert listed == own
    # 002 says LUNC; the claim's canonical wording (from 001) says LUNA.
    assert "LUNA" in decided.luna.text
    assert any("LUNC cryptoasset" in quote for quote in listed)
    assert not any("LUNA" in quote for quote in listed)


def test_each_highlight_carries_the_decision_on_its_own_value(client, decided, published):
    tree = page(client.get(article_path(published["003"])))
    called_for = decided.announced.appearances.get(
        article=published["003"], quote__contains="should be strengthened"
    )
    (quote,) = tree.xpath(f"//div[@class='article-body']//a[@id='q-{called_for.pk}']")
    assert "status-verified" in quote.get("class")  # "called for" was verified
    (item,) = [
        li
        for li in tree.xpath("//ol[@class='article-claims']/li")
        if f"#q-{called_for.pk}" in li.xpath(".//a/@href")
    ]
    assert "Verified" in text(item)
