"""A report that arrives after a decision sends the claim back to the editors."""

from django.urls import reverse

from claims.models import Claim
from claims.pipeline import ingest_article
from claims.reopening import flag_new_reports
from claims.services import review_claim, set_event_published

FTA_QUOTE = "resume negotiations on the Japan-China-Korea FTA"
LATE_REPORT = """Trilateral ministers meet again on trade, a late report

December 20, 2023

In Busan on November 26, Chinese Foreign Minister Wang Yi said the three countries \
should resume negotiations on the Japan-China-Korea FTA as soon as possible.

The ministers met at the 10th China-Japan-ROK Foreign Ministers' Meeting in Busan.
"""


def fta_claim() -> Claim:
    return Claim.objects.active().filter(appearances__quote__contains=FTA_QUOTE).distinct().get()


def test_a_late_report_puts_the_decided_claim_back_in_the_queue(client, seeded, editor):
    claim = fta_claim()
    set_event_published(event=claim.event, editor=editor, published=True)
    review_claim(claim=claim, editor=editor, status="verified", rationale="All reports agree.")
    reports_before = claim.appearances.count()

    ingest_article(text=LATE_REPORT, file_name="late.txt", trusted=True)  # as `ingest` does

    claim = fta_claim()
    assert claim.appearances.count() == reports_before + 1
    assert claim.new_report_at is not None
    assert claim.status == "verified"  # readers keep the verdict, with a notice
    page = client.get(claim.get_absolute_url()).text
    assert "A new report came in" in page

    client.force_login(editor)
    queue = client.get(reverse("admin:claims_claim_changelist"), {"new_report": "yes"}).text
    assert f"/admin/claims/claim/{claim.pk}/change/" in queue
    assert "new report since the decision" in queue
    change = client.get(reverse("admin:claims_claim_change", args=[claim.pk])).text
    assert change.count("fd-new-report-row") == 1  # the late article's row only

    # Confirming the verdict with the new report in view clears the mark.
    review_claim(claim=claim, editor=editor, status="verified", rationale="The late report agrees.")
    claim.refresh_from_db()
    assert claim.new_report_at is None
    assert "A new report came in" not in client.get(claim.get_absolute_url()).text


def test_only_decided_claims_are_marked(seeded, editor):
    claim = fta_claim()
    assert flag_new_reports(claim_ids=[claim.pk]) == 0  # awaiting review already
    review_claim(claim=claim, editor=editor, status="disputed", rationale="Unsupported.")
    assert flag_new_reports(claim_ids=[claim.pk]) == 1
    first = Claim.objects.get(pk=claim.pk).new_report_at
    assert flag_new_reports(claim_ids=[claim.pk]) == 0  # the earliest unseen report counts
    assert Claim.objects.get(pk=claim.pk).new_report_at == first
