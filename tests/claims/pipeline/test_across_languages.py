"""Japanese, Korean and Chinese reports: stored with their language, put in the event
the English reports tell, their claims linked to the English ones they restate."""

from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Article
from articles.reading import ArticleHints
from claims.models import ClaimLink
from claims.pipeline import ingest_article
from claims.text import claim_links, crosslingual

CORPUS = Path(__file__).resolve().parents[3] / "bench" / "corpus" / "articles"


def ingest(name: str, collected_on: date, language: str = ""):
    hints = ArticleHints(collected_on=collected_on, language=language)
    text = (CORPUS / name).read_text(encoding="utf-8")
    return ingest_article(text=text, file_name=name, hints=hints).article


THAI = (
    "รัฐมนตรีต่างประเทศจีน ญี่ปุ่น และเกาหลีใต้ พบกันที่ปูซาน\n\n"
    "รัฐมนตรีต่างประเทศของทั้งสามประเทศได้หารือกันเป็นเวลาประมาณสองชั่วโมง เมื่อวันที่ 26 พฤศจิกายน"
)


@pytest.mark.django_db
def test_an_unsupported_language_is_stored_with_no_claims_and_the_ingest_line_says_so(tmp_path):
    (tmp_path / "thai.txt").write_text(THAI, encoding="utf-8")
    out = StringIO()
    call_command("ingest", str(tmp_path), stdout=out)
    article = Article.objects.get()
    assert article.language == "th"
    assert article.appearances.count() == 0
    assert "0 claims (language th is not one the desk reads claims in)" in out.getvalue()


@pytest.mark.django_db
def test_a_manifest_tag_is_stored_in_the_desks_spelling():
    article = ingest("huaxia-news-01.txt", date(2023, 11, 26), language="zh-CN")
    assert article.language == "zh-Hans"
    assert (article.published_on, article.date_precision) == (date(2023, 11, 26), "day")
    assert article.appearances.count() >= 1


@pytest.mark.django_db
def test_mixed_scripts_emoji_and_full_width_digits_are_ingested():
    text = (
        "外相会談 🙂\n\n"
        "ＡＢＣ通信によると、上川外相は２６日、王毅外相と１００分間会談したと述べた。🙂"
    )
    article = ingest_article(text=text, file_name="mixed.txt").article
    assert article.language == "ja"
    assert article.appearances.count() == 1


@pytest.mark.django_db
def test_cjk_reports_join_the_english_event_and_their_claims_are_linked():
    ingest("han-river-herald-03.txt", date(2023, 11, 26))
    english = ingest("meridian-wire-07.txt", date(2023, 11, 26))
    japanese = ingest("sakura-shimbun-01.txt", date(2023, 11, 26))
    korean = ingest("hangang-ilbo-01.txt", date(2023, 11, 26))
    assert {japanese.event_id, korean.event_id} == {english.event_id}
    assert (japanese.language, korean.language) == ("ja", "ko")
    links = ClaimLink.objects.filter(claim__event=english.event)
    assert links.exists()
    for link in links:
        assert link.claim.appearances.first().article.language != "en"
        assert link.same_as.appearances.filter(article=english).exists()


@pytest.mark.django_db
def test_a_cjk_only_event_gathers_its_reports_and_stays_apart_from_english_ones():
    english = ingest("meridian-wire-07.txt", date(2023, 11, 26))
    japanese = ingest("sakura-shimbun-05.txt", date(2024, 11, 20))
    chinese = ingest("formosa-daily-04.txt", date(2024, 11, 21))
    assert japanese.event_id == chinese.event_id != english.event_id


def test_names_read_aloud_meet_across_scripts():
    english = crosslingual.english_name_keys("South Korea's Park Jin met Yoon Suk Yeol.")
    assert crosslingual.skeleton("bagjin") in english  # 박진
    korean = crosslingual.cjk_name_keys("박진 장관과 윤석열 대통령", "ko")
    assert {"pkcn", "nskl"} <= korean & english


def test_figures_read_in_words_numerals_and_full_width_digits():
    assert crosslingual.figures("two-hour talks") == {2.0}
    assert crosslingual.figures("約２時間、第九次") >= {2.0, 9.0}


def test_a_link_needs_telling_anchors_and_a_clear_winner():
    english = [
        (1, "Park Jin met Wang Yi for two hours in Busan on November 26."),
        (2, "Turnout was 71.86%, lower than 74.9% four years ago."),
    ]
    cjk = [(10, "投票率は71.86%で、前回の74.9%を下回った。", "ja"), (11, "天気が良かった。", "ja")]
    links = claim_links.best_links(cjk, english)
    assert [(c, e) for c, e, _score, _sure in links] == [(10, 2)]
