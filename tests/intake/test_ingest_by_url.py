"""An article by URL: fetched, extracted, kept as a snapshot; re-fetching is safe."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Article
from claims.models import Appearance
from intake.models import PageSnapshot
from intake.services import ingest_url

from .conftest import SEEDS, article_html

pytestmark = pytest.mark.django_db
SEED = "003_98a10de63b462da8.txt"


def test_a_page_by_url_becomes_an_article_with_its_snapshot(site):
    url = site.page("/world/meeting", article_html(SEED))
    result = ingest_url(url=url)
    article = result.article
    assert result.outcome == "new"
    assert article.url == url
    assert article.source.name == "Harbour Courier"
    assert article.author == "Dana Whitfield"
    assert article.appearances.exists()
    snapshot = article.snapshots.get()
    assert snapshot.revision == 1
    assert snapshot.final_url == url
    assert snapshot.html == article_html(SEED).decode()
    assert snapshot.fetched_at is not None


def test_the_final_address_after_redirects_is_kept(site):
    site.page("/news/2023/meeting", article_html(SEED))
    short = site.redirect("/s/1", "/news/2023/meeting", status=301)
    article = ingest_url(url=short).article
    assert article.url == site.url("/news/2023/meeting")
    assert article.snapshots.get().url == short


def test_fetching_an_unchanged_page_again_changes_nothing(site):
    url = site.page("/world/meeting", article_html(SEED))
    first = ingest_url(url=url)
    counts = (Article.objects.count(), Appearance.objects.count(), PageSnapshot.objects.count())
    again = ingest_url(url=url)
    assert again.outcome == "unchanged"
    assert again.article == first.article
    after = (Article.objects.count(), Appearance.objects.count(), PageSnapshot.objects.count())
    assert after == counts


def test_a_changed_page_is_a_new_revision_and_old_quotes_still_resolve(site):
    url = site.page("/world/meeting", article_html(SEED))
    article = ingest_url(url=url).article
    quotes = {a.pk: a.quote for a in article.appearances.all()}
    site.page("/world/meeting", article_html(SEED, extra="Correction: the meeting ran late."))
    result = ingest_url(url=url)
    assert result.outcome == "new revision"
    assert result.article == article
    assert Article.objects.count() == 1
    assert list(article.snapshots.values_list("revision", flat=True)) == [1, 2]
    assert "Correction" in article.snapshots.get(revision=2).main_text
    article.refresh_from_db()
    for appearance in article.appearances.all():
        assert article.body[appearance.start : appearance.end] == quotes[appearance.pk]


def test_the_command_takes_urls_mixed_with_files_and_folders(site, tmp_path):
    url = site.page("/world/meeting", article_html(SEED))
    (tmp_path / "other.txt").write_text((SEEDS / "004_b261335234301b8b.txt").read_text())
    out, err = StringIO(), StringIO()
    call_command("ingest", url, str(tmp_path), stdout=out, stderr=err)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith(f"[1/2] {url}: new, event")
    assert lines[1].startswith("[2/2] other.txt: new, event")
    assert lines[-1] == "Done: 2 new, 0 unchanged, 0 failed."
    out = StringIO()
    call_command("ingest", url, stdout=out, stderr=err)
    assert "[1/1] " + url + ": unchanged" in out.getvalue()


def test_ingest_of_many_files_shows_a_progress_bar_with_rate_and_eta(seeds_dir):
    out, err = StringIO(), StringIO()
    call_command("ingest", str(seeds_dir), "--progress", stdout=out, stderr=err)
    bar = err.getvalue()
    assert "5/5" in bar
    assert "article/s" in bar  # the rate
    assert "<" in bar  # elapsed<remaining
    assert out.getvalue().splitlines()[-1] == "Done: 5 new, 0 unchanged, 0 failed."
