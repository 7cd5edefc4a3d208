"""From raw seed text to a clean body with its headline, byline, date and outlet cues."""

import pytest

from articles.cleaning import clean_text, detect_language
from tests.seed_facts import FURNITURE as ISSUE_FURNITURE

SEEDS = ["000", "001", "002", "003", "004"]
# Besides the listed furniture, the seeds' glossary box and "most read" links.
FURNITURE = ISSUE_FURNITURE + [
    "What is Metaverse",
    "glossary",
    "Most read",
]


@pytest.fixture
def seed(seeds_dir):
    def read(prefix):
        (path,) = seeds_dir.glob(f"{prefix}_*.txt")
        return path.read_text(encoding="utf-8")

    return read


@pytest.mark.parametrize("prefix", SEEDS)
def test_no_page_furniture_left_in_body(seed, prefix):
    body = clean_text(seed(prefix)).body.lower()
    assert body
    left = [phrase for phrase in FURNITURE if phrase.lower() in body]
    assert left == []


@pytest.mark.parametrize(
    ("prefix", "sentence"),
    [
        (
            "000",
            "He stressed the urgency of revitalizing negotiations on the China-Japan-South "
            "Korea Free Trade Agreement",
        ),
        ("000", "The announcement came during the 10th China-Japan-ROK Foreign Ministers"),
        (
            "001",
            "South Korean Foreign Minister Park Jin and Japanese Foreign Minister Yoko "
            "Kamikawa also echoed",
        ),
        ("002", "In May, South Korean police shut down two alleged crypto scams"),
        ("003", "It was held in Busan, South Korea."),
        ("003", "resume negotiations on the Japan-China-Korea FTA as soon as possible"),
        ("004", "held in Tokyo, Japan, from December 3 to 5."),
        ("004", "was co-organized by China International Communications Group and Genron NPO"),
    ],
)
def test_body_keeps_the_reported_facts(seed, prefix, sentence):
    assert sentence in clean_text(seed(prefix)).body


def test_byline_and_date_lines_become_metadata(seed):
    article = clean_text(seed("001"))
    assert article.author == "Sharan Kaur Phillora"
    assert article.date_phrase == "December 6, 2023"
    assert "By Sharan Kaur Phillora" not in article.body
    assert not article.body.startswith("December 6, 2023")


def test_relative_date_line_with_view_count_is_metadata(seed):
    article = clean_text(seed("003"))
    assert article.date_phrase == "11 months ago"
    assert "11 months ago" not in article.body
    assert "73" not in article.body.split("\n\n")[0]


@pytest.mark.parametrize("prefix", ["000", "004"])
def test_title_is_the_first_line(seed, prefix):
    text = seed(prefix)
    article = clean_text(text)
    assert article.title == text.splitlines()[0].strip()
    assert not article.body.startswith(article.title)


def test_in_this_post_heading_is_not_the_body(seed):
    assert "In this post" not in clean_text(seed("000")).body


def test_disclaimer_domain_is_a_source_cue(seed):
    cues = clean_text(seed("000")).source_cues
    assert "cryptopolitan.com" in {cue.get("domain", "").lower() for cue in cues}


def test_appeared_first_on_names_the_outlet(seed):
    cues = clean_text(seed("003")).source_cues
    assert "Our Bitcoin News" in {cue.get("name") for cue in cues}


def test_article_without_furniture_has_no_source_cue(seed):
    assert clean_text(seed("004")).source_cues == []


def test_headline_only_text_has_empty_body():
    article = clean_text("Share link:\nJust a headline\n\n")
    assert article.title == "Just a headline"
    assert article.body == ""


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("日中韓外相会議が釜山で開かれ、王毅外相は協力の強化を呼びかけました。", "ja"),
        ("한중일 외교장관회의가 부산에서 열렸다. 박진 장관이 참석했다.", "ko"),
        (
            "中日韩外长会议在韩国釜山举行，中国外交部长王毅呼吁三国加强在大数据、区块链和人工智能等领域的合作。",
            "zh",
        ),
        ("The foreign ministers met in Busan, South Korea, on Sunday.", "en"),
    ],
)
def test_detect_language_tells_the_desk_languages_apart(text, language):
    assert detect_language(text) == language
