"""Outlets are named as the page names itself, and never invented."""

import pytest

from articles.cleaning import clean_text
from articles.models import Article, Source
from articles.outlets import Outlet, dateline_agency, outlet_for
from articles.reading import ArticleHints
from articles.services import read_article
from claims.pipeline import ingest_article

STORY = (
    "The foreign ministers of China, Japan and South Korea met in Busan on Sunday and "
    "agreed to prepare a leaders' summit at the earliest convenient date.\n\n"
    "The ministers also discussed cooperation in science, technology and public health, "
    "officials of the three governments said after the meeting."
)
HEADLINE = "Three foreign ministers meet in Busan to prepare a summit"


def outlet_of(text: str, url: str = ""):
    return outlet_for(cues=clean_text(text).source_cues, url=url)


def html_page(*, site_name: str = "", url: str = "") -> str:
    meta = f'<meta property="og:site_name" content="{site_name}">' if site_name else ""
    canonical = f'<link rel="canonical" href="{url}">' if url else ""
    paragraphs = "".join(f"<p>{p}</p>" for p in STORY.split("\n\n"))
    return (
        f"<!DOCTYPE html><html><head><title>{HEADLINE}</title>{meta}{canonical}</head>"
        f"<body><article><h1>{HEADLINE}</h1>{paragraphs}</article></body></html>"
    )


def test_html_site_name_names_the_outlet():
    read = read_article(text=html_page(site_name="The Busan Courier"))
    assert outlet_for(cues=read.source_cues).name == "The Busan Courier"


@pytest.mark.django_db
def test_html_site_name_and_address_make_one_outlet():
    page = html_page(site_name="The Busan Courier", url="https://www.busancourier.example/a/1")
    article = ingest_article(text=page, trusted=True).article
    assert (article.source.name, article.source.domain) == (
        "The Busan Courier",
        "busancourier.example",
    )


def test_a_masthead_above_the_first_menu_names_the_outlet():
    text = f"THE KOREA HERALD\nSkip to content\nHome > World > Asia\n{HEADLINE}\n\n{STORY}"
    assert outlet_of(text).name == "THE KOREA HERALD"


def test_a_masthead_the_page_repeats_where_it_names_itself():
    text = f"Busan Courier\n{HEADLINE}\n\n{STORY}\n\nSubscribe to the Busan Courier"
    assert outlet_of(text).name == "Busan Courier"


def test_a_section_label_or_tagline_above_the_headline_is_not_a_masthead():
    label = f"World\n{HEADLINE}\n\n{STORY}\n\nMore from World"
    tagline = f"Your daily source of crypto news\nSkip to content\n{HEADLINE}\n\n{STORY}"
    assert outlet_of(label) is None
    assert outlet_of(tagline) is None


def test_by_author_for_outlet_names_the_outlet_and_keeps_the_author():
    cleaned = clean_text(f"{HEADLINE}\nBy Jane Doe for The Busan Courier\n\n{STORY}")
    assert cleaned.author == "Jane Doe"
    assert "for The Busan Courier" not in cleaned.body
    assert outlet_for(cues=cleaned.source_cues).name == "The Busan Courier"


def test_a_wire_dateline_names_the_agency():
    text = f"{HEADLINE}\n\nSEOUL, Nov 26 (Yonhap) - {STORY}"
    assert outlet_of(text).name == "Yonhap"
    assert dateline_agency("WASHINGTON (AP) — The president said on Monday.") == "AP"


@pytest.mark.parametrize(
    "opening",
    [
        "Apple (AAPL) - shares rose on Monday after the results.",  # a ticker, no dateline
        "SEOUL (Update) - the ministers met again.",  # what the item is, not who wrote it
        "The minister (Wang Yi) - said cooperation should grow.",
    ],
)
def test_a_parenthesis_that_is_not_a_dateline_names_nobody(opening):
    assert dateline_agency(opening) == ""


def test_x_reported_cites_another_outlet_and_names_nobody():
    text = f"{HEADLINE}\n\nYonhap reported that {STORY[0].lower()}{STORY[1:]}"
    assert outlet_of(text) is None


def test_the_page_address_names_the_outlet_by_its_domain():
    assert outlet_of(f"{HEADLINE}\n\n{STORY}", url="https://www.example.org/news/1") == (
        Outlet("", "example.org")
    )


def test_the_page_outranks_the_byline_it_republishes():
    text = f"{HEADLINE}\nBy Jane Doe for The Busan Courier\n\n{STORY}"
    assert outlet_of(text, url="https://news.example.net/story") == Outlet("", "news.example.net")


@pytest.mark.django_db
def test_the_manifest_or_form_name_comes_first():
    hints = ArticleHints(source="Desk Wire", url="https://www.example.org/a")
    text = f"{HEADLINE}\nBy Jane Doe for The Busan Courier\n\n{STORY}"
    article = ingest_article(text=text, hints=hints, trusted=True).article
    assert (article.source.name, article.source.domain) == ("Desk Wire", "example.org")


@pytest.mark.django_db
def test_an_outlet_named_by_its_domain_is_found_again_by_it():
    first = ingest_article(
        text=f"Ministers meet in Busan\n\n{STORY}",
        hints=ArticleHints(url="https://example.org/1"),
        trusted=True,
    ).article
    again = ingest_article(
        text=f"{HEADLINE}\n\n{STORY}", hints=ArticleHints(url="https://example.org/2"), trusted=True
    ).article
    assert first.source == again.source and first.source.name == "example.org"
    assert Source.objects.count() == 1


def test_nothing_names_the_outlet_so_none_is_invented():
    assert outlet_of(f"{HEADLINE}\n\n{STORY}") is None


def test_an_unnamed_outlet_is_shown_by_headline_never_by_file_name():
    article = Article(pk=6, title=HEADLINE, file_name="006_abc.txt")
    assert (
        article.source_label
        == "“Three foreign ministers meet in Busan to prepare…” (unnamed outlet)"
    )
    assert article.outlet_beside_title == "Unnamed outlet"  # its headline follows it
    untitled = Article(pk=6, title="", file_name="006_abc.txt")
    assert untitled.source_label == "Unnamed outlet"
    for label in (article.source_label, untitled.source_label):
        assert ".txt" not in label and "article 6" not in label
