"""The labelled evaluation corpus (bench/corpus/) is consistent with its articles.

Every quote must be findable in the text a reader sees, otherwise the event and claim
grouping figures of `bench/quality.py events` would be measured against labels that
point at nothing.
"""

import json
import re
from datetime import date
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parent.parent.parent / "bench" / "corpus"
ARTICLES = CORPUS / "articles"
ARTICLE_FIELDS = set("event source domain country language collected_on url order".split())
BLOCK_TAGS = set(
    "p div li h1 h2 h3 h4 br tr section article header footer nav aside main time figcaption"
    " blockquote".split()
)
HIDDEN_TAGS = {"head", "script", "style", "template"}


class _VisibleText(HTMLParser):
    """Text a browser shows: no <head>, <script> or <style>; blocks on their own lines."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden -= 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def _squeeze(text: str) -> str:
    return re.sub(r"[ \t\r\f\v]+", " ", text)


def article_text(path: Path) -> str:
    raw = path.read_text(encoding="utf-8")
    if path.suffix == ".html":
        parser = _VisibleText()
        parser.feed(raw)
        return _squeeze("".join(parser.parts))
    return raw


@pytest.fixture(scope="module")
def labels() -> dict:
    return json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return {path.name: article_text(path) for path in sorted(ARTICLES.iterdir())}


def test_every_article_file_has_a_label_and_every_label_a_file(labels, texts):
    assert set(texts) == set(labels["articles"])
    assert all(name.endswith((".txt", ".html")) for name in texts)


def test_corpus_is_big_enough(labels):
    assert len(labels["articles"]) >= 36
    assert len(labels["events"]) >= 10
    assert {a["event"] for a in labels["articles"].values()} == set(labels["events"])


def test_article_labels_are_complete(labels):
    for name, article in labels["articles"].items():
        assert set(article) >= ARTICLE_FIELDS, name
        assert article["event"] in labels["events"], name
        assert article["url"].startswith("https://" + article["domain"] + "/"), name
        date.fromisoformat(article["collected_on"])
    orders = sorted(article["order"] for article in labels["articles"].values())
    assert orders == list(range(1, len(orders) + 1))


def test_events_have_a_title_date_and_place(labels):
    for event in labels["events"].values():
        assert event["title"] and event["place"]
        date.fromisoformat(event["date"])


def test_every_quote_is_exact_text_of_its_article(labels, texts):
    missing = [
        (claim_id, name, quote)
        for claim_id, claim in labels["claims"].items()
        for name, quote in claim["quotes"]
        if quote not in texts.get(name, "")
    ]
    assert missing == []


def test_every_quote_has_one_position_in_its_article(labels, texts):
    ambiguous = [
        (name, quote)
        for claim in labels["claims"].values()
        for name, quote in claim["quotes"]
        if texts[name].count(quote) > 1
    ]
    assert ambiguous == []


def test_previews_come_first_and_are_collected_before_their_event(labels):
    for event_id, event in labels["events"].items():
        reports = [a for a in labels["articles"].values() if a["event"] == event_id]
        previews = [a for a in reports if a.get("kind") == "preview"]
        others = [a for a in reports if a.get("kind") != "preview"]
        for preview in previews:
            assert preview["collected_on"] <= event["date"], event_id
            assert all(preview["order"] < other["order"] for other in others), event_id
        for other in others:
            assert other["collected_on"] >= event["date"], event_id


def test_claims_quote_only_articles_of_their_event(labels):
    for claim_id, claim in labels["claims"].items():
        assert claim["quotes"], claim_id
        assert claim["event"] in labels["events"], claim_id
        for name, _quote in claim["quotes"]:
            assert labels["articles"][name]["event"] == claim["event"], (claim_id, name)


def test_a_passage_belongs_to_one_claim_only(labels, texts):
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for claim_id, claim in labels["claims"].items():
        for name, quote in claim["quotes"]:
            start = texts[name].find(quote)
            spans.setdefault(name, []).append((start, start + len(quote), claim_id))
    for name, found in spans.items():
        found.sort()
        for (_s1, end1, first), (start2, _e2, second) in pairwise(found):
            assert end1 <= start2, (name, first, second)


def test_every_article_states_at_least_one_labelled_claim(labels):
    quoted = {name for claim in labels["claims"].values() for name, _quote in claim["quotes"]}
    linked = {link["article"] for link in labels.get("links", [])}
    assert quoted | linked == set(labels["articles"])


def test_cross_language_links_quote_their_article_and_an_english_claim_of_its_event(labels, texts):
    for link in labels["links"]:
        article = labels["articles"][link["article"]]
        claim = labels["claims"][link["claim"]]
        assert article["language"] != "en"
        assert claim["event"] == article["event"]
        assert {labels["articles"][name]["language"] for name, _q in claim["quotes"]} == {"en"}
        assert texts[link["article"]].count(link["quote"]) == 1
