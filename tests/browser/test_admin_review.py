from io import StringIO

import pytest
from django.core.management import call_command

from articles.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERNAME
from claims.models import Claim

pytestmark = pytest.mark.browser


def test_demo_editor_disputes_luna_lunc_and_sees_it_in_history(
    live_server, transactional_db, page, screenshots
):
    call_command("seed_demo", stdout=StringIO())
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", DEMO_USERNAME)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("input[type=submit]")

    page.goto(f"{live_server.url}/admin/review-queue/")
    page.get_by_role("link", name="This includes high-profile investigations").click()
    page.wait_for_selector(".fd-report-cards")
    assert page.locator(".fd-report-cards mark", has_text="LUNA").count() == 1
    assert page.locator(".fd-report-cards mark", has_text="LUNC").count() == 1
    page.screenshot(path=str(screenshots / "admin-claim-review.png"), full_page=True)

    # Each differing value gets its own decision: LUNA is wrong, LUNC is right.
    for value, status in (("LUNA", "disputed"), ("LUNC", "verified")):
        card = page.locator("fieldset.fd-value-card", has_text=value)
        card.locator(f"input[type=radio][value='{status}']").check()
    page.fill("#id_rationale", "001 names the LUNA token, 002 names LUNC in the same sentence.")
    page.get_by_role("button", name="Dispute", exact=True).click()
    page.wait_for_selector(".messagelist")

    claim = Claim.objects.get(appearances__quote__contains="LUNA")
    page.goto(f"{live_server.url}/admin/claims/claim/{claim.pk}/change/")
    history = page.locator("fieldset, .inline-group", has_text="History of decisions")
    assert "001 names the LUNA token" in history.first.inner_text()
    assert "disputed" in history.first.inner_text()
    page.screenshot(path=str(screenshots / "admin-claim-disputed.png"), full_page=True)
    claim = Claim.objects.get(appearances__quote__contains="LUNA")
    assert claim.status == "disputed"
    assert claim.reviews.get().editor.username == DEMO_USERNAME
    assert {d["value"]: d["status"] for d in claim.variant_decisions} == {
        "LUNA": "disputed",
        "LUNC": "verified",
    }
