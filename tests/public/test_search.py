"""Search over the claims and articles of published events, with filters."""

import pytest
from django.urls import reverse

from articles.models import Source
from claims.reader.sitemaps import article_path, claim_path
from claims.services import set_event_published

from .conftest import page, text


def search(client, **params):
    return page(client.get(reverse("public:search"), params))


def found_claims(tree) -> set[str]:
    return set(tree.xpath("//section[@aria-labelledby='claim-results-title']//li/a[1]/@href"))


def found_articles(tree) -> set[str]:
    return set(tree.xpath("//section[@aria-labelledby='article-results-title']//li/a[1]/@href"))


def errors(tree) -> str:
    return " ".join(
        text(e) for e in tree.xpath("//*[@class='field-error' or @class='form-errors']")
    )


def test_words_find_claims_by_their_quotes_and_articles_by_their_text(client, decided, published):
    tree = search(client, q="lunc")
    assert found_claims(tree) == {claim_path(decided.luna)}  # LUNC is only in 002's quote
    assert found_articles(tree) == {article_path(published["002"])}


def test_every_word_must_match(client, decided):
    assert found_claims(search(client, q="Terraform Kwon")) == {claim_path(decided.luna)}
    assert found_claims(search(client, q="Terraform Busan")) == set()


def test_status_filter(client, decided):
    tree = search(client, status="disputed")
    assert found_claims(tree) == {claim_path(decided.luna), claim_path(decided.announced)}
    assert "2 claims" in text(tree.xpath("//h2[@id='claim-results-title']")[0])


def test_outlet_filter_applies_to_claims_and_articles(client, decided, published):
    source = Source.objects.get(name="Our Bitcoin News")
    tree = search(client, source=source.pk, status="verified")
    assert found_claims(tree) == {claim_path(decided.fta)}
    assert found_articles(tree) == {article_path(published["003"])}


def test_date_range_keeps_reports_published_within_it(client, decided, published):
    tree = search(client, published_after="2023-12-01", published_before="2023-12-31")
    assert found_articles(tree) == {article_path(published["001"])}  # the only dated report
    assert claim_path(decided.luna) in found_claims(tree)  # 001 reports it
    assert search(client, published_after="2024-01-01").xpath("//p[@class='empty']")


def test_outlet_and_dates_must_hold_for_the_same_report(client, decided):
    # Cryptopolitan (undated) and 001 (December) both report the FTA call, but no
    # Cryptopolitan report is from December: nothing matches.
    source = Source.objects.get(name="Cryptopolitan")
    tree = search(client, source=source.pk, published_after="2023-12-01")
    assert found_claims(tree) == set()


def test_empty_search_asks_for_words_and_runs_no_search(client, published):
    for params in ({}, {"q": ""}, {"q": "   ", "status": ""}):
        tree = search(client, **params)
        assert not tree.xpath("//section[contains(@class, 'results')]")
        assert "Type a few words" in text(tree.xpath("//main")[0])


def test_nothing_found_says_so(client, published):
    tree = search(client, q="zzzxqj")
    assert "No claim matches" in text(tree.xpath("//main")[0])
    assert "No article matches" in text(tree.xpath("//main")[0])


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "maybe"}, "Select a valid choice"),
        ({"source": "abc"}, "Select a valid choice"),
        ({"source": "99999999999999999999"}, "Select a valid choice"),
        ({"published_after": "yesterday"}, "Enter a valid date"),
        ({"published_after": "2023-12-31", "published_before": "2023-12-01"}, "after its end"),
        ({"q": "x" * 201}, "at most 200 characters"),
    ],
)
def test_bad_input_is_explained_and_searches_nothing(client, published, params, message):
    tree = search(client, **params)
    assert message in errors(tree)
    assert not tree.xpath("//section[contains(@class, 'results')]")


def test_odd_characters_and_pages_do_not_break_search(client, decided):
    assert found_claims(search(client, q="LUNA\x00")) == {claim_path(decided.luna)}
    # SQL wildcards and quotes are plain text: a search that finds nothing, not everything.
    odd = search(client, q="%_'\";--")
    assert errors(odd) == ""
    assert found_claims(odd) == found_articles(odd) == set()
    assert odd.xpath("//section[@aria-labelledby='claim-results-title']")
    wildcards = search(client, q="%_%")
    assert found_claims(wildcards) == found_articles(wildcards) == set()
    tree = search(client, q="LUNA", claims_page="9999", articles_page="x")
    assert found_claims(tree) == {claim_path(decided.luna)}


def test_unpublished_events_are_not_searched(client, decided, forum, editor):
    assert found_articles(search(client, q="Beijing-Tokyo"))
    set_event_published(event=forum, editor=editor, published=False)
    tree = search(client, q="Beijing-Tokyo")
    assert found_claims(tree) == found_articles(tree) == set()


def test_event_filter_keeps_one_events_claims_and_articles_and_names_it(client, busan, forum):
    tree = search(client, event=busan.slug)
    assert found_articles(tree) == {article_path(a) for a in busan.articles.all()}
    claims = busan.claims.published()
    assert found_claims(tree) <= {claim_path(c) for c in claims}  # a page of them
    assert text(tree.xpath("//h2[@id='claim-results-title']")[0]) == f"{claims.count()} claims"
    scope = text(tree.xpath("//p[@class='search-scope']")[0])
    assert busan.title in scope
    # Searching again keeps the event.
    assert tree.xpath("//form//input[@type='hidden'][@name='event']/@value") == [busan.slug]
    # With words, within the event only: "Beijing-Tokyo" is the forum's.
    assert found_articles(search(client, q="Beijing-Tokyo", event=busan.slug)) == set()
    assert found_articles(search(client, q="Beijing-Tokyo", event=forum.slug))
    # A wrong date is explained, and the event stays chosen.
    wrong = search(client, event=busan.slug, published_after="yesterday")
    assert "Enter a valid date" in errors(wrong)
    assert wrong.xpath("//form//input[@type='hidden'][@name='event']/@value") == [busan.slug]


def test_an_unknown_or_unpublished_events_address_is_explained_alike(client, forum, editor):
    unknown = search(client, event="no-such-event")
    set_event_published(event=forum, editor=editor, published=False)
    unpublished = search(client, event=forum.slug)
    for tree in (unknown, unpublished):
        assert "No published event has this address" in errors(tree)
        assert not tree.xpath("//section[contains(@class, 'results')]")
    assert forum.title not in text(unpublished.xpath("//main")[0])
    assert text(unknown.xpath("//main")[0]) == text(unpublished.xpath("//main")[0])


@pytest.mark.django_db
def test_cjk_words_are_found_without_word_boundaries(client, django_user_model):
    from articles.reading import ArticleHints
    from claims.pipeline import ingest_article

    text = (
        "日中韓外相が釜山で会談\n\n"
        "上川陽子外相は26日、韓国・釜山で中国の王毅外相と約2時間会談したと述べた。"
    )
    article = ingest_article(text=text, hints=ArticleHints(language="ja")).article
    editor = django_user_model.objects.create_superuser("chief", password="x")
    set_event_published(event=article.event, editor=editor, published=True)
    assert found_articles(search(client, q="外相")) == {article_path(article)}
    assert found_articles(search(client, q="外務省")) == set()
