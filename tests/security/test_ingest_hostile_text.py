"""Ingestion fed random and hostile text: it ingests or refuses cleanly, nothing else.

Hypothesis writes the inputs: NUL and half surrogate pairs anywhere, invalid UTF-8,
huge lines, mixed scripts, control and bidi characters, HTML and script injection, and
hostile hints (URLs, names, codes). Whatever comes in, ingest_article either returns an
article the database holds whole, or raises IngestError and leaves every table as it
was; the pages and the API show what was stored without error.
"""

import json
import os
import re
from datetime import date

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rest_framework.test import APIClient

from articles.links import is_web_url
from articles.models import Article, Source
from articles.reading import ArticleHints, IngestError, decode_upload, utf8_size
from claims.models import Appearance, Claim, Event
from claims.pipeline import ingest_article
from claims.reader.sitemaps import article_path, event_path
from intake.models import IntakeJob

EXAMPLES = settings(
    max_examples=60,
    deadline=None,
    database=None,  # nothing written beside the project
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # each example rolls its writes back itself
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
FEWER_EXAMPLES = settings(EXAMPLES, max_examples=25)

SENTENCES = [
    "Minister Anna Berg said the talks would resume in 2025.",
    "The meeting was held in Busan on November 26, officials said.",
    "Chinese Foreign Minister Wang Yi called for talks on a free trade agreement.",
    "東京で岸田首相は記者会見を開き、新たな支援策を発表した。",
    "서울에서 박진 외교부 장관은 회담이 성공적이었다고 말했다.",
    "北京外交部长王毅在会上表示，三国应加强合作。",
    "قال وزير الخارجية إن المحادثات ستستمر الأسبوع المقبل.",
    "השר אמר כי השיחות יימשכו בשבוע הבא.",
    "Министр заявил, что переговоры продолжатся в декабре.",
]
INJECTIONS = [
    "<script>alert(document.cookie)</script>",
    '<img src=x onerror="alert(1)">',
    "<!DOCTYPE html><html><body><p>Minister Anna Berg said the talks would resume.</p>",
    "<html><head><title>x</title></head><body><script>alert(1)</script></body></html>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "{{ request.user }} {% debug %}",
    "'; DROP TABLE articles_article; --",
    "Share link:\nSubscribe to our newsletter\nDisclaimer: none",
]
CONTROLS = [chr(c) for c in [*range(1, 32), 127, *range(0x80, 0xA0)]]
BIDI = [
    "\u200e",
    "\u200f",
    "\u061c",
    *map(chr, range(0x202A, 0x202F)),
    *map(chr, range(0x2066, 0x206A)),
]
DAMAGE = ["\x00", "\ud800", "\udbff", "\udc00", "\udfff"]
SEPARATORS = ["\n", "\n\n", " ", "\r\n", "\t", "", "\u2028", "\x85"]
URLS = [
    "",
    "https://example.com/news/a?b=c#d",
    "http://例え.jp/記事",
    "javascript:alert(document.cookie)",
    " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://example.com/a.txt",
    "https://" + "a" * 1200 + ".com/",
    "https://exa mple.com/",
]

fragments = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(INJECTIONS),
    st.text(max_size=120),  # any Unicode text Hypothesis likes
    st.text(alphabet=st.sampled_from([*CONTROLS, *BIDI, *"aZ .,:"]), max_size=40),
    # A huge line: a word repeated, with no full stop.
    st.builds(
        lambda word, n: (word + " ") * n,
        st.sampled_from(["Minister", "東京", "x"]),
        st.integers(500, 8000),
    ),
)


@st.composite
def article_texts(draw) -> str:
    parts = draw(st.lists(fragments, min_size=1, max_size=10))
    text = "".join(part + draw(st.sampled_from(SEPARATORS)) for part in parts)
    if draw(st.integers(0, 3)) == 0:  # a quarter of them damaged somewhere
        position = draw(st.integers(0, len(text)))
        text = text[:position] + draw(st.sampled_from(DAMAGE)) + text[position:]
    return text


hints = st.builds(
    ArticleHints,
    source=st.one_of(
        st.just(""),
        st.sampled_from(["Example Times", "<b>Wire</b>", "‮evil"]),
        st.text(max_size=220),
    ),
    domain=st.one_of(
        st.just(""),
        st.sampled_from(["example.com", "例え.jp", "http://x.com", "a b"]),
        st.text(max_size=20),
    ),
    country=st.sampled_from(["", "GB", "JP", "1A", "G\x00"]),
    url=st.one_of(st.sampled_from(URLS), st.text(max_size=40)),
    language=st.one_of(
        st.sampled_from(["", "en", "ja", "zh-Hans", "pt-BR", "english-language", "e\x00"]),
        st.text(max_size=20),
    ),
    collected_on=st.one_of(
        st.none(), st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))
    ),
)

MODELS = (Article, Source, Event, Claim, Appearance)
SURROGATE = re.compile("[\ud800-\udfff]")


def _counts() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


class _RolledBack(Exception):
    pass


def _each_example_alone(check) -> None:
    """Run check in a transaction that is then rolled back, so examples do not pile up."""
    try:
        with transaction.atomic():
            check()
            raise _RolledBack
    except _RolledBack:
        pass


def _assert_stored_whole(article: Article) -> None:
    stored = Article.objects.get(pk=article.pk)
    for field in ("title", "author", "url", "date_phrase", "language", "body", "original_text"):
        value = getattr(stored, field)
        assert "\x00" not in value and not SURROGATE.search(value), field
    assert stored.title and stored.body.strip()
    assert stored.url == "" or is_web_url(stored.url)
    assert stored.event_id is not None
    for appearance in stored.appearances.all():
        assert stored.body[appearance.start : appearance.end] == appearance.quote


def _ingest_or_refuse(text: str, article_hints: ArticleHints | None = None, **kwargs):
    """The property: an article stored whole, or IngestError with every table unchanged."""
    before = _counts()
    try:
        result = ingest_article(text=text, hints=article_hints, **kwargs)
    except IngestError as error:
        message = str(error)
        assert message and "\n" not in message and "Traceback" not in message
        assert _counts() == before, message
        return None
    _assert_stored_whole(result.article)
    grown = _counts()["Article"] - before["Article"]
    assert grown == (1 if result.created else 0)
    return result.article


@pytest.mark.django_db
@EXAMPLES
@given(text=article_texts())
def test_any_text_is_ingested_whole_or_refused_cleanly(seeded, text):
    _each_example_alone(lambda: _ingest_or_refuse(text, file_name="hostile.txt"))


@pytest.mark.django_db
@EXAMPLES
@given(text=article_texts(), article_hints=hints)
def test_any_hints_are_kept_whole_or_refused_cleanly(text, article_hints):
    sentence_first = f"Ministers meet in Busan\n\n{SENTENCES[0]}\n\n{text}"
    _each_example_alone(lambda: _ingest_or_refuse(sentence_first, article_hints))


@st.composite
def uploads(draw) -> bytes:
    chunks = draw(
        st.lists(
            st.one_of(
                st.binary(max_size=40),
                st.sampled_from(SENTENCES).map(str.encode),
                # Kilobytes of good text, so that damage can come after the first 8 KB.
                st.integers(1, 300).map(lambda n: ((SENTENCES[0] + "\n") * n).encode()),
            ),
            min_size=1,
            max_size=8,
        )
    )
    data = b"\n".join(chunks)
    if draw(st.booleans()):
        # A NUL, a stray byte, a cut sequence, an encoded surrogate (invalid UTF-8).
        damage = draw(st.sampled_from([b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80"]))
        position = draw(st.integers(0, len(data)))
        data = data[:position] + damage + data[position:]
    return data


@pytest.mark.django_db
@EXAMPLES
@given(data=uploads())
def test_any_bytes_are_decoded_or_refused_cleanly(data):
    try:
        text = decode_upload(data, name="upload.txt")
    except IngestError as error:
        assert str(error).startswith("upload.txt: ")
        return
    _each_example_alone(lambda: _ingest_or_refuse(text, file_name="upload.txt"))


@pytest.mark.django_db
@FEWER_EXAMPLES
@given(text=article_texts())
def test_pages_and_api_show_whatever_was_stored(client, text):
    def check():
        article = _ingest_or_refuse(text)
        if article is None:
            return
        Event.objects.filter(pk=article.event_id).update(is_published=True)
        for path in (article_path(article), event_path(article.event)):
            response = client.get(path)
            assert response.status_code == 200, path
            assert "<script>alert" not in response.content.decode()
        response = client.get(f"/api/v1/articles/{article.pk}/")
        assert response.status_code == 200
        assert response.json()["url"] in (None, article.url)

    _each_example_alone(check)


@pytest.mark.django_db
@FEWER_EXAMPLES
@given(text=article_texts(), url=st.sampled_from(URLS))
# Two huge lines make a text over FACTDESK_BACKGROUND_BYTES: the background path, every run.
@example(text=("Minister " * 8000 + "\n") * 2, url="https://example.com/news/a?b=c#d")
def test_the_api_answers_201_200_202_or_400_never_500(editor, text, url):
    api = APIClient()
    api.force_authenticate(editor)

    def check():
        before = _counts()
        # json.dumps escapes what UTF-8 cannot carry (\ud800), as a client would.
        body = json.dumps({"text": text, "url": url})
        response = api.post("/api/v1/articles/", body, content_type="application/json")
        assert response.status_code in (200, 201, 202, 400), response.content[:300]
        if response.status_code == 400:
            assert set(response.json()) == {"status", "code", "detail", "errors"}
            assert _counts() == before
        if response.status_code == 202:  # a long text: queued for the worker, nothing yet
            job = IntakeJob.objects.get(pk=response.json()["id"])
            assert (job.kind, job.status) == ("text", "queued")
            assert response["Location"] == job.get_absolute_url()
            assert utf8_size(text) > django_settings.FACTDESK_BACKGROUND_BYTES
            assert _counts() == before

    _each_example_alone(check)


@pytest.mark.skipif(not os.environ.get("CI"), reason="tests/conftest.py's CI profile")
def test_under_ci_every_run_tries_the_same_examples():
    assert settings.default.derandomize
    assert EXAMPLES.derandomize and FEWER_EXAMPLES.derandomize
