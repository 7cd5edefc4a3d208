"""Readers see outlets by name or headline, never by file, and every verdict's grade, in
Chromium on the demo desk; the editors' outlet and intake screens pass axe too."""

import re
from io import StringIO
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command

from articles.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERNAME
from articles.models import Article, Source
from claims.models import Claim
from claims.reader.sitemaps import claim_path, event_path
from intake.models import IntakeJob

pytestmark = pytest.mark.browser

# What readers must never see: a seed's file name ("001_533a638f6e0689a8.txt", any
# ".txt") or an article's number standing in for its outlet.
FILE_NAME_RE = re.compile(r"[\w.-]+\.txt\b")
ARTICLE_NUMBER_RE = re.compile(r"\(article \d+\)", re.IGNORECASE)
LINK_RE = re.compile(r"""(?:href|src)="([^"#]+)|"(https?://[^"]+|/api/v1/[^"]*)\"""")
# Public pages only: the admin is for desk members, static files are not pages.
NOT_PUBLIC = ("/admin/", "/static/", "/api/v1/schema", "/api/v1/docs", "/i18n/")
MAX_PAGES = 600


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=StringIO())
    return Claim.objects.filter(status="disputed").first()


def public_addresses(base: str, body: str) -> set[str]:
    found = set()
    for link, absolute in LINK_RE.findall(body):
        url = urljoin(base + "/", (link or absolute).replace("&amp;", "&"))
        parts = urlsplit(url)
        if parts.netloc == urlsplit(base).netloc and not parts.path.startswith(NOT_PUBLIC):
            found.add(parts._replace(fragment="").geturl())
    return found


def test_no_public_page_of_the_demo_names_a_file_or_an_article_number(live_server, page, demo):
    """Every page a reader or a program can reach from the home page, the feeds, the
    sitemap and the API: HTML (with its JSON-LD), Atom, XML and JSON alike."""
    base = live_server.url
    start = ["/", "/feed/", "/sitemap.xml", "/api/v1/events/", "/api/v1/articles/"]
    start += ["/api/v1/claims/?page_size=100", "/search/?q=China", "/robots.txt"]
    queue, seen, offending = [base + path for path in start], set(), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = page.request.get(url)
        if response.status != 200:
            continue
        body = response.text()
        named = [n for n in FILE_NAME_RE.findall(body) if n != "robots.txt"]
        named += ARTICLE_NUMBER_RE.findall(body)
        if named:
            offending[url] = named
        queue.extend(public_addresses(base, body) - seen)
    assert len(seen) > 60  # events, claims, articles, outlets, feeds, API pages
    assert offending == {}
    # The pages that name the unnamed outlets say so, in words, as a reader sees them.
    page.goto(base + event_path(demo.event))
    sources = page.locator("#sources").inner_text()
    assert "Unnamed outlet" in sources and "Cryptopolitan" in sources
    chart = page.locator("svg.agreement").text_content()
    assert "unnamed outlet" in chart and ".txt" not in chart


def test_the_grade_leads_on_the_claim_page_and_the_event_page(live_server, page, demo):
    page.goto(live_server.url + claim_path(demo))
    badge = page.locator(".claim-page header .badge")
    assert badge.is_visible() and badge.inner_text() == "✗ Disputed: Mostly false"
    page.goto(live_server.url + event_path(demo.event))
    card = page.locator(f"#claim-{demo.pk} .claim-status .badge")
    assert card.is_visible() and card.inner_text() == "✗ Disputed: Mostly false"
    point = page.locator(f"#summary li:has(a[href='#claim-{demo.pk}']) .point-grade")
    assert point.is_visible() and point.inner_text() == "✗ Mostly false"
    # Shape and words, not colour alone: the sign and the grade are text on the badge.
    assert page.locator("#summary .point-grade .badge-sign").first.inner_text() in {"✓", "✗"}


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")


def test_editor_names_a_new_outlet_merges_two_and_reads_a_job(
    live_server, page, demo, serious_violations, screenshots
):
    base = live_server.url
    sign_in(page, base)
    page.goto(f"{base}/admin/articles/article/add/")
    assert serious_violations(page) == []
    page.fill("#id_text", "Harbour crane falls in a storm\n\n" + PARAGRAPH)
    page.fill("#id_new_source", "Harbour Gazette")
    page.click("input[type=submit]")
    assert "New outlet “Harbour Gazette” added." in page.locator(".messagelist").inner_text()
    # The same outlet again, as a page named it by its domain: the editor merges them.
    twin = Source.objects.create(name="harbourgazette.example", domain="harbourgazette.example")
    page.goto(f"{base}/admin/articles/source/")
    page.locator("tr", has_text="Harbour Gazette").locator("input.action-select").check()
    page.locator("tr", has_text="harbourgazette.example").locator("input.action-select").check()
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")
    assert serious_violations(page) == []
    page.screenshot(path=str(screenshots / "admin-merge-outlets-1280.png"), full_page=True)
    page.get_by_label("Harbour Gazette", exact=False).first.check()
    page.fill("#id_reason", "One newspaper: its site and its name")
    page.click("input[type=submit][value=Merge]")
    assert "Merged into “Harbour Gazette”" in page.locator(".messagelist").inner_text()
    assert not Source.objects.filter(pk=twin.pk).exists()
    # A long text's job, finished: its page says what it made.
    article = Article.objects.get(source__name="Harbour Gazette")
    job = IntakeJob.objects.create(kind="text", status="done", article=article, outcome="new")
    page.goto(f"{base}/admin/intake/intakejob/{job.pk}/change/")
    made = page.locator(".field-made").inner_text()
    assert "Article: Harbour crane falls in a storm (new)" in made
    assert "Claims:" in made and "characters" not in page.locator("#content").inner_text()
    assert serious_violations(page) == []
    page.screenshot(path=str(screenshots / "admin-intake-job-1280.png"), full_page=True)


PARAGRAPH = (
    "A harbour crane collapsed at the container port on Tuesday night during a storm, "
    "the port authority said on Wednesday. No one was hurt: the night shift had left the "
    "quay an hour before it fell, the authority said."
)
