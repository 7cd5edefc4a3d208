"""Atom feeds of decisions (site-wide and per event) and sitemap.xml."""

import xml.etree.ElementTree as ET

from django.urls import reverse

from articles.models import Source
from claims.models import Review
from claims.services import set_event_published
from claims.sitemaps import article_path, claim_path, event_path, source_path

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
    assert items[0]["title"] == f"Disputed: {decided.luna.text}"
    assert items[-1]["title"] == f"Verified: {decided.fta.text}"
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
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {loc.text for loc in root.findall("sm:url/sm:loc", SITEMAP)}


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
