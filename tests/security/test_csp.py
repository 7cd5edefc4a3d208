"""Every response carries a Content-Security-Policy that allows this host only and no
inline script; the API documentation pages get only the exception they need."""

import re

import lxml.html
import pytest
from django.urls import reverse

from articles.models import Article, Source
from claims.models import Claim, Event
from claims.reader.sitemaps import article_path, claim_path, event_path, source_path
from claims.services import set_event_published

SAME_HOST_ONLY = {"'self'", "'none'", "data:"}


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = [d.split() for d in header.split(";") if d.strip()]
    return {p[0]: p[1:] for p in parts}


@pytest.fixture
def reader_urls(seeded, editor) -> list[str]:
    for event in Event.objects.all():
        set_event_published(event=event, editor=editor, published=True)
    claim = Claim.objects.filter(appearances__quote__contains="LUNA").get()
    return [
        reverse("public:home"),
        event_path(claim.event),
        claim_path(claim),
        article_path(Article.objects.get(file_name__startswith="002")),
        source_path(Source.objects.get(name="Our Bitcoin News")),
        reverse("public:search") + "?q=LUNA",
        "/no-such-page/",
    ]


@pytest.fixture
def admin_urls(seeded, editor) -> list[str]:
    claim = Claim.objects.filter(appearances__quote__contains="LUNA").get()
    return [
        reverse("admin:index"),
        reverse("admin:claims_claim_changelist"),
        reverse("admin:claims_claim_change", args=[claim.pk]),
        reverse("admin:claims_claim_review", args=[claim.pk]),
        reverse("admin:articles_article_add"),
    ]


def assert_strict(response, url):
    found = policy(response)
    assert found["default-src"] == ["'self'"], url
    assert found["script-src"] == ["'self'"], url
    assert found["object-src"] == ["'none'"] and found["base-uri"] == ["'none'"], url
    assert found["frame-ancestors"] == ["'none'"], url
    for directive, sources in found.items():
        others = [s for s in sources if s not in SAME_HOST_ONLY and not s.startswith("'nonce-")]
        assert others == [], (url, directive, others)


def test_reader_pages_admin_pages_and_the_api_carry_a_same_host_policy(
    client, reader_urls, admin_urls, editor
):
    for url in [*reader_urls, "/api/v1/events/", "/api/v1/schema/", "/admin/login/"]:
        assert_strict(client.get(url), url)
    client.force_login(editor)
    for url in admin_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict(response, url)


def test_pages_hold_no_inline_script_style_attribute_or_event_handler(
    client, reader_urls, admin_urls, editor
):
    def check(url):
        html = client.get(url).content.decode()
        tree = lxml.html.fromstring(html)
        assert tree.xpath("//script[not(@src) and not(@type='application/ld+json')]") == [], url
        assert tree.xpath("//*[@style]") == [], url
        handlers = [a for e in tree.iter() for a in e.attrib if a.lower().startswith("on")]
        assert handlers == [], url

    for url in reader_urls:
        check(url)
    client.force_login(editor)
    for url in admin_urls:
        check(url)


def test_chart_sizes_are_styled_with_the_responses_nonce(client, reader_urls):
    event_url = reader_urls[1]
    first, second = client.get(event_url), client.get(event_url)
    nonces = []
    for response in (first, second):
        (nonce,) = [s for s in policy(response)["style-src"] if s.startswith("'nonce-")]
        styles = lxml.html.fromstring(response.content.decode()).xpath("//style")
        assert len(styles) == 2  # the coverage timeline and the agreement chart
        assert {s.get("nonce") for s in styles} == {nonce[len("'nonce-") : -1]}
        assert re.search(
            r"svg\.agreement \{ max-width: \d+px; min-width: \d+px; \}", styles[1].text
        )
        nonces.append(nonce)
    assert nonces[0] != nonces[1]
    # A page with nothing styled inline gets no nonce at all.
    assert not any(s.startswith("'nonce-") for s in policy(client.get("/"))["style-src"])


def test_swagger_ui_runs_under_the_strict_policy(client, db):
    response = client.get("/api/v1/docs/")
    assert_strict(response, "docs")
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    tree = lxml.html.fromstring(response.content.decode())
    assert tree.xpath("//script[not(@src)]") == [] and tree.xpath("//style") == []
    (startup,) = [s for s in tree.xpath("//script/@src") if "script" in s.split("?")[-1]]
    script = client.get(startup)
    assert script.status_code == 200
    assert "SwaggerUIBundle" in script.content.decode()


def test_redoc_gets_inline_styles_and_a_blob_worker_and_nothing_more(client, db):
    response = client.get("/api/v1/redoc/")
    found = policy(response)
    assert found["script-src"] == ["'self'"]
    assert found["style-src"] == ["'self'", "'unsafe-inline'"]
    assert found["worker-src"] == ["'self'", "blob:"]
    assert found["default-src"] == ["'self'"] and found["img-src"] == ["'self'", "data:"]
    tree = lxml.html.fromstring(response.content.decode())
    assert tree.xpath("//script[not(@src)]") == []
    assert all(not re.match(r"https?://", h) for h in tree.xpath("//link/@href"))
