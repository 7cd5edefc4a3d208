"""Reader pages make no third-party request and work without JavaScript."""

from urllib.parse import urlsplit

import lxml.html
import pytest
from django.urls import reverse

from articles.models import Source
from claims.reader.sitemaps import article_path, claim_path, event_path, source_path


@pytest.fixture
def urls(decided, published):
    return [
        reverse("public:home"),
        event_path(decided.luna.event),
        claim_path(decided.luna),
        article_path(published["001"]),
        source_path(Source.objects.get(name="Cryptopolitan")),
        reverse("public:search") + "?q=LUNA",
        "/no-such-page/",
    ]


def test_pages_load_nothing_from_other_sites_and_run_no_script(client, urls, settings):
    settings.DEBUG = False
    for url in urls:
        tree = lxml.html.fromstring(client.get(url).content.decode())
        loaded = tree.xpath("//link[@rel!='alternate' and @rel!='canonical']/@href")
        loaded += tree.xpath("//script/@src | //img/@src | //iframe/@src")
        assert all(not urlsplit(u).netloc for u in loaded), (url, loaded)
        scripts = tree.xpath("//script[not(@type='application/ld+json')]")
        assert scripts == [], url


def test_every_page_has_landmarks_a_title_and_one_h1(client, urls):
    for url in urls:
        tree = lxml.html.fromstring(client.get(url).content.decode())
        assert tree.xpath("//header[@class='site-header']") and tree.xpath("//main")
        assert tree.xpath("//footer") and tree.xpath("//nav[@aria-label]")
        assert len(tree.xpath("//h1")) == 1, url
        assert tree.xpath("//title/text()")[0].strip()
