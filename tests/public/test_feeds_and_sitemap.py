"""Atom feeds of decisions (site-wide and per event) and sitemap.xml."""

import xml.etree.ElementTree as ET

from django.urls import reverse

from articles.models import Source
from claims.models import Claim, Review
from claims.reader.sitemaps import ClaimSitemap, article_path, claim_path, event_path, source_path
from claims.services import set_event_published

ATOM = {"atom": "http://www.w3.org/2005/Atom"}
SITEMAP = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def entries(root) -> list[dict]:
    return [
        {
            "title": e.findtext("atom:title", namespaces=ATOM),
            "link": e.find("atom:link", ATOM).get("href"),
            "id": e.findtext("atom:id", namespaces=ATOM),
            "summary": e.findtext("atom:summary", namespaces=ATOM),
            "updated": e.findtext("atom:updated", namespaces=ATOM),
        }
        for e in root.findall("atom:entry", ATOM)
    ]


def test_site_feed_has_one_entry_per_decision_newest_first(client, decided):
    root = feed(client, reverse("public:feed"))
    assert "editorial decisions" in root.findtext("atom:title", namespaces=ATOM)
    items = entries(root)
    reviews = list(Review.objects.order_by("-created_at", "-id"))
    assert [i["link"] for i in items] == [
        f"http://testserver{claim_path(r.claim)}#review-{r.pk}" for r in reviews
    ]
    assert items[0]["title"] == f"✗ Disputed: {decided.luna.text}"
    assert items[-1]["title"] == f"✓ Verified: {decided.fta.text}"
    assert "001 names the LUNA token" in items[0]["summary"]
    assert len({i["id"] for i in items}) == len(items) == 3
    assert all(i["updated"] for i in items)


def test_event_feed_has_only_that_events_decisions(client, decided, forum, busan):
    assert len(entries(feed(client, reverse("public:event_feed", args=[busan.slug])))) == 3
    assert entries(feed(client, reverse("public:event_feed", args=[forum.slug]))) == []


def test_unpublished_event_has_no_feed_and_leaves_the_site_feed(client, decided, busan, editor):
    set_event_published(event=busan, editor=editor, published=False)
    assert client.get(reverse("public:event_feed", args=[busan.slug])).status_code == 404
    assert entries(feed(client, reverse("public:feed"))) == []


def test_pages_announce_their_feeds(client, decided, busan):
    html = client.get(event_path(busan)).content.decode()
    assert f'href="{reverse("public:event_feed", args=[busan.slug])}"' in html
    assert 'type="application/atom+xml"' in html


def sitemap_urls(client) -> set[str]:
    """Every URL of every page of every section the sitemap index lists."""
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    urls = set()
    for section in ET.fromstring(index.content).findall("sm:sitemap/sm:loc", SITEMAP):
        response = client.get(section.text.removeprefix("http://testserver"))
        assert response.status_code == 200
        urls |= {
            loc.text for loc in ET.fromstring(response.content).findall("sm:url/sm:loc", SITEMAP)
        }
    return urls


def test_sitemap_index_pages_big_sections(client, decided, published, monkeypatch):
    """No sitemap response grows with the desk: a section longer than its limit is paged."""
    monkeypatch.setattr(ClaimSitemap, "limit", 2)
    claims = Claim.objects.published().count()
    index = ET.fromstring(client.get("/sitemap.xml").content)
    pages = [
        loc.text
        for loc in index.findall("sm:sitemap/sm:loc", SITEMAP)
        if "sitemap-claims.xml" in loc.text
    ]
    assert len(pages) == -(-claims // 2) > 1
    last = client.get(pages[-1].removeprefix("http://testserver"))
    assert len(ET.fromstring(last.content).findall("sm:url", SITEMAP)) == claims - 2 * (
        len(pages) - 1
    )
    assert client.get("/sitemap-claims.xml?p=999").status_code == 404


def test_sitemap_lists_canonical_public_pages(client, decided, published):
    urls = sitemap_urls(client)
    site = "http://testserver"
    assert f"{site}/" in urls
    assert f"{site}{event_path(decided.luna.event)}" in urls
    assert f"{site}{claim_path(decided.luna)}" in urls
    assert f"{site}{article_path(published['004'])}" in urls
    assert f"{site}{source_path(Source.objects.get(name='Cryptopolitan'))}" in urls


def test_sitemap_leaves_out_unpublished_events(client, decided, published, forum, editor):
    set_event_published(event=forum, editor=editor, published=False)
    urls = sitemap_urls(client)
    assert f"http://testserver{event_path(forum)}" not in urls
    assert f"http://testserver{article_path(published['004'])}" not in urls
    assert not any(f"http://testserver{claim_path(c)}" in urls for c in forum.claims.all())
