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
            "zh-Hans",
        ),
        ("The foreign ministers met in Busan, South Korea, on Sunday.", "en"),
    ],
)
def test_detect_language_tells_the_desk_languages_apart(text, language):
    assert detect_language(text) == language


PAGE_TOP = {
    "breadcrumb": "Home > World > Asia",
    "slash breadcrumb": "Home / News",
    "menu": "News | World | Business | Opinion | Sport",
    "skip link": "Skip to content",
    "section label": "WORLD NEWS",
    "masthead in capitals": "HARBOUR LEDGER",
    "press-release banner": "FOR IMMEDIATE RELEASE",
    "cookie notice": "We use cookies to improve your experience. By continuing to browse you agree"
    " to our use of cookies. Manage preferences | Accept all",
    "newsletter box": "Get the Morning Brief newsletter in your inbox every day",
}
HEADLINE = "Harbour city council approves new ferry terminal after long debate"
STORY = (
    "The city council of Port Alder voted 7-2 on Tuesday to build a ferry terminal on the "
    "old cannery site, Mayor Ruth Okoye said.\n\n"
    "Construction is due to start in March and cost 42 million dollars, the council said."
)


@pytest.mark.parametrize("furniture", PAGE_TOP.values(), ids=PAGE_TOP.keys())
def test_furniture_above_the_headline_is_neither_title_nor_body(furniture):
    article = clean_text(f"{furniture}\n\n{HEADLINE}\n\n{STORY}\n")
    assert article.title == HEADLINE
    assert furniture not in article.body
    assert article.body.startswith("The city council of Port Alder")


def test_a_page_top_full_of_furniture_keeps_headline_byline_and_date():
    article = clean_text(
        "Skip to main content\nHan River Herald\nHome > Politics > Diplomacy\n\n"
        f"ANALYSIS\n{HEADLINE}\n\n"
        "Posted : 2024-05-25 17:40 | Updated : 2024-05-25 21:05\n"
        "By Kang Min-ji, Diplomatic Correspondent\n"
        "Share: Facebook | X | KakaoTalk | Copy link\n"
        "4 minute read\n\n"
        f"{STORY}\n\nAdvertisement\n\n"
        "The terminal will replace a pier that storms damaged in 2021, the council said.\n"
    )
    assert article.title == HEADLINE
    assert article.author == "Kang Min-ji"
    assert article.date_phrase == "2024-05-25"
    for furniture in ("Han River Herald", "Home >", "ANALYSIS", "Posted", "Share", "minute read"):
        assert furniture not in article.body
    assert "Advertisement" not in article.body
    assert article.body.endswith("the council said.")


@pytest.mark.parametrize(
    "line",
    [
        "Published: 8:31pm, 27 May 2024",
        "Tue 28 May 2024 at 5:10am AEST",
        "May 27, 2024 6:52 PM GMT+9",
        "Published May 27, 2024 at 7:40 a.m. EDT | Updated May 27, 2024 at 9:00 a.m. EDT",
        "Wednesday 29 May 2024 06:00 BST",
    ],
)
def test_timestamp_lines_are_the_date_not_the_body(line):
    article = clean_text(f"{HEADLINE}\n{line}\n\n{STORY}\n")
    assert article.date_phrase and article.date_phrase in line
    assert not article.body.startswith(line[:10])


def test_short_headline_under_a_menu_line_is_the_title():
    article = clean_text("Daybreak Briefing | World in brief\n\nFerry plan passes\n\n" + STORY)
    assert article.title == "Ferry plan passes"


def test_masthead_repeated_in_the_footer_is_not_the_title():
    article = clean_text(
        f"The Harbour City Evening Ledger\n\n{HEADLINE}\n\n{STORY}\n\n"
        "The terminal will replace a pier that storms damaged in 2021, the council said.\n\n"
        "Copyright 2024 The Harbour City Evening Ledger Ltd. All rights reserved.\n"
    )
    assert article.title == HEADLINE


@pytest.mark.parametrize(
    "tail",
    [
        "Related stories\n- Ferry fares to rise in April\n- Cannery site sold in 2019",
        "More from World\n- Floods close mountain road",
        "Sign up to First Edition, our free daily newsletter. Enter your email | Sign up",
        "(Reporting by Ana Silva; Editing by Tom Reyes)\nOur Standards: The Trust Principles.",
        "© 2024 Harbour Ledger. Harbour Ledger is an independent daily published in Port Alder.",
        "Most read\n1. Heatwave warning extended\n2. Review: a bleak new staging of Macbeth",
    ],
)
def test_lists_credits_and_copyright_after_the_story_are_cut(tail):
    article = clean_text(f"{HEADLINE}\n\n{STORY}\n\n{tail}\n")
    assert article.body == STORY


def test_a_prose_first_paragraph_still_gives_its_first_sentence_as_title():
    article = clean_text(f"WORLD NEWS\n\n{STORY}")
    assert article.title.startswith("The city council of Port Alder voted 7-2")
    assert article.body == STORY
