"""Full-text search: the same words find the same claims and articles on both databases.

The suite runs on SQLite (FTS5) and on PostgreSQL (GIN on a tsvector); every test here
runs on both, so a difference between the two indexes fails one of the runs.
"""

from datetime import date

import pytest
from django.db import connection

from articles.models import Article
from articles.reading import ArticleHints
from claims import searching
from claims.models import Appearance, Claim
from claims.pipeline import ingest_article
from claims.services import edit_claim_wording, merge_claims, split_appearance
from factdesk import fulltext

ENGLISH = (
    "Ministers meet in Zürich on trade\n\n"
    "Foreign ministers of three countries met in Zürich on Sunday for 100 minutes, the "
    "ministry said. The talks covered trade and supply chains worth 300 billion dollars a year, "
    "officials said."
)
JAPANESE = (
    "日中韓外相会談、釜山で開催\n\n"
    "日本の外相は26日、釜山で中国と韓国の外相と約2時間会談したと外務省が発表した。"
)
KOREAN = (
    "한중일 외교장관 부산서 회담\n\n"
    "외교부는 26일 부산에서 한중일 외교장관 회의가 열렸다고 밝혔다. 회의는 약 2시간 진행됐다."
)
TRADITIONAL = "三國外長會談在釜山舉行\n\n三國外長26日在釜山會談約兩小時，外交部表示。"


def ingest(text: str, name: str) -> Article:
    hints = ArticleHints(collected_on=date(2023, 11, 27))
    return ingest_article(text=text, file_name=name, hints=hints).article


def articles(query: str) -> set[str]:
    return set(fulltext.matching(Article.objects.all(), query).values_list("file_name", flat=True))


def claims(query: str) -> set[int]:
    return set(searching.search(Claim.objects.active(), query).values_list("pk", flat=True))


@pytest.fixture
def desk(db):
    return {
        name: ingest(text, f"{name}.txt")
        for name, text in [
            ("en", ENGLISH),
            ("ja", JAPANESE),
            ("ko", KOREAN),
            ("zh", TRADITIONAL),
        ]
    }


def test_words_match_from_their_start_case_and_accents_aside(desk):
    assert articles("minist") == {"en.txt"}  # "ministers", "ministry"
    assert articles("ZURICH") == articles("zürich") == {"en.txt"}
    assert articles("inist") == set()  # a word's start, not any part of it
    assert articles("ministers supply") == {"en.txt"}  # every word must match
    assert articles("ministers Tokyo") == set()


def test_numbers_match_whole_in_either_width(desk):
    assert articles("１００") == articles("100") == {"en.txt"}
    assert articles("10") == set()


def test_chinese_and_japanese_words_are_found_without_spaces(desk):
    assert articles("外相") == {"ja.txt"}
    assert articles("外相会談") == {"ja.txt"}
    assert articles("釜山") == {"ja.txt", "zh.txt"}
    assert articles("釜") == {"ja.txt", "zh.txt"}  # one character: any text holding it


def test_traditional_and_simplified_chinese_find_each_other(desk):
    assert articles("会谈") == articles("會談") == {"ja.txt", "zh.txt"}
    assert articles("外长") == {"zh.txt"}


def test_korean_words_are_found_with_their_particles(desk):
    assert articles("외교부") == {"ko.txt"}  # written 외교부는
    assert articles("부산") == {"ko.txt"}  # written 부산에서


def test_punctuation_alone_finds_nothing_and_blank_finds_everything(desk):
    assert articles("%_'\";--") == set()
    assert articles("  ") == {"en.txt", "ja.txt", "ko.txt", "zh.txt"}


def test_claims_are_found_by_any_report_quote(desk):
    korean_claims = claims("외교장관")
    assert korean_claims
    assert all(
        c.event_id == desk["ko"].event_id for c in Claim.objects.filter(pk__in=korean_claims)
    )


@pytest.fixture
def two_claims(db, desk):
    """Two claims of the English event, each reported once, with words of their own."""
    article = desk["en"]
    first, second = list(Claim.objects.filter(event=article.event).order_by("pk"))[:2]
    return article, first, second


def test_merging_moves_the_absorbed_reports_words(two_claims, editor):
    article, first, second = two_claims
    assert claims("supply") == {second.pk}
    merge_claims(target=first, others=[second], editor=editor)
    assert claims("supply") == {first.pk}


def test_splitting_takes_the_report_words_with_it(two_claims, editor):
    article, first, second = two_claims
    merge_claims(target=first, others=[second], editor=editor)
    moved = Appearance.objects.get(claim=first, quote__contains="supply")
    new_claim = split_appearance(appearance=moved, editor=editor)
    assert claims("supply") == {new_claim.pk}


def test_a_new_wording_is_found_and_the_old_one_only_through_its_reports(two_claims, editor):
    article, first, second = two_claims
    first.refresh_from_db()
    edit_claim_wording(claim=first, editor=editor, text="Envoys gathered at the lakeside.")
    assert claims("lakeside") == {first.pk}
    assert first.pk in claims("Zürich")  # still in the report's quote


def test_a_second_report_adds_its_words_to_the_claim(db):
    english = ingest(ENGLISH, "en.txt")
    assert claims("Gothenburg") == set()
    later = ENGLISH.replace("for 100 minutes", "for 100 minutes, Gothenburg officials noted,")
    assert ingest(later, "en2.txt").event_id == english.event_id
    reporting = set(
        Appearance.objects.filter(quote__contains="Gothenburg").values_list("claim_id", flat=True)
    )
    assert reporting and claims("Gothenburg") == reporting
    # The claim it joined is found by either report's words.
    assert reporting <= claims("minutes")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 triggers")
def test_sqlite_index_is_rebuilt_when_a_migration_dropped_its_triggers(desk):
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER articles_article_fts_insert")
    Article.objects.filter(file_name="ko.txt").update(title="x")  # update trigger still there
    later = ingest(ENGLISH.replace("Zürich", "Geneva"), "geneva.txt")  # not indexed
    assert articles("Geneva") == set()
    fulltext.install(connection, [Article, Claim])
    assert articles("Geneva") == {later.file_name}


def test_search_counts_stop_at_the_cap_and_say_so(client, desk, monkeypatch):
    from factdesk.paging import CappedCountPaginator

    from .conftest import page, text

    Article.objects.update(held_for_review=False)
    desk["en"].event.__class__.objects.update(is_published=True)
    monkeypatch.setattr(CappedCountPaginator, "cap", 1)
    tree = page(client.get("/search/", {"q": "釜山"}))  # two articles hold it
    heading = text(tree.xpath("//h2[@id='article-results-title']")[0])
    assert heading == "More than 1 article"
    monkeypatch.setattr(CappedCountPaginator, "cap", 2)
    tree = page(client.get("/search/", {"q": "釜"}))  # another query: not the cached page
    assert text(tree.xpath("//h2[@id='article-results-title']")[0]) == "2 articles"
