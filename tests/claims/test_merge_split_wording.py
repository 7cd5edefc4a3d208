import pytest
from django.core.exceptions import PermissionDenied

from claims.models import Appearance, Claim, Review, WordingChange
from claims.services import (
    EditorialError,
    edit_claim_wording,
    merge_claims,
    review_claim,
    split_appearance,
)


def _claim(quote_part):
    return Claim.objects.active().get(appearances__quote__contains=quote_part)


def test_merge_moves_appearances_keeps_reviews_and_recounts(editor, seeded):
    target = _claim("Yi encouraged the countries")
    duplicate = _claim("In his address, Minister Wang Yi urged")
    review_claim(claim=duplicate, editor=editor, status="verified", rationale="In 000.")
    appearances = target.appearances.count() + duplicate.appearances.count()

    merged = merge_claims(target=target, others=[duplicate], editor=editor)

    assert merged.appearances.count() == appearances
    duplicate.refresh_from_db()
    assert duplicate.merged_into == merged
    assert duplicate.reviews.count() == 1  # the decision stays where it was made
    assert merged.source_count == 3
    assert not Claim.objects.active().filter(pk=duplicate.pk).exists()


def test_merge_needs_two_claims_of_one_event(editor, seeded):
    busan = _claim("LUNA")
    forum = _claim("Xu Zhilong, editor-in-chief")
    with pytest.raises(EditorialError, match="same event"):
        merge_claims(target=busan, others=[forum], editor=editor)
    with pytest.raises(EditorialError, match="at least two"):
        merge_claims(target=busan, others=[busan], editor=editor)
    assert busan.appearances.count() == 2


def test_merged_claim_cannot_be_reviewed(editor, seeded):
    target, duplicate = _claim("Yi encouraged the countries"), _claim("Minister Wang Yi urged")
    merge_claims(target=target, others=[duplicate], editor=editor)
    with pytest.raises(EditorialError, match="merged into"):
        review_claim(claim=duplicate, editor=editor, status="verified", rationale="x")


def test_split_gives_an_appearance_its_own_claim(editor, luna_claim):
    lunc = luna_claim.appearances.get(quote__contains="LUNC")
    new_claim = split_appearance(appearance=lunc, editor=editor)
    luna_claim.refresh_from_db()
    assert list(new_claim.appearances.all()) == [lunc]
    assert new_claim.text == lunc.quote
    assert luna_claim.appearances.count() == 1
    assert not luna_claim.has_variants  # one report left: nothing differs
    with pytest.raises(EditorialError, match="only appearance"):
        split_appearance(appearance=Appearance.objects.get(pk=lunc.pk), editor=editor)


@pytest.mark.parametrize("user_fixture", ["contributor", "reader"])
def test_only_editors_merge_and_split(request, user_fixture, luna_claim):
    user = request.getfixturevalue(user_fixture)
    other = _claim("Yi encouraged the countries")
    with pytest.raises(PermissionDenied):
        merge_claims(target=luna_claim, others=[other], editor=user)
    with pytest.raises(PermissionDenied):
        split_appearance(appearance=luna_claim.appearances.first(), editor=user)
    assert luna_claim.appearances.count() == 2


def test_contributor_fixes_wording_and_history_keeps_the_old(contributor, luna_claim):
    old = luna_claim.text
    edit_claim_wording(
        claim=luna_claim, editor=contributor, text="Prosecutors investigate Terraform Labs."
    )
    luna_claim.refresh_from_db()
    assert luna_claim.text == "Prosecutors investigate Terraform Labs."
    change = WordingChange.objects.get()
    assert (change.old_text, change.editor) == (old, contributor)
    assert not Review.objects.exists()


def test_empty_wording_and_reader_edits_are_refused(contributor, reader, luna_claim):
    with pytest.raises(EditorialError, match="cannot be empty"):
        edit_claim_wording(claim=luna_claim, editor=contributor, text="  ")
    with pytest.raises(PermissionDenied):
        edit_claim_wording(claim=luna_claim, editor=reader, text="Something else.")
    assert not WordingChange.objects.exists()


def test_rewording_a_reviewed_claim_returns_it_to_review(contributor, editor, seeded):
    claim = _claim("resume negotiations on the Japan-China-Korea FTA")
    review_claim(claim=claim, editor=editor, status="verified", rationale="All four say so.")
    old = claim.text
    edit_claim_wording(claim=claim, editor=contributor, text="Wang Yi called for FTA talks.")
    claim.refresh_from_db()
    # The decision was made on the old words: it does not silently carry over.
    assert (claim.status, claim.rationale) == ("unreviewed", "")
    reopening = claim.reviews.first()
    assert (reopening.from_status, reopening.to_status) == ("verified", "unreviewed")
    assert reopening.editor == contributor
    assert old in reopening.rationale
    assert WordingChange.objects.get().old_text == old


def test_rewording_an_unreviewed_claim_keeps_it_unreviewed_without_a_review(contributor, seeded):
    claim = _claim("resume negotiations on the Japan-China-Korea FTA")
    edit_claim_wording(claim=claim, editor=contributor, text="Wang Yi called for FTA talks.")
    assert not claim.reviews.exists()
    assert claim.version == 2


def test_merging_keeps_the_best_score_and_a_split_report_is_scored_again(seeded, editor):
    from claims.text.extraction import assess

    first = Claim.objects.order_by("id").first()
    second = Claim.objects.filter(event=first.event).exclude(pk=first.pk).order_by("id").first()
    Claim.objects.filter(pk=first.pk).update(checkworthiness=0.3)
    Claim.objects.filter(pk=second.pk).update(checkworthiness=0.9)
    first.refresh_from_db()
    second.refresh_from_db()
    merged = merge_claims(target=first, others=[second], editor=editor)
    assert merged.checkworthiness == 0.9
    report = merged.appearances.order_by("id").last()
    split = split_appearance(appearance=report, editor=editor)
    assert split.checkworthiness == assess(report.quote)[1]
