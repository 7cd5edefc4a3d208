"""The event page leads with the answer, and the review queue works, at real widths."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from articles.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERNAME
from claims.models import Claim

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
TOP = "(s) => Math.round(document.querySelector(s).getBoundingClientRect().top + scrollY)"


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=StringIO())
    return Claim.objects.filter(status="disputed").first().event


@pytest.mark.parametrize("width", WIDTHS)
def test_event_page_shows_summary_then_charts_then_decisions(
    live_server, browser, demo, screenshots, width
):
    viewport = WIDTHS[width]
    context = browser.new_context(viewport=viewport, is_mobile=width == "phone")
    page = context.new_page()
    try:
        page.goto(live_server.url + demo.get_absolute_url())
        tops = {s: page.evaluate(TOP, s) for s in ("#summary", "#coverage", "#verified")}
        assert tops["#summary"] < tops["#coverage"] < tops["#verified"]
        # The charts start within the second screenful, not after every unchecked claim.
        assert tops["#coverage"] < 2 * viewport["height"], tops
        # Each summary point takes at most two lines, even on a phone.
        heights = page.eval_on_selector_all(
            "#summary .points li > a", "els => els.map(e => e.getBoundingClientRect().height)"
        )
        line = page.evaluate(
            "parseFloat(getComputedStyle(document.querySelector('#summary .points a')).lineHeight)"
        )
        assert heights and max(heights) <= 2 * line + 1
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        page.screenshot(path=str(screenshots / f"event-summary-{width}.png"), full_page=True)
        page.get_by_role("link", name="claims awaiting review").click()
        assert page.locator("li.claim-card").count() == 20
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_event_and_awaiting_pages_pass_axe(live_server, browser, demo, serious_violations, width):
    context = browser.new_context(viewport=WIDTHS[width])
    page = context.new_page()
    try:
        for path in (demo.get_absolute_url(), f"/events/{demo.slug}/awaiting-review/"):
            page.goto(live_server.url + path)
            assert serious_violations(page) == [], path
    finally:
        context.close()


def test_review_queue_and_form_at_1280(live_server, page, demo, screenshots):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    page.goto(f"{live_server.url}/admin/claims/claim/")
    page.screenshot(path=str(screenshots / "admin-queue-1280.png"))  # the first screenful
    claim_cell = page.locator("#result_list tbody .field-short_text").first.bounding_box()
    assert claim_cell["width"] >= 400  # two lines hold a claim
    table = page.locator("#result_list").bounding_box()
    filters = page.locator("#changelist-filter").bounding_box()
    assert table["x"] + table["width"] <= filters["x"] + 1  # not under the filter panel
    assert page.locator("#result_list .fd-badge").count() > 0
    assert page.locator("#result_list .fd-variant").count() > 0  # LUNA ≠ LUNC is visible
    assert page.get_by_role("link", name="My queue").count() == 1
    # The claim's page leads to the review workspace.
    page.get_by_role("link", name="This includes high-profile investigations").click()
    page.get_by_role("link", name="Verify, dispute or reopen…").click()
    page.wait_for_selector(".fd-report-cards")
    assert page.locator(".fd-report-cards mark", has_text="LUNA").count() == 1
    assert page.locator(".breadcrumbs a", has_text=re.compile(r"^Review queue$")).count() == 1
    page.get_by_label("false", exact=True).check()
    page.fill("#id_rationale", "Checked.")
    page.get_by_role("button", name="Verify", exact=True).click()
    error = page.locator("fieldset.fd-grade .errorlist")
    assert "does not go with that decision" in error.inner_text()
    page.screenshot(path=str(screenshots / "admin-review-form-1280.png"), full_page=True)
