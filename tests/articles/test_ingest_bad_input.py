"""What the desk does with files that are not articles, and with the same article twice."""

import json
import os
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Article, Source
from articles.services import IngestError, decode_upload
from claims.models import Appearance, Claim, Event, Review
from claims.pipeline import ingest_article

SAMPLE_NAME = "004_b261335234301b8b.txt"

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Ministers Meet in Busan on Trade Talks</title>
  <meta name="author" content="Jane Doe">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a></nav>
  <article>
    <h1>Ministers Meet in Busan on Trade Talks</h1>
    <p>The foreign ministers of China, Japan and South Korea met in Busan on Sunday
    to discuss regional cooperation in science and technology.</p>
    <p>Chinese Foreign Minister Wang Yi called for negotiations on a trilateral free
    trade agreement to resume as soon as possible.</p>
    <p>South Korean Foreign Minister Park Jin and Japanese Foreign Minister Yoko Kamikawa
    agreed to prepare a summit of the three countries' leaders.</p>
    <p>It was the first face-to-face meeting of the three foreign ministers in four years,
    and officials said the talks in Busan lasted more than two hours.</p>
  </article>
  <footer>Copyright Example Times</footer>
</body>
</html>
"""


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (Source, Article, Event, Claim, Appearance, Review)
    }


def _nothing_stored():
    return {name: n for name, n in _counts().items() if n}


def _ingest(*paths):
    """Run the command; return (stdout, stderr, exit code)."""
    out, err = StringIO(), StringIO()
    code = 0
    try:
        call_command("ingest", *map(str, paths), stdout=out, stderr=err)
    except SystemExit as exit_:
        code = exit_.code
    return out.getvalue(), err.getvalue(), code


def _error_lines(stderr):
    return [line for line in stderr.splitlines() if line.strip()]


@pytest.fixture
def sample_text(seeds_dir):
    return (seeds_dir / SAMPLE_NAME).read_text(encoding="utf-8")


@pytest.fixture
def good_file(tmp_path, sample_text):
    path = tmp_path / "good.txt"
    path.write_text(sample_text, encoding="utf-8")
    return path


def _assert_rejected(path, *, mentions=""):
    out, err, code = _ingest(path)
    assert code == 1
    lines = _error_lines(err)
    assert len(lines) == 1, err
    assert path.name in lines[0]
    assert mentions.lower() in lines[0].lower()
    assert "Done: 0 new, 0 unchanged, 1 failed." in out
    assert _nothing_stored() == {}


# --- bad files through the command ------------------------------------------------


@pytest.mark.django_db
def test_empty_file_is_refused_by_name(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    _assert_rejected(path, mentions="empty")


@pytest.mark.django_db
def test_whitespace_only_file_is_refused_as_empty(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_bytes(b"  \n\t\r\n   \n")
    _assert_rejected(path, mentions="empty")


@pytest.mark.django_db
def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20)
    _assert_rejected(path, mentions="binary")


@pytest.mark.django_db
def test_latin1_file_is_refused_with_utf8_hint(tmp_path):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\u00e9 owners in Lyon met the mayor on Monday.\n".encode("latin-1") * 5)
    _assert_rejected(path, mentions="UTF-8")


@pytest.mark.django_db
def test_file_over_size_limit_is_refused(tmp_path, good_file, settings):
    settings.FACTDESK_MAX_ARTICLE_BYTES = 100
    _assert_rejected(good_file, mentions="limit")


@pytest.mark.django_db
def test_missing_path_is_refused_by_name(tmp_path):
    _assert_rejected(tmp_path / "no-such-article.txt", mentions="cannot read")


@pytest.mark.django_db
@pytest.mark.skipif(os.geteuid() == 0, reason="root can read a chmod 000 file")
def test_unreadable_file_is_refused_by_name(good_file):
    good_file.chmod(0)
    try:
        _assert_rejected(good_file, mentions="cannot read")
    finally:
        good_file.chmod(0o644)


@pytest.mark.django_db
def test_folder_without_text_files_is_a_command_error(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    with pytest.raises(CommandError, match="No text or HTML files found"):
        call_command("ingest", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    assert _nothing_stored() == {}


@pytest.mark.django_db
def test_html_page_without_text_is_refused(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text(
        "<!DOCTYPE html><html><head><title></title></head>"
        "<body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>",
        encoding="utf-8",
    )
    _assert_rejected(path, mentions="no article text")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "manifest",
    [
        '{"a.txt": {"source": "Example',
        '["a.txt"]',
        '{"a.txt": {"collected_on": "1 Nov 2024"}}',
    ],
)
def test_broken_manifest_fails_the_files_beside_it(tmp_path, sample_text, manifest):
    (tmp_path / "a.txt").write_text(sample_text, encoding="utf-8")
    (tmp_path / "manifest.json").write_text(manifest, encoding="utf-8")
    out, err, code = _ingest(tmp_path)
    assert code == 1
    lines = _error_lines(err)
    assert len(lines) == 1, err
    assert "a.txt" in lines[0] and "manifest" in lines[0]
    assert "Done: 0 new, 0 unchanged, 1 failed." in out
    assert _nothing_stored() == {}


@pytest.mark.django_db
def test_folder_mixing_good_and_bad_keeps_the_good_one(tmp_path, sample_text):
    (tmp_path / "a_good.txt").write_text(sample_text, encoding="utf-8")
    (tmp_path / "b_bad.txt").write_bytes(b"caf\xe9 au lait, s'il vous pla\xeet\n")
    out, err, code = _ingest(tmp_path)
    assert code == 1
    assert "Done: 1 new, 0 unchanged, 1 failed." in out
    lines = _error_lines(err)
    assert len(lines) == 1 and "b_bad.txt" in lines[0]
    assert list(Article.objects.values_list("file_name", flat=True)) == ["a_good.txt"]
    article = Article.objects.get()
    assert article.appearances.exists()


@pytest.mark.django_db
def test_bad_file_after_good_one_changes_nothing_stored(tmp_path, good_file):
    _ingest(good_file)
    before = _counts()
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02binary")
    _, err, code = _ingest(bad)
    assert code == 1 and "bad.txt" in err
    assert _counts() == before


# --- the service functions --------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b" \n\t \n", "empty"),
        (b"abc\x00def", "binary"),
        (b"caf\xe9 in Paris", "UTF-8"),
    ],
)
def test_decode_upload_refuses_non_text_naming_the_file(data, message):
    with pytest.raises(IngestError, match=message) as raised:
        decode_upload(data, name="upload.txt")
    assert str(raised.value).startswith("upload.txt:")
    assert "\n" not in str(raised.value)


def test_decode_upload_refuses_oversize_upload(settings):
    settings.FACTDESK_MAX_ARTICLE_BYTES = 10
    with pytest.raises(IngestError, match="upload.txt: .*limit"):
        decode_upload(b"x" * 11, name="upload.txt")


def test_decode_upload_accepts_utf8_with_bom():
    assert decode_upload("\ufeffCaf\u00e9 news".encode(), name="u.txt") == "Caf\u00e9 news"


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["", "   \n\n  ", "Share link:\nSubscribe to our newsletter\n"])
def test_ingest_article_refuses_text_with_nothing_left(text):
    with pytest.raises(IngestError, match="pasted.txt"):
        ingest_article(text=text, file_name="pasted.txt")
    assert _nothing_stored() == {}


@pytest.mark.django_db
def test_ingest_article_refuses_html_without_text():
    with pytest.raises(IngestError, match="page.html: HTML page has no article text"):
        ingest_article(text="<html><body><p></p></body></html>", file_name="page.html")
    assert _nothing_stored() == {}


# --- the same article twice -------------------------------------------------------


@pytest.mark.django_db
def test_same_file_twice_is_unchanged_the_second_time(good_file):
    out, _, code = _ingest(good_file)
    assert code == 0 and "Done: 1 new, 0 unchanged, 0 failed." in out
    after_first = _counts()
    out, err, code = _ingest(good_file)
    assert code == 0 and err == ""
    assert "good.txt: unchanged" in out
    assert "Done: 0 new, 1 unchanged, 0 failed." in out
    assert _counts() == after_first


@pytest.mark.django_db
def test_same_text_with_extra_furniture_is_unchanged(tmp_path, good_file, sample_text):
    _ingest(good_file)
    after_first = _counts()
    headline, rest = sample_text.split("\n", 1)
    dressed = tmp_path / "dressed.txt"
    dressed.write_text(
        f"Skip to main content\n\n{headline}\nShare link:\n\n{rest}\n\nAdvertisement\n",
        encoding="utf-8",
    )
    out, _, code = _ingest(dressed)
    assert code == 0
    assert "dressed.txt: unchanged" in out
    assert _counts() == after_first


# --- manifest and HTML ------------------------------------------------------------


def _dated_article(sample_text):
    headline, rest = sample_text.split("\n", 1)
    return f"{headline}\n\n11 months ago\n\n{rest}"


@pytest.mark.django_db
def test_manifest_gives_source_and_dates_a_relative_phrase(tmp_path, sample_text):
    (tmp_path / "a.txt").write_text(_dated_article(sample_text), encoding="utf-8")
    manifest = {
        "a.txt": {
            "source": "Example Times",
            "domain": "example.com",
            "collected_on": "2024-11-01",
            "url": "https://example.com/a",
        }
    }
    (tmp_path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    _, err, code = _ingest(tmp_path)
    assert code == 0, err
    article = Article.objects.get()
    assert article.source.name == "Example Times"
    assert article.source.domain == "example.com"
    assert article.url == "https://example.com/a"
    assert article.published_on == date(2023, 12, 1)
    assert article.date_precision == "month"
    assert article.date_phrase == "11 months ago"


@pytest.mark.django_db
def test_without_manifest_relative_date_and_source_stay_unknown(tmp_path, sample_text):
    (tmp_path / "a.txt").write_text(_dated_article(sample_text), encoding="utf-8")
    out, err, code = _ingest(tmp_path)
    assert code == 0, err
    article = Article.objects.get()
    assert article.source is None
    assert "(unnamed outlet)" in out
    assert article.published_on is None
    assert article.date_precision == "unknown"
    assert article.date_phrase == "11 months ago"


@pytest.mark.django_db
def test_html_page_is_ingested_as_clean_text(tmp_path):
    path = tmp_path / "busan.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    _, err, code = _ingest(path)
    assert code == 0, err
    article = Article.objects.get()
    assert article.title == "Ministers Meet in Busan on Trade Talks"
    assert article.author == "Jane Doe"
    assert "Chinese Foreign Minister Wang Yi called for negotiations" in article.body
    assert "<" not in article.body and ">" not in article.body
    assert "Home" not in article.body
    assert article.original_text == HTML_PAGE


@pytest.mark.django_db
def test_html_page_takes_its_published_date_from_metadata(tmp_path):
    page = HTML_PAGE.replace(
        "</head>",
        '  <meta property="article:published_time" content="2023-12-06T09:00:00+00:00">\n</head>',
    )
    path = tmp_path / "dated.html"
    path.write_text(page, encoding="utf-8")
    _, err, code = _ingest(path)
    assert code == 0, err
    article = Article.objects.get()
    assert article.published_on == date(2023, 12, 6)
    assert article.date_precision == "day"
