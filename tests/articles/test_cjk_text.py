"""Japanese, Korean and Chinese text: language, page furniture, dates and sentences."""

from datetime import date

import pytest

from articles.cleaning import clean_text
from articles.dates import resolve_date
from claims.text.extraction import extract_claim_sentences, is_check_worthy
from claims.text.sentences import split_sentences
from languages.detect import detect_language, normalise_tag, to_simplified

JA_PAGE = """ニュース速報ネット
トップ > 政治 > 外交
日中韓外相会談、釜山で約2時間　協力再開で合意
2023年11月26日 18:40
（記者 山田太郎）
シェア ツイート LINE
上川陽子外相は26日、韓国・釜山で中国の王毅外相、韓国の朴振外相と約２時間会談した。
上川外相は会談後、記者団に「3カ国の協力を再び軌道に乗せる。それで一致した。」と述べた。
王毅外相は「歴史を直視し、未来に向き合うべきだ」と強調した。
関連記事
・日韓外相、釜山で会談
無断転載・複製を禁じます。
© ニュース速報ネット
"""
KO_PAGE = """홈 > 정치 > 외교
한중일 외교장관, 부산서 4년 만에 회담…정상회의 조속 개최 합의
입력 2023.11.26 18:30 수정 2023.11.26 19:05
김민지 기자 minji@example.kr
공유하기 페이스북 트위터 카카오톡
박진 외교부 장관은 지난 26일 부산에서 왕이 중국 외교부장과 약 2시간 동안 회담했다. \
박 장관은 회담 후 "3국 협력을 정상 궤도에 올리기로 했다"고 밝혔다.
관련기사
무단전재 및 재배포 금지
"""
ZH_HANT_PAGE = """首頁 > 國際 > 亞洲
中日韓外長在釜山舉行會談
2023年11月26日 20:15 來源：新聞網
記者 陳大明
11月26日，外交部長王毅在韓國釜山同日本外相、韓國外長舉行會談，會談持續約兩個小時。
王毅表示，三國應當堅持合作大方向，推動中日韓合作重回正軌。
責任編輯：李明
版權所有 未經授權不得轉載
"""


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        (JA_PAGE, "ja"),
        (KO_PAGE, "ko"),
        (ZH_HANT_PAGE, "zh-Hant"),
        (to_simplified(ZH_HANT_PAGE), "zh-Hans"),
        ("รัฐมนตรีต่างประเทศของทั้งสามประเทศได้หารือกันเป็นเวลาประมาณสองชั่วโมง", "th"),
        ("Министры иностранных дел встретились в Пусане.", "und-Cyrl"),
        ("Xi Jinping (習近平) met Yoon Suk Yeol (윤석열) in San Francisco on Wednesday.", "en"),
        ("🙂🙂 12345", "en"),
    ],
)
def test_language_is_told_from_the_script(text, tag):
    assert detect_language(text) == tag


@pytest.mark.parametrize(
    ("given", "tag"), [("zh-TW", "zh-Hant"), ("zh_CN", "zh-Hans"), ("ja-JP", "ja"), ("th", "th")]
)
def test_tags_from_manifests_and_pages_take_the_desks_spelling(given, tag):
    assert normalise_tag(given) == tag


def test_bare_zh_takes_its_script_from_the_text():
    assert normalise_tag("zh", ZH_HANT_PAGE) == "zh-Hant"


@pytest.mark.parametrize(
    ("page", "title", "author", "phrase", "furniture"),
    [
        (
            JA_PAGE,
            "日中韓外相会談、釜山で約2時間　協力再開で合意",
            "山田太郎",
            "2023年11月26日",
            ["トップ", "シェア", "関連記事", "無断転載", "©", "（記者"],
        ),
        (
            KO_PAGE,
            "한중일 외교장관, 부산서 4년 만에 회담…정상회의 조속 개최 합의",
            "김민지",
            "2023.11.26",
            ["홈 >", "입력", "공유하기", "관련기사", "무단전재", "기자"],
        ),
        (
            ZH_HANT_PAGE,
            "中日韓外長在釜山舉行會談",
            "陳大明",
            "2023年11月26日",
            ["首頁", "來源", "責任編輯", "版權所有", "記者 陳"],
        ),
    ],
)
def test_cjk_page_furniture_is_removed_and_the_title_is_never_a_breadcrumb(
    page, title, author, phrase, furniture
):
    article = clean_text(page)
    assert article.title == title
    assert article.author == author
    assert article.date_phrase == phrase
    assert [word for word in furniture if word in article.body] == []


@pytest.mark.parametrize(
    ("phrase", "reference", "expected", "precision"),
    [
        ("2023年11月26日", None, date(2023, 11, 26), "day"),
        ("２０２３年１１月２６日", None, date(2023, 11, 26), "day"),
        ("2023.11.26", None, date(2023, 11, 26), "day"),
        ("2023년 11월 26일", None, date(2023, 11, 26), "day"),
        ("2023年11月", None, date(2023, 11, 1), "month"),
        ("11월 26일", date(2023, 11, 27), date(2023, 11, 26), "day"),
        ("11月26日", date(2024, 1, 5), date(2023, 11, 26), "day"),  # never after the reference
        ("26日", date(2023, 11, 27), date(2023, 11, 26), "day"),
        ("26日", date(2023, 12, 3), date(2023, 11, 26), "day"),
        ("지난 26일", date(2023, 11, 27), date(2023, 11, 26), "day"),
        ("先週", date(2023, 12, 3), date(2023, 11, 26), "day"),
        ("3日前", date(2023, 11, 29), date(2023, 11, 26), "day"),
    ],
)
def test_cjk_dates_follow_the_english_rules(phrase, reference, expected, precision):
    resolved = resolve_date(phrase, reference)
    assert (resolved.value, resolved.precision) == (expected, precision)


@pytest.mark.parametrize("phrase", ["11月26日", "26日", "先週", "지난 26일"])
def test_cjk_dates_missing_a_year_need_a_reference(phrase):
    assert resolve_date(phrase).value is None


def test_a_cjk_date_after_the_reference_is_unknown():
    assert resolve_date("2023年11月26日", date(2023, 11, 1)).precision == "unknown"


def test_cjk_sentences_split_with_exact_offsets_and_quotes_whole():
    body = clean_text(JA_PAGE).body + "\n\n" + clean_text(KO_PAGE).body
    sentences = split_sentences(body)
    for sentence in sentences:
        assert body[sentence.start : sentence.end] == sentence.text
    texts = [s.text for s in sentences]
    quote = "「3カ国の協力を再び軌道に乗せる。それで一致した。」"
    assert f"上川外相は会談後、記者団に{quote}と述べた。" in texts
    assert "王毅外相は「歴史を直視し、未来に向き合うべきだ」と強調した。" in texts
    assert '박 장관은 회담 후 "3국 협력을 정상 궤도에 올리기로 했다"고 밝혔다.' in texts
    assert len(texts) == 5


@pytest.mark.parametrize("page", [JA_PAGE, KO_PAGE, ZH_HANT_PAGE])
def test_every_cjk_report_gives_claims(page):
    body = clean_text(page).body
    claims = extract_claim_sentences(body)
    assert len(claims) == len(split_sentences(body))


@pytest.mark.parametrize(
    "sentence",
    [
        "外交",  # a heading
        "会談は成功したのか？",  # a question
        "天気が良かった。",  # no statement, no figure
        "今日はとても寒い日だった",  # no closing stop
    ],
)
def test_cjk_headings_questions_and_fragments_are_no_claims(sentence):
    assert not is_check_worthy(sentence)


def test_full_width_digits_read_as_figures():
    assert is_check_worthy("首脳会談は１００分にわたって行われた。")


@pytest.mark.parametrize(
    "sentence",
    [
        "投票率は68.3%で、前回を下回った。",  # a percentage, no statement verb
        "올해 관광객은 작년보다 2배 늘어난 300만명이다.",  # counted people
        "该港口今年的吞吐量为一千二百万吨。",  # a CJK numeral with a unit
        "這是該隊第三次奪得冠軍。",  # an ordinal
        "大会は5年ぶりとなる。",  # years since
    ],
)
def test_a_sentence_stating_a_quantity_is_a_claim(sentence):
    assert is_check_worthy(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "13日は雨だった。",  # a date is not a quantity
        "지난 5일은 맑았다.",
        "週末はにぎわった。",
    ],
)
def test_a_date_alone_makes_no_claim(sentence):
    assert not is_check_worthy(sentence)
