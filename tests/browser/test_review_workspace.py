"""The review workspace in Chromium: from the queue to a recorded verdict in at most
three clicks and two page loads, by keyboard alone too, axe-clean at 1280 and 390 px.

The flow before the workspace, counted the same way (Chromium, the demo desk) from the
claim list, then the queue: the claim (click 1, page 1), "Verify, dispute or reopen…"
(click 2, page 2), the decision's radio button (3), into the rationale (4), "Record
decision" (5, page 3); a grade took two more clicks (its drop-down list). From signing
in: 7 clicks and 5 page loads.

With FACTDESK_SCREENSHOTS set, the workspace's screenshots for the docs are written to
docs/images/ (review-workspace-1280.png, review-workspace-390.png).
"""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse

from articles.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERNAME
from claims import selectors
from claims.models import Claim, Review

pytestmark = pytest.mark.browser

DOCS_IMAGES = Path(django_settings.BASE_DIR) / "docs" / "images"
WIDE = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
# Every click a person makes (isTrusted), kept across the page loads of one tab.
COUNT_CLICKS = """
addEventListener("click", (event) => {
  if (!event.isTrusted) return;
  sessionStorage.setItem("fd-clicks", String(Number(sessionStorage.getItem("fd-clicks") || 0) + 1));
}, true);
"""
RATIONALE = (
    "The seed reports name two different tokens in the same sentence; the desk checked "
    "which one the investigation concerns."
)


@pytest.fixture
def desk(transactional_db, settings):
    """The demo desk, with the desk's rules on: a verdict needs 40 characters and a basis."""
    settings.FACTDESK_VERDICT_NEEDS_BASIS = True
    settings.FACTDESK_MIN_RATIONALE_CHARS = 40
    call_command("seed_demo", stdout=StringIO())


def _signed_in(browser, live_server, viewport):
    context = browser.new_context(viewport=viewport)
    context.add_init_script(COUNT_CLICKS)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")
    return context, page


class Counter:
    """Page loads of the tab (each document's load event) and the person's clicks."""

    def __init__(self, page):
        self.page = page
        self.loads = 0
        page.on("load", lambda _page: self.add_load())

    def add_load(self):
        self.loads += 1

    def reset(self):
        self.loads = 0
        self.page.evaluate("sessionStorage.setItem('fd-clicks', '0')")

    @property
    def clicks(self) -> int:
        return int(self.page.evaluate("sessionStorage.getItem('fd-clicks') || '0'"))


def press_access_key(context, page, key: str) -> None:
    """Alt+key as Chrome on Linux receives it from a keyboard. Chromium matches access
    keys on the key-down's unmodified text, which Playwright's keyboard.press leaves out
    when Alt is held."""
    cdp = context.new_cdp_session(page)
    event = {
        "modifiers": 1,  # Alt
        "key": key,
        "unmodifiedText": key,
        "code": f"Key{key.upper()}",
        "windowsVirtualKeyCode": ord(key.upper()),
    }
    cdp.send("Input.dispatchKeyEvent", {**event, "type": "rawKeyDown"})
    cdp.send("Input.dispatchKeyEvent", {**event, "type": "char", "text": key})
    cdp.send("Input.dispatchKeyEvent", {**event, "type": "keyUp"})
    cdp.detach()


def _workspace_url(live_server, claim) -> str:
    return live_server.url + reverse("admin:claims_claim_review", args=[claim.pk])


def test_from_the_queue_to_a_verdict_in_three_clicks_and_two_page_loads(live_server, browser, desk):
    context = browser.new_context(viewport=WIDE)
    context.add_init_script(COUNT_CLICKS)
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("#id_username", DEMO_USERNAME)
        page.fill("#id_password", DEMO_PASSWORD)
        count = Counter(page)
        count.reset()
        page.click("input[type=submit]")  # sign in: the admin home
        page.get_by_role("link", name="Review queue").first.click()
        page.wait_for_load_state()
        assert page.locator("h1").inner_text() == "Review queue"
        assert (count.clicks, count.loads) == (2, 2)
        queue = list(selectors.review_queue()[:2])
        count.reset()
        # 1: open the first claim of the queue.
        page.locator("table.fd-queue tbody tr").first.get_by_role("link").first.click()
        page.wait_for_load_state()
        # The rationale has the focus: type it, citing the report it rests on by its words.
        assert page.evaluate("document.activeElement.id") == "id_rationale"
        quote = page.locator(".fd-passage .fd-quote").first.inner_text()
        page.keyboard.type(f"{RATIONALE} The earliest report says “{quote[:80].strip()}”.")
        # 2: the grade. 3: the verdict, which records everything in one submit.
        page.get_by_label("false", exact=True).click()
        page.get_by_role("button", name="Dispute", exact=True).click()
        page.wait_for_load_state()
        # From the queue (the claim list before: 5 clicks, 3 page loads, and 2 more
        # clicks for a grade); from signing in, 5 and 4 (before: 7 and 5).
        assert (count.clicks, count.loads) == (3, 2)
        decided = Claim.objects.get(pk=queue[0].pk)
        assert (decided.status, decided.rating) == ("disputed", "false")
        assert Review.objects.get(claim=decided).cited_reports  # the quoted report
        # The next claim of the queue is open, with what was recorded said at the top.
        assert page.url.endswith(reverse("admin:claims_claim_review", args=[queue[1].pk]))
        assert (
            f"Claim {queue[0].pk} is now disputed (false)."
            in page.locator(".messagelist").inner_text()
        )
        # Ticking the report instead of quoting it: the rationale (it has the focus), the
        # report, the verdict.
        page.fill("#id_rationale", RATIONALE)
        count.reset()
        page.locator(".fd-cite input").first.click()
        page.get_by_role("button", name="Verify", exact=True).click()
        page.wait_for_load_state()
        assert (count.clicks, count.loads) == (2, 1)
        assert Claim.objects.get(pk=queue[1].pk).status == "verified"
    finally:
        context.close()


def test_the_three_verdicts_have_access_keys_and_errors_take_the_focus(live_server, browser, desk):
    context, page = _signed_in(browser, live_server, WIDE)
    try:
        first, second, third = selectors.review_queue()[:3]
        page.goto(live_server.url + reverse("admin:review_queue"))
        # Keyboard only: the claim's link, Enter, and the rationale is where typing goes.
        page.locator("table.fd-queue tbody a").first.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "id_rationale"
        # Enter in a one-line field records nothing.
        page.locator("#id_evidence_title").focus()
        page.keyboard.type("A title")
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        assert Claim.objects.get(pk=first.pk).status == "unreviewed"
        page.fill("#id_evidence_title", "")
        # V records a verification; with too short a rationale it is refused, and the
        # summary above the form takes the focus.
        page.fill("#id_rationale", "ok")
        press_access_key(context, page, "v")
        page.wait_for_selector("#fd-errors")
        assert page.evaluate("document.activeElement.id") == "fd-errors"
        assert "Nothing was recorded" in page.locator("#fd-errors").inner_text()
        assert page.locator("#fd-errors").get_attribute("role") == "alert"
        assert Claim.objects.get(pk=first.pk).status == "unreviewed"
        # R goes back to the rationale; D disputes, resting on a ticked report.
        press_access_key(context, page, "r")
        assert page.evaluate("document.activeElement.id") == "id_rationale"
        page.fill("#id_rationale", RATIONALE)
        page.locator(".fd-cite input").first.check()
        with page.expect_navigation():
            press_access_key(context, page, "d")
        assert Claim.objects.get(pk=first.pk).status == "disputed"
        assert page.url.endswith(reverse("admin:claims_claim_review", args=[second.pk]))
        # N dismisses as not check-worthy (no basis needed), and the next one opens.
        page.fill("#id_rationale", "An opinion, not a checkable statement.")
        with page.expect_navigation():
            press_access_key(context, page, "n")
        assert Claim.objects.get(pk=second.pk).status == "not_check_worthy"
        assert page.url.endswith(reverse("admin:claims_claim_review", args=[third.pk]))
        # The shortcuts are written on the page.
        shortcuts = page.locator("#fd-shortcuts").inner_text()
        assert "V verify, D dispute, N not check-worthy, R to the rationale" in shortcuts
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [WIDE, PHONE], ids=["1280", "390"])
def test_the_queue_and_workspace_pass_axe_and_fit_the_width(
    live_server, browser, desk, serious_violations, viewport
):
    context, page = _signed_in(browser, live_server, viewport)
    luna = Claim.objects.get(appearances__quote__contains="LUNA")
    try:
        found = {}
        for name, url in (
            ("queue", live_server.url + reverse("admin:review_queue")),
            ("workspace", _workspace_url(live_server, luna)),
        ):
            page.goto(url)
            found[name] = serious_violations(page)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth"
            )
            assert overflow <= 0, name
        # The workspace with its error summary shown, too.
        page.get_by_role("button", name="Verify", exact=True).click()
        page.wait_for_selector("#fd-errors")
        found["workspace with errors"] = serious_violations(page)
        assert {name: v for name, v in found.items() if v} == {}
        page.goto(_workspace_url(live_server, luna))
        if viewport == WIDE:
            # The reports stand beside the form, and the verdicts show on the first screen.
            reports = page.locator(".fd-reports-pane").bounding_box()
            decision = page.locator(".fd-decision-pane").bounding_box()
            assert reports["x"] + reports["width"] <= decision["x"]
            verify = page.get_by_role("button", name="Verify", exact=True).bounding_box()
            assert verify["y"] + verify["height"] <= viewport["height"]
        else:
            reports = page.locator(".fd-reports-pane").bounding_box()
            decision = page.locator(".fd-decision-pane").bounding_box()
            assert decision["y"] >= reports["y"] + reports["height"]  # one column
        if os.environ.get("FACTDESK_SCREENSHOTS"):
            DOCS_IMAGES.mkdir(parents=True, exist_ok=True)
            page.evaluate("document.activeElement.blur()")  # no caret in the picture
            page.screenshot(
                path=str(DOCS_IMAGES / f"review-workspace-{viewport['width']}.png"),
                full_page=viewport == PHONE,
            )
    finally:
        context.close()
