"""Every kind of page works in Chromium under the Content-Security-Policy: the browser
reports no violation, so nothing on them is blocked."""

from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERNAME
from articles.models import Article, Source
from claims.models import Claim
from claims.reader.sitemaps import article_path, claim_path, event_path, source_path

pytestmark = pytest.mark.browser

# Runs before any page script, outside the page's policy: collects what the policy blocks.
LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => {
  window.__violations.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline'));
});
"""
# ReDoc's bundle hard-codes its maker's logo from their CDN; blocking it is the point.
REDOC_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg"


@pytest.fixture
def desk(transactional_db):
    call_command("seed_demo", stdout=StringIO())
    disputed = Claim.objects.filter(status="disputed").first()
    luna = Claim.objects.get(appearances__quote__contains="LUNA")
    return disputed, luna


@pytest.fixture
def watched(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LISTEN)
    page = context.new_page()
    console = []
    page.on("console", lambda m: console.append(m.text) if m.type == "error" else None)
    page.console_errors = console
    yield page
    context.close()


def violations(page) -> list[str]:
    page.wait_for_load_state("load")  # every script and stylesheet has been fetched or refused
    found = page.evaluate("window.__violations")
    found += [m for m in page.console_errors if "Content Security Policy" in m]
    page.console_errors.clear()
    return found


def test_reader_pages_report_no_violation(live_server, desk, watched):
    disputed, luna = desk
    pages = [
        reverse("public:home"),
        event_path(disputed.event),
        claim_path(disputed),
        claim_path(luna),
        article_path(Article.objects.get(file_name__startswith="002")),
        source_path(Source.objects.get(name="Our Bitcoin News")),
        reverse("public:search") + "?q=Wang+Yi",
        "/events/not-published/",
    ]
    found = {}
    for path in pages:
        response = watched.goto(live_server.url + path)
        assert "script-src 'self'" in response.headers["content-security-policy"]
        found[path] = violations(watched)
    assert {p: v for p, v in found.items() if v} == {}


def test_charts_take_their_size_from_the_nonce_styled_rule(live_server, desk, watched):
    disputed, _ = desk
    watched.goto(live_server.url + event_path(disputed.event))
    width = watched.locator("svg.agreement").get_attribute("width")
    min_width = watched.evaluate(
        "getComputedStyle(document.querySelector('svg.agreement')).minWidth"
    )
    assert min_width == f"{round(int(width) * 0.72)}px"
    assert violations(watched) == []


def test_admin_pages_report_no_violation(live_server, desk, watched):
    _, luna = desk
    watched.goto(live_server.url + "/admin/login/")
    assert violations(watched) == []
    watched.fill("#id_username", DEMO_USERNAME)
    watched.fill("#id_password", DEMO_PASSWORD)
    watched.click("input[type=submit]")
    found = {}
    for path in [
        reverse("admin:index"),
        reverse("admin:claims_claim_changelist") + "?has_variants__exact=1",
        reverse("admin:claims_claim_change", args=[luna.pk]),
        reverse("admin:review_queue"),
        reverse("admin:claims_claim_review", args=[luna.pk]),
        reverse("admin:articles_article_add"),
        reverse("admin:claims_event_changelist"),
    ]:
        response = watched.goto(live_server.url + path)
        assert "/admin/login/" not in watched.url
        assert "script-src 'self'" in response.headers["content-security-policy"]
        found[path] = violations(watched)
    assert {p: v for p, v in found.items() if v} == {}


def test_the_lock_out_page_reports_no_violation(live_server, transactional_db, watched):
    AccessAttempt.objects.create(
        username="ghost",
        ip_address="192.0.2.99",
        user_agent="",
        http_accept="",
        path_info="/admin/login/",
        attempt_time=timezone.now(),
        get_data="",
        post_data="",
        failures_since_start=10,
    )
    watched.goto(live_server.url + "/admin/login/")
    watched.fill("#id_username", "ghost")
    watched.fill("#id_password", "anything")
    watched.click("input[type=submit]")
    assert "Sign-in is locked" in watched.content()
    assert violations(watched) == []


def test_api_docs_work_with_only_their_narrow_exception(live_server, transactional_db, watched):
    watched.goto(live_server.url + "/api/v1/docs/")
    watched.wait_for_selector(".opblock", timeout=15000)  # Swagger UI drew the operations
    assert violations(watched) == []

    watched.goto(live_server.url + "/api/v1/redoc/")
    watched.wait_for_selector("text=/api/v1/claims/{id}/review/", timeout=15000)
    assert [v for v in violations(watched) if REDOC_LOGO not in v] == []
