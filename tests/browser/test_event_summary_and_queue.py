"""The event page leads with the answer, and the review queue works, at real widths."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models.functions import Length

from articles.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERNAME
from claims.models import Claim
from claims.services import review_claim

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
TOP = "(s) => Math.round(document.querySelector(s).getBoundingClientRect().top + scrollY)"


@pytest.fixture
def demo(transactional_db):
    call_command("seed_demo", stdout=StringIO())
    return Claim.objects.filter(status="disputed").first().event


@pytest.fixture
def editor(demo):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=DEMO_USERNAME)


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
        # Each summary point is there in full: wrapped, never cut with "…" or clamped.
        assert summary_cuts(page) == []
        texts = page.eval_on_selector_all(
            "#summary .points li > a", "els => els.map(e => e.innerText)"
        )
        assert texts and all(t.strip() and "…" not in t for t in texts)
        # The whole summary fits one screen, even a phone's.
        height = page.evaluate("document.querySelector('#summary').getBoundingClientRect().height")
        assert height <= viewport["height"], height
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0
        page.screenshot(path=str(screenshots / f"event-summary-{width}.png"), full_page=True)
        page.get_by_role("link", name="claims awaiting review").click()
        assert page.locator("li.claim-card").count() == 20
    finally:
        context.close()


# Summary points and their parts that are cut: wider or taller than their box, or set to
# end in an ellipsis or a clamp (the hidden words of screen readers aside).
CUTS = """els => els.filter(e => !e.closest('.visually-hidden')).filter(e => {
  const style = getComputedStyle(e);
  const box = style.display !== 'inline' && (e.scrollWidth > e.clientWidth + 1
    || e.scrollHeight > e.clientHeight + 1);
  return box || style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none'
    || (style.whiteSpace === 'nowrap' && e.matches('li, li > a'));
}).map(e => e.outerHTML.slice(0, 120))"""


def summary_cuts(page) -> list[str]:
    return page.eval_on_selector_all("#summary .points li, #summary .points li *", CUTS)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_longer_summary_still_fits_a_phone_uncut(live_server, browser, demo, editor, width):
    """Ten more verified claims: the summary shows what fits and links to the rest."""
    unreviewed = Claim.objects.filter(event=demo, status="unreviewed")
    for claim in unreviewed.order_by(Length("text").desc())[:10]:
        review_claim(
            claim=claim,
            editor=editor,
            status="verified",
            rating="mostly_true",
            rationale="Checked against the ministry's readout of the meeting for this test.",
            variant_decisions=[
                {"kind": v["kind"], "value": value, "status": "verified"}
                for v in claim.variants
                for value in v["values"]
            ],
        )
    viewport = WIDTHS[width]
    context = browser.new_context(viewport=viewport, is_mobile=width == "phone")
    page = context.new_page()
    try:
        page.goto(live_server.url + demo.get_absolute_url())
        assert summary_cuts(page) == []
        height = page.evaluate("document.querySelector('#summary').getBoundingClientRect().height")
        assert height <= WIDTHS["phone"]["height"], height
        assert page.locator("#summary .more-link").count() >= 1  # the rest, one click away
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
