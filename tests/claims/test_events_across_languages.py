"""A CJK report joins the event the English reports tell, by the people and place named."""

from datetime import date

from articles.reading import ArticleHints
from claims.pipeline import ingest_article
from claims.text import crosslingual

# Written for this test: a Japanese wire report of the Busan ministers' meeting. It names
# the Chinese and Korean ministers in kanji (王毅, 朴振), which Japanese reads "ō ki" and
# "boku shin"; the English seed reports say Wang Yi and Park Jin, a paragraph or two in.
JAPANESE = (
    "日中韓外相が釜山で会談　4年ぶり対面\n"
    "2023年11月26日 19:00\n\n"
    "日本、中国、韓国の3か国の外相会議が26日、韓国南部の釜山で開かれた。"
    "日本から上川陽子外相、中国から王毅外相、韓国から朴振外相が出席した。"
    "3か国の外相が顔をそろえて会談するのは約4年ぶりとなる。"
    "3氏は首脳会議の早期開催に向けて準備を加速することで一致した。"
)


def test_a_japanese_report_of_the_busan_meeting_joins_its_event(seeded):
    hints = ArticleHints(collected_on=date(2023, 11, 26))
    report = ingest_article(text=JAPANESE, file_name="ja.txt", hints=hints).article
    assert report.language == "ja"
    assert report.published_on == date(2023, 11, 26)
    assert report.event_id == seeded["000"].event_id


def test_kanji_before_an_office_are_also_read_as_said_in_china_and_korea():
    keys = crosslingual.cjk_name_keys("韓国の朴振外相と中国の王毅外相が会談した。", "ja")
    assert crosslingual.skeleton("Park Jin") in keys  # 박진, not "boku shin"


def test_a_day_or_a_month_is_no_name():
    assert not crosslingual.english_name_keys("On Monday, in November")
    assert crosslingual.english_name_keys("Sunday Park Jin") == crosslingual.english_name_keys(
        "Park Jin"
    )
