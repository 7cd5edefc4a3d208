import pytest
from django.core.exceptions import PermissionDenied

from claims.models import Claim, Review
from claims.services import EditorialError, StaleClaimError, review_claim


def test_editor_disputes_a_claim_with_a_rationale(editor, luna_claim):
    review = review_claim(
        claim=luna_claim, editor=editor, status="disputed", rationale="001 says LUNA, 002 LUNC."
    )
    luna_claim.refresh_from_db()
    assert luna_claim.status == Claim.Status.DISPUTED
    assert luna_claim.rationale == "001 says LUNA, 002 LUNC."
    assert (review.editor, review.from_status, review.to_status) == (
        editor,
        "unreviewed",
        "disputed",
    )


@pytest.mark.parametrize("rationale", ["", "   ", None])
def test_decision_without_rationale_is_refused_and_changes_nothing(editor, luna_claim, rationale):
    with pytest.raises(EditorialError, match="rationale is required"):
        review_claim(claim=luna_claim, editor=editor, status="verified", rationale=rationale)
    luna_claim.refresh_from_db()
    assert luna_claim.status == "unreviewed"
    assert not Review.objects.exists()


def test_a_verdict_needs_a_rationale_readers_can_follow(editor, luna_claim, settings):
    settings.FACTDESK_MIN_RATIONALE_CHARS = 40  # the desk's default
    for status in ("verified", "disputed"):
        with pytest.raises(EditorialError, match=r"at least 40 characters .* \(this one has 2\)"):
            review_claim(claim=luna_claim, editor=editor, status=status, rationale="ok")
    luna_claim.refresh_from_db()
    assert luna_claim.status == "unreviewed"
    assert not Review.objects.exists()
    review_claim(
        claim=luna_claim,
        editor=editor,
        status="disputed",
        rationale="Report 001 names the LUNA token; report 002 names LUNC.",
    )
    luna_claim.refresh_from_db()
    assert luna_claim.status == "disputed"


def test_dismissing_or_reopening_needs_only_a_reason(editor, luna_claim, settings):
    settings.FACTDESK_MIN_RATIONALE_CHARS = 40
    review_claim(claim=luna_claim, editor=editor, status="not_check_worthy", rationale="Aside.")
    review_claim(claim=luna_claim, editor=editor, status="unreviewed", rationale="Reconsider.")
    luna_claim.refresh_from_db()
    assert luna_claim.status == "unreviewed"


def test_unknown_status_is_refused(editor, luna_claim):
    with pytest.raises(EditorialError, match="Unknown status"):
        review_claim(claim=luna_claim, editor=editor, status="true-ish", rationale="x")


def test_same_status_twice_is_refused(editor, luna_claim):
    review_claim(claim=luna_claim, editor=editor, status="disputed", rationale="They differ.")
    with pytest.raises(EditorialError, match="already disputed"):
        review_claim(claim=luna_claim, editor=editor, status="disputed", rationale="Again.")
    assert Review.objects.count() == 1


def test_reopen_returns_claim_to_review_and_keeps_history(editor, luna_claim):
    review_claim(claim=luna_claim, editor=editor, status="disputed", rationale="Checked.")
    review_claim(claim=luna_claim, editor=editor, status="unreviewed", rationale="New report.")
    luna_claim.refresh_from_db()
    assert luna_claim.status == "unreviewed"
    assert luna_claim.rationale == ""
    assert [r.to_status for r in luna_claim.reviews.all()] == ["unreviewed", "disputed"]


@pytest.mark.parametrize("user_fixture", ["contributor", "reader"])
def test_only_editors_may_decide(request, user_fixture, luna_claim):
    user = request.getfixturevalue(user_fixture)
    with pytest.raises(PermissionDenied):
        review_claim(claim=luna_claim, editor=user, status="verified", rationale="Looks fine.")
    luna_claim.refresh_from_db()
    assert luna_claim.status == "unreviewed"


def test_stale_decision_is_refused_naming_who_changed_it(editor, other_editor, luna_claim):
    loaded_version = luna_claim.version
    review_claim(
        claim=luna_claim,
        editor=other_editor,
        status="disputed",
        rationale="Tickers differ.",
        expected_version=loaded_version,
    )
    with pytest.raises(StaleClaimError, match="changed by second_editor at .* reload"):
        review_claim(
            claim=luna_claim,
            editor=editor,
            status="verified",
            rationale="Fine.",
            expected_version=loaded_version,
        )
    luna_claim.refresh_from_db()
    assert luna_claim.status == "disputed"
    assert Review.objects.count() == 1


def test_reviews_cannot_be_changed_or_deleted(editor, luna_claim):
    review = review_claim(claim=luna_claim, editor=editor, status="disputed", rationale="Yes.")
    review.rationale = "rewritten"
    with pytest.raises(Exception, match="immutable"):
        review.save()
    with pytest.raises(Exception, match="immutable"):
        review.delete()
    assert Review.objects.get().rationale == "Yes."
