"""A claim's permalink: its status and why, evidence, every report in context, history."""

import pytest
from django.urls import reverse

from articles.models import Article
from claims.reader.sitemaps import article_path, claim_path
from claims.services import (
    edit_claim_wording,
    merge_claims,
    review_claim,
    set_event_published,
)

from .conftest import claim_quoting, page, text


def test_claim_page_shows_status_rationale_and_evidence(client, decided):
    tree = page(client.get(claim_path(decided.fta)))
    assert text(tree.xpath("//h1")[0]) == decided.fta.text
    assert text(tree.xpath("//header//span[contains(@class, 'badge')]")[0]) == "✓ Verified"
    assert "Wang Yi called for resuming the FTA talks" in text(
        tree.xpath("//section[@class='rationale-box']")[0]
    )
    (evidence,) = tree.xpath("//ul[@class='evidence']/li")
    assert "Supports the claim" in text(evidence)
    assert evidence.xpath(".//a/@href") == ["https://example.org/mofa-readout"]


def test_the_reports_a_verdict_rests_on_are_listed_with_it(client, decided, editor):
    fta = decided.fta  # verified on an evidence link, with no report cited
    reports = list(
        Article.objects.filter(appearances__claim=fta).select_related("source").order_by("pk")
    )
    cited = [reports[-1], reports[0]]
    review_claim(
        claim=fta,
        editor=editor,
        status="disputed",
        rationale="These two reports have Wang Yi asking only to study the FTA, not resume it.",
        cited_reports=[article.pk for article in cited],
    )
    tree = page(client.get(claim_path(fta)))
    (box,) = tree.xpath("//section[@class='rationale-box']")
    items = box.xpath(".//ul[@class='cited-reports']/li")
    assert [item.xpath(".//a/@href")[0] for item in items] == [article_path(a) for a in cited]
    assert [text(item.xpath(".//cite")[0]) for item in items] == [a.title for a in cited]
    # A later decision that cites nothing leaves nothing listed from the earlier one.
    review_claim(
        claim=fta,
        editor=editor,
        status="verified",
        rationale="The ministry's readout settles it: he asked to resume the FTA talks.",
        evidence=[{"url": "https://example.org/r", "title": "Readout", "stance": "supports"}],
    )
    tree = page(client.get(claim_path(fta)))
    assert not tree.xpath("//ul[@class='cited-reports']")


def test_every_report_is_quoted_in_its_paragraph(client, decided, published):
    tree = page(client.get(claim_path(decided.luna)))
    reports = tree.xpath("//figure[@class='report']")
    assert len(reports) == 2
    by_id = {r.get("id"): r for r in reports}
    for appearance in decided.luna.appearances.select_related("article"):
        report = by_id[f"q-{appearance.pk}"]
        assert text(report.xpath(".//mark")[0]) == appearance.quote
        link = f"{article_path(appearance.article)}#q-{appearance.pk}"
        assert link in report.xpath(".//figcaption//a/@href")
    # The rest of the paragraph is there: the sentence before the LUNC quote in 002.
    lunc = next(r for r in reports if "LUNC" in text(r.xpath(".//mark")[0]))
    assert "South Korea’s crypto crime investigation unit" in text(lunc)


def test_history_shows_decisions_dates_and_editors_without_logins(client, decided, other_editor):
    review_claim(
        claim=decided.luna,
        editor=other_editor,
        status="unreviewed",
        rationale="Reopened: new report.",
    )
    tree = page(client.get(claim_path(decided.luna)))
    entries = tree.xpath("//ol[@class='history']/li")
    assert [text(e).split(": ", 1)[1][:50] for e in entries] == [
        "from “Awaiting review” to “Disputed”, by an editor",
        "from “Disputed” to “Awaiting review”, by an editor",
    ]
    assert all(e.xpath(".//time/@datetime") for e in entries)
    # Readers see a full name when the account has one, never a login name.
    assert other_editor.username not in text(tree.xpath("//main")[0])
    other_editor.first_name, other_editor.last_name = "Mina", "Park"
    other_editor.save()
    tree = page(client.get(claim_path(decided.luna)))
    assert "by Mina Park" in text(tree.xpath("//ol[@class='history']/li")[-1])


def test_reopened_claim_says_when_by_whom_and_why(client, decided, other_editor):
    other_editor.first_name, other_editor.last_name = "Mina", "Park"
    other_editor.save()
    review_claim(
        claim=decided.fta, editor=other_editor, status="unreviewed", rationale="A new report."
    )
    tree = page(client.get(claim_path(decided.fta)))
    (notice,) = tree.xpath("//p[@class='notice']")
    assert "No editor has checked" not in text(notice)
    assert text(notice).startswith("Reopened on ")
    assert "by Mina Park: A new report." in text(notice)
    assert not tree.xpath("//section[@class='rationale-box']")  # no stale rationale


def test_reworded_reviewed_claim_shows_the_wording_change_and_the_reopening(
    client, decided, contributor
):
    old = decided.fta.text
    edit_claim_wording(claim=decided.fta, editor=contributor, text="Wang Yi urged FTA talks.")
    tree = page(client.get(claim_path(decided.fta)))
    assert text(tree.xpath("//h1")[0]) == "Wang Yi urged FTA talks."
    (change,) = tree.xpath("//ol[@class='history']/li[@class='history-reword']")
    assert f"it read: “{old}”" in text(change)
    assert change.xpath(".//time/@datetime")
    (notice,) = tree.xpath("//p[@class='notice']")
    assert "Reopened on" in text(notice) and "wording changed" in text(notice)
    assert "Awaiting review" in text(tree.xpath("//header//span[contains(@class, 'badge')]")[0])


def test_unreviewed_claim_is_marked_as_not_checked(client, published):
    claim = claim_quoting("first time in four years")
    tree = page(client.get(claim_path(claim)))
    assert "Awaiting review" in text(tree.xpath("//header//span[contains(@class, 'badge')]")[0])
    assert "No editor has checked this claim yet" in text(tree.xpath("//p[@class='notice']")[0])
    assert "No decision has been made" in text(tree.xpath("//main")[0])


def test_wrong_or_missing_slug_redirects_to_the_canonical_address(client, decided):
    canonical = claim_path(decided.luna)
    assert canonical.startswith(f"/claims/{decided.luna.pk}-this-includes-high-profile")
    for path in (f"/claims/{decided.luna.pk}/", f"/claims/{decided.luna.pk}-old-wording/"):
        response = client.get(path)
        assert response.status_code == 301
        assert response["Location"] == canonical


def test_merged_claim_address_leads_to_the_claim_that_absorbed_it(client, published, editor):
    target = claim_quoting("Yi underscored respecting")
    absorbed = claim_quoting("China, Japan, and South Korea aim to become global leaders")
    merge_claims(target=target, others=[absorbed], editor=editor)
    response = client.get(claim_path(absorbed))
    assert response.status_code == 301
    assert response["Location"] == claim_path(target)


def test_claim_of_unpublished_event_is_not_found(client, decided, editor):
    set_event_published(event=decided.luna.event, editor=editor, published=False)
    assert client.get(claim_path(decided.luna)).status_code == 404
    assert client.get(f"/claims/{decided.luna.pk}/").status_code == 404


@pytest.mark.parametrize("path", ["/claims/999999/", "/claims/99999999999999999999999/"])
def test_unknown_claims_are_not_found(client, published, path):
    assert client.get(path).status_code == 404


def test_claim_page_links_back_to_its_event(client, decided):
    tree = page(client.get(claim_path(decided.fta)))
    event_url = reverse("public:event", args=[decided.fta.event.slug])
    assert event_url in tree.xpath("//nav[@class='breadcrumb']//a/@href")


def test_readers_see_the_grade_beside_the_verdict(client, published, editor):
    """PolitiFact and Snopes lead with the rating: a disputed claim graded "false" says so
    on its own page and on the event page, in the reader's language."""
    luna = claim_quoting("LUNA cryptoasset")
    review_claim(
        claim=luna,
        editor=editor,
        status="disputed",
        rating="false",
        rationale="001 names the LUNA token, 002 names LUNC in the same sentence.",
    )
    badge = "//header//span[contains(@class, 'badge')]"
    assert text(page(client.get(claim_path(luna))).xpath(badge)[0]) == "✗ Disputed: False"
    japanese = page(client.get(claim_path(luna), HTTP_ACCEPT_LANGUAGE="ja"))
    assert text(japanese.xpath(badge)[0]).endswith(": 誤り")
    event = page(client.get(reverse("public:event", args=[luna.event.slug])))
    card = event.xpath(f"//li[@id='claim-{luna.pk}']//span[contains(@class, 'badge')]")[0]
    assert text(card) == "✗ Disputed: False"
