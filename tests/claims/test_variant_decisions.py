"""A claim whose reports differ is decided value by value, and each report is judged by
the value it gives (LUNA / LUNC; "announced" / "called for")."""

import pytest

from claims.models import Claim, Review
from claims.services import EditorialError, edit_claim_wording, review_claim
from claims.verdicts import report_status

LUNC_RIGHT = [
    {"kind": "code", "value": "LUNA", "status": "disputed"},
    {"kind": "code", "value": "LUNC", "status": "verified"},
]


@pytest.fixture
def announced(seeded) -> Claim:
    return Claim.objects.get(appearances__quote__contains="In a landmark development")


def test_plain_verify_of_a_claim_whose_reports_differ_is_refused(editor, luna_claim):
    with pytest.raises(EditorialError, match=r"differ \(LUNA / LUNC\).*decision on each value"):
        review_claim(claim=luna_claim, editor=editor, status="verified", rationale="Both agree.")
    luna_claim.refresh_from_db()
    assert luna_claim.status == "unreviewed"
    assert not Review.objects.exists()


def test_verify_is_refused_while_the_wording_gives_the_wrong_value(editor, luna_claim):
    assert "LUNA" in luna_claim.text
    with pytest.raises(EditorialError, match="wording gives “LUNA”.*reword it"):
        review_claim(
            claim=luna_claim,
            editor=editor,
            status="verified",
            rationale="LUNC is the token's name since 2022.",
            variant_decisions=LUNC_RIGHT,
        )
    assert not Review.objects.exists()


def test_reworded_to_the_right_value_the_claim_is_verified_value_by_value(
    editor, luna_claim, seeded
):
    edit_claim_wording(
        claim=luna_claim, editor=editor, text=luna_claim.text.replace("LUNA", "LUNC")
    )
    review = review_claim(
        claim=luna_claim,
        editor=editor,
        status="verified",
        rationale="LUNC is the token's name since 2022.",
        variant_decisions=list(reversed(LUNC_RIGHT)),  # any order
    )
    luna_claim.refresh_from_db()
    assert luna_claim.status == "verified"
    assert luna_claim.variant_decisions == LUNC_RIGHT  # in the order of the variants
    assert review.variant_decisions == LUNC_RIGHT
    # Each outlet is judged by the value its own report gives.
    assert report_status(luna_claim, seeded["001"].pk) == "disputed"  # said LUNA
    assert report_status(luna_claim, seeded["002"].pk) == "verified"  # said LUNC


def test_dispute_may_decide_each_value_so_the_right_report_is_not_blamed(editor, announced, seeded):
    review_claim(
        claim=announced,
        editor=editor,
        status="disputed",
        rationale="Only a call, no joint announcement.",
        variant_decisions=[
            {"kind": "stance", "value": "announced", "status": "disputed"},
            {"kind": "stance", "value": "called for", "status": "verified"},
        ],
    )
    announced.refresh_from_db()
    assert report_status(announced, seeded["000"].pk) == "disputed"  # "pledged"
    assert report_status(announced, seeded["003"].pk) == "verified"  # "called for"
    # 002 gives neither stance: it shares the claim's status.
    assert report_status(announced, seeded["002"].pk) == "disputed"


def test_a_plain_dispute_still_applies_to_every_report(editor, luna_claim, seeded):
    review_claim(claim=luna_claim, editor=editor, status="disputed", rationale="They differ.")
    luna_claim.refresh_from_db()
    assert luna_claim.variant_decisions == []
    assert {report_status(luna_claim, seeded[n].pk) for n in ("001", "002")} == {"disputed"}


@pytest.mark.parametrize(
    ("decisions", "message"),
    [
        ([{"kind": "code", "value": "LUNA", "status": "disputed"}], "“LUNC” has no decision"),
        ([*LUNC_RIGHT, {"kind": "code", "value": "LUNX", "status": "verified"}], "gives “LUNX”"),
        ([{"kind": "code", "value": "LUNA", "status": "maybe"}, LUNC_RIGHT[1]], "verified or"),
        ([LUNC_RIGHT[0], LUNC_RIGHT[0], LUNC_RIGHT[1]], "decided twice"),
    ],
)
def test_incomplete_or_unknown_value_decisions_are_refused(editor, luna_claim, decisions, message):
    with pytest.raises(EditorialError, match=message):
        review_claim(
            claim=luna_claim,
            editor=editor,
            status="disputed",
            rationale="x",
            variant_decisions=decisions,
        )
    luna_claim.refresh_from_db()
    assert (luna_claim.status, luna_claim.variant_decisions) == ("unreviewed", [])


def test_value_decisions_on_a_claim_whose_reports_agree_are_refused(editor, seeded):
    agreed = Claim.objects.filter(has_variants=False).first()
    with pytest.raises(EditorialError, match="do not differ"):
        review_claim(
            claim=agreed,
            editor=editor,
            status="verified",
            rationale="x",
            variant_decisions=LUNC_RIGHT,
        )


def test_reopening_clears_the_value_decisions(editor, luna_claim, seeded):
    review_claim(
        claim=luna_claim,
        editor=editor,
        status="disputed",
        rationale="LUNA is wrong.",
        variant_decisions=LUNC_RIGHT,
    )
    review_claim(claim=luna_claim, editor=editor, status="unreviewed", rationale="New report.")
    luna_claim.refresh_from_db()
    assert luna_claim.variant_decisions == []
    assert report_status(luna_claim, seeded["002"].pk) == "unreviewed"


def test_changing_only_the_value_decisions_is_a_new_decision(editor, luna_claim):
    review_claim(claim=luna_claim, editor=editor, status="disputed", rationale="They differ.")
    review_claim(
        claim=luna_claim,
        editor=editor,
        status="disputed",
        rationale="LUNA is the wrong name.",
        variant_decisions=LUNC_RIGHT,
    )
    assert [r.variant_decisions for r in luna_claim.reviews.order_by("id")] == [[], LUNC_RIGHT]
