"""The reader site in Chromium: every page type screenshotted and checked with axe-core.

axe-core (installed from the npm registry by `make test`, see package.json) must find no
serious or critical accessibility violation, in English and in Japanese,
on a desktop and on a phone.
"""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles.models import Article, Source
from claims.models import Claim
from claims.reader.sitemaps import article_path, claim_path, event_path, source_path

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def reader_pages(transactional_db) -> dict[str, str]:
    """The demo desk, and one address of each kind of reader page."""
    call_command("seed_demo", stdout=StringIO())
    disputed = Claim.objects.filter(status="disputed").first()
    luna = Claim.objects.get(appearances__quote__contains="LUNA")
    return {
        "home": reverse("public:home"),
        "event": event_path(disputed.event),
        "claim-disputed": claim_path(disputed),
        "claim-awaiting": claim_path(luna),
        "article": article_path(Article.objects.get(file_name__startswith="002")),
        "source": source_path(Source.objects.get(name="Our Bitcoin News")),
        "search": reverse("public:search") + "?q=Wang+Yi&status=",
        "search-error": reverse("public:search") + "?published_after=2024-02-01"
        "&published_before=2024-01-01",
        "not-found": "/events/not-published/",
    }


@pytest.fixture
def visit_all(serious_violations, screenshots):
    """Open each page, screenshot it and return axe's serious findings per page."""

    def visit(page, base: str, pages: dict[str, str], suffix: str) -> dict:
        found = {}
        for name, path in pages.items():
            page.goto(base + path)
            shot = screenshots / f"public-{name}-{suffix}.png"
            page.screenshot(path=str(shot), full_page=True)
            found[name] = serious_violations(page)
        return {name: v for name, v in found.items() if v}

    return visit


def test_every_reader_page_passes_axe_in_english(live_server, page, reader_pages, visit_all):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    assert visit_all(page, live_server.url, reader_pages, "en") == {}
    assert page.locator("html").get_attribute("lang") == "en"
    # Everything came from the desk itself: no CDN, font or analytics request.
    own = urlsplit(live_server.url).netloc
    assert {urlsplit(url).netloc for url in requested if url.startswith("http")} == {own}


def test_reader_switches_to_japanese_and_every_page_passes_axe(
    live_server, page, reader_pages, visit_all
):
    page.goto(live_server.url + reader_pages["home"])
    page.get_by_label("Language").select_option("ja")
    page.get_by_role("button", name="Change").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ja"
    assert page.locator("h1").inner_text() == "出来事"
    assert visit_all(page, live_server.url, reader_pages, "ja") == {}
    page.goto(live_server.url + reader_pages["event"])
    assert page.locator("#verified-title").inner_text() == "検証済み"
    assert "2023年11月26日" in page.locator("dl.facts").inner_text()


def test_pages_fit_a_phone_screen(
    live_server, browser, reader_pages, screenshots, serious_violations
):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for name in ("home", "event", "claim-disputed", "article", "search"):
            page.goto(live_server.url + reader_pages[name])
            page.screenshot(path=str(screenshots / f"public-{name}-phone.png"), full_page=True)
            # Only the charts scroll sideways, inside their own focusable box.
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, name
        page.goto(live_server.url + reader_pages["event"])
        assert serious_violations(page) == []
    finally:
        context.close()


def test_event_page_reads_without_javascript(live_server, browser, reader_pages, screenshots):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + reader_pages["event"])
        assert page.locator("#coverage svg.timeline").is_visible()
        assert page.locator("#coverage svg.agreement").is_visible()
        chart = page.locator("#coverage svg.agreement")
        assert chart.locator("text.value", has_text="LUNA").count() == 1
        assert chart.locator("text.value", has_text="LUNC").count() == 1
        page.locator("#coverage").screenshot(path=str(screenshots / "public-event-charts.png"))
    finally:
        context.close()


def test_keyboard_reader_skips_to_content_and_reaches_the_claims(live_server, page, reader_pages):
    page.goto(live_server.url + reader_pages["event"])
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()  # shown when focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused
    # The first disputed claim's link is reachable and leads to its page.
    link = page.locator("#disputed .claim-text a").first
    link.focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/claims/" in page.url
