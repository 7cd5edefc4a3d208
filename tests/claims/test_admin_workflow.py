"""Editors and contributors doing their work through the admin, with the test client."""

import pytest
from django.urls import reverse

from claims.models import Claim, Event, Evidence, Review, WordingChange


def _review(client, claim, **data):
    form = {f"version_{claim.pk}": claim.version, "rationale": "", **data}
    return client.post(reverse("admin:claims_claim_review", args=[claim.pk]), form)


def test_editor_disputes_the_luna_claim_and_sees_it_in_history(client, editor, luna_claim):
    client.force_login(editor)
    response = _review(
        client,
        luna_claim,
        status="disputed",
        rationale="001 names LUNA, 002 names LUNC.",
        evidence_url="https://example.org/terra",
        evidence_title="Terra token rename",
        evidence_stance="refutes",
    )
    assert response.status_code == 302
    page = client.get(reverse("admin:claims_claim_change", args=[luna_claim.pk])).text
    assert "001 names LUNA, 002 names LUNC." in page
    assert "History of decisions" in page
    assert Evidence.objects.get().stance == "refutes"


def test_empty_rationale_is_refused_with_a_message(client, editor, luna_claim):
    client.force_login(editor)
    response = _review(client, luna_claim, status="verified", rationale="  ")
    assert response.status_code == 200
    assert "A rationale is required" in response.text
    luna_claim.refresh_from_db()
    assert luna_claim.status == "unreviewed"
    assert not Review.objects.exists()


def test_bulk_verify_needs_a_rationale_and_applies_to_all(client, editor, seeded):
    client.force_login(editor)
    claims = list(Claim.objects.filter(source_count__gte=3, has_variants=False)[:2])
    ids = [c.pk for c in claims]
    response = client.post(
        reverse("admin:claims_claim_changelist"),
        {"action": "verify_selected", "_selected_action": ids},
    )
    assert response.status_code == 302
    assert "status=verified" in response["Location"]
    form = {"ids": ",".join(map(str, ids)), "status": "verified", "rationale": "All agree."}
    for claim in claims:
        form[f"version_{claim.pk}"] = claim.version
    response = client.post(reverse("admin:claims_claim_review_many"), form)
    assert response.status_code == 302
    assert set(Claim.objects.filter(pk__in=ids).values_list("status", flat=True)) == {"verified"}


def test_contributor_cannot_reach_review_merge_or_split(client, contributor, luna_claim):
    client.force_login(contributor)
    assert _review(client, luna_claim, status="verified", rationale="ok").status_code == 403
    merge = reverse("admin:claims_claim_merge") + f"?ids={luna_claim.pk}"
    assert client.get(merge).status_code == 403
    split = reverse("admin:claims_appearance_split", args=[luna_claim.appearances.first().pk])
    assert client.post(split).status_code == 403
    luna_claim.refresh_from_db()
    assert luna_claim.status == "unreviewed"
    assert luna_claim.appearances.count() == 2


def test_contributor_sees_no_review_actions_in_the_queue(client, contributor, seeded):
    client.force_login(contributor)
    page = client.get(reverse("admin:claims_claim_changelist")).text
    assert "verify_selected" not in page
    assert "merge_selected" not in page


def test_contributor_fixes_wording_and_history_keeps_the_old(client, contributor, luna_claim):
    client.force_login(contributor)
    old = luna_claim.text
    url = reverse("admin:claims_claim_change", args=[luna_claim.pk])
    response = client.post(url, {"text": "Terraform Labs is investigated.", **_inlines(luna_claim)})
    assert response.status_code == 302, response.context["errors"]
    assert WordingChange.objects.get().old_text == old


def test_stale_wording_form_is_refused_naming_who_changed_it(
    client, editor, other_editor, luna_claim
):
    url = reverse("admin:claims_claim_change", args=[luna_claim.pk])
    stale = {"text": "First edit.", **_inlines(luna_claim)}
    client.force_login(other_editor)
    assert client.post(url, stale).status_code == 302
    client.force_login(editor)
    response = client.post(url, {**stale, "text": "Second edit."})
    assert response.status_code == 200
    assert "changed by second_editor" in response.text
    luna_claim.refresh_from_db()
    assert luna_claim.text == "First edit."


def test_stale_decision_is_refused(client, editor, other_editor, luna_claim):
    client.force_login(other_editor)
    _review(client, luna_claim, status="disputed", rationale="Tickers differ.")
    client.force_login(editor)
    response = _review(client, luna_claim, status="verified", rationale="Fine.")
    assert "changed by second_editor" in response.text
    luna_claim.refresh_from_db()
    assert luna_claim.status == "disputed"


def test_editor_merges_two_claims(client, editor, seeded):
    client.force_login(editor)
    a = Claim.objects.get(appearances__quote__startswith="Yi encouraged")
    b = Claim.objects.get(appearances__quote__startswith="In his address, Minister Wang Yi")
    url = reverse("admin:claims_claim_merge")
    response = client.post(url, {"ids": f"{a.pk},{b.pk}", "target": a.pk})
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.merged_into_id == a.pk
    assert a.appearances.count() == 3


def test_editor_splits_a_report_off(client, editor, luna_claim):
    client.force_login(editor)
    lunc = luna_claim.appearances.get(quote__contains="LUNC")
    response = client.post(reverse("admin:claims_appearance_split", args=[lunc.pk]))
    assert response.status_code == 302
    lunc.refresh_from_db()
    assert lunc.claim_id != luna_claim.pk


def test_nobody_edits_or_deletes_reviews_in_the_admin(admin_client, editor, luna_claim):
    from claims.services import review_claim

    review = review_claim(claim=luna_claim, editor=editor, status="disputed", rationale="Yes.")
    url = reverse("admin:claims_review_change", args=[review.pk])
    admin_client.post(url, {"rationale": "rewritten"})
    assert (
        admin_client.post(reverse("admin:claims_review_delete", args=[review.pk])).status_code
        == 403
    )
    assert Review.objects.get().rationale == "Yes."


@pytest.mark.parametrize("user_fixture", ["editor", "contributor"])
def test_adding_an_article_ingests_it_and_lists_its_claims(
    client, request, user_fixture, seeds_dir
):
    client.force_login(request.getfixturevalue(user_fixture))
    text = (seeds_dir / "004_b261335234301b8b.txt").read_text()
    response = client.post(reverse("admin:articles_article_add"), {"text": text})
    assert response.status_code == 302
    page = client.get(response["Location"]).text
    assert "Claims extracted from this article" in page
    assert "Xu Zhilong" in page


def test_adding_an_empty_or_binary_article_is_refused(client, editor):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(editor)
    url = reverse("admin:articles_article_add")
    assert "Paste the article" in client.post(url, {"text": " "}).text
    binary = SimpleUploadedFile("x.txt", b"\x00\x01binary")
    assert "binary" in client.post(url, {"file": binary}).text


def test_reader_and_anonymous_have_no_admin(client, reader, luna_claim):
    url = reverse("admin:claims_claim_review", args=[luna_claim.pk])
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(reader)
    assert client.get(url).status_code == 302  # not staff: login page again


def _inlines(claim):
    """The management forms of the claim page's read-only inlines, and its loaded version."""
    data = {"version": claim.version}
    for prefix in ("evidence", "reviews", "wording_changes"):
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    return data


def test_queue_puts_the_most_check_worthy_unreviewed_claims_first(client, editor, seeded):
    from claims.services import review_claim

    busiest = Claim.objects.filter(has_variants=False).order_by("-source_count", "id").first()
    review_claim(claim=busiest, editor=editor, status="verified", rationale="Four outlets.")
    client.force_login(editor)
    # The whole ordered queue, not its first page: the seeds make more than one page.
    rows = client.get(reverse("admin:claims_claim_changelist")).context["cl"].queryset
    statuses = [c.status for c in rows]
    assert statuses[0] == "unreviewed"
    assert statuses.index("verified") > statuses.count("unreviewed") - 1
    # Ingestion scored every claim; the queue ranks them by score and independent outlets.
    unreviewed = [c for c in rows if c.status == "unreviewed"]
    assert all(0 < c.checkworthiness <= 1 for c in unreviewed)
    priorities = [c.queue_priority for c in unreviewed]
    assert priorities == sorted(priorities, reverse=True)


def test_queue_filters_by_source_variants_and_independence(client, editor, seeded):
    client.force_login(editor)
    url = reverse("admin:claims_claim_changelist")
    source = seeded["003"].source
    by_source = client.get(url, {"source": source.pk}).context["cl"].result_list
    assert all(c.appearances.filter(article__source=source).exists() for c in by_source)
    variants = client.get(url, {"has_variants__exact": 1}).context["cl"].result_list
    assert {c.pk for c in variants} == set(
        Claim.objects.filter(has_variants=True).values_list("pk", flat=True)
    )
    independent = client.get(url, {"independent": "2"}).context["cl"].result_list
    assert independent and all(c.independent_source_count == 2 for c in independent)
    found = client.get(url, {"q": "LUNC"}).context["cl"].result_list
    assert [c.appearances.count() for c in found] == [2]  # found through its quote


def test_queue_ranks_a_checkable_claim_above_a_vague_one_more_outlets_repeat(client, editor):
    event = Event.objects.create(title="Summit", slug="summit")

    def claim(text, score, independent):
        return Claim.objects.create(
            event=event,
            text=text,
            checkworthiness=score,
            source_count=independent,
            independent_source_count=independent,
        )

    vague = claim("This move aligns with the broader objective of mutual benefits.", 0.2, 6)
    checkable = claim("Exports rose 12% to $4.1 billion in 2023.", 0.9, 1)
    widely = claim("The ministers signed three agreements.", 0.7, 4)
    likely = claim("The agreement covers 40% of trade.", 0.72, 1)
    client.force_login(editor)
    rows = list(client.get(reverse("admin:claims_claim_changelist")).context["cl"].queryset)
    # 0.7 reported by four independent outlets goes before 0.72 reported by one.
    assert rows == [checkable, widely, likely, vague]
