"""A claim is worded with its speaker named; the quote stays exactly as reported."""

import pytest

from claims.models import Claim
from claims.pipeline import ingest_article
from claims.text.extraction import extract_claim_sentences
from claims.text.speakers import speakers_of, worded

REPORT = """Ministers agree to reopen trade talks

BUSAN, South Korea — Foreign ministers of the three countries held talks in Busan on Sunday.

Chinese Foreign Minister Wang Yi said the talks on a free trade agreement should resume soon.

He stressed the urgency of the talks with Japan and South Korea.

Brightwell Appliances Inc. announced a recall of 214,000 air fryers on Monday.

It also plans to open a second factory in Ohio next year, the company said.

It was the first recall in the company's 40-year history.
"""


def _claims_by_quote():
    return {a.quote: claim for claim in Claim.objects.all() for a in claim.appearances.all()}


def test_he_is_worded_as_the_person_named_before(db):
    ingest_article(text=REPORT, file_name="busan.txt")
    claim = _claims_by_quote()["He stressed the urgency of the talks with Japan and South Korea."]
    assert claim.text == "Wang Yi stressed the urgency of the talks with Japan and South Korea."
    (appearance,) = claim.appearances.all()
    assert appearance.speaker == "Wang Yi"
    assert appearance.article.body[appearance.start : appearance.end] == appearance.quote
    assert appearance.quote.startswith("He stressed")


def test_it_acting_is_worded_as_the_organisation_named_before(db):
    ingest_article(text=REPORT, file_name="busan.txt")
    claims = _claims_by_quote()
    plans = claims["It also plans to open a second factory in Ohio next year, the company said."]
    assert plans.text.startswith("Brightwell Appliances also plans to open")
    # "It was the first ..." speaks of a thing, not of who acted: it stays as written.
    first = claims["It was the first recall in the company's 40-year history."]
    assert first.text == "It was the first recall in the company's 40-year history."


def test_a_dateline_is_not_part_of_the_wording(db):
    ingest_article(text=REPORT, file_name="busan.txt")
    claim = _claims_by_quote()[
        "BUSAN, South Korea — Foreign ministers of the three countries held talks in Busan"
        " on Sunday."
    ]
    assert claim.text == "Foreign ministers of the three countries held talks in Busan on Sunday."


def test_seed_claim_of_he_stressed_names_wang_yi(seeded):
    claim = Claim.objects.get(appearances__quote__startswith="He stressed the urgency")
    first = claim.appearances.order_by("article_id", "start").first()
    assert first.quote.startswith("He stressed")
    assert claim.text.startswith("Wang Yi stressed the urgency")


@pytest.mark.parametrize(
    ("sentences", "expected"),
    [
        (
            [
                "Japanese Prime Minister Fumio Kishida met Li Qiang.",
                "Kishida said Japan would host.",
                "He urged calm.",
            ],
            "Fumio Kishida",
        ),
        (
            ["The precision was high, said project manager Shinichiro Sakai.", "He said more."],
            "Shinichiro Sakai",
        ),
        (
            ["Chief Financial Officer Colette Kress said sales rose.", "She said more."],
            "Colette Kress",
        ),
        (
            ["Speaking later, the Prime Minister said a treaty would follow.", "He said more."],
            "the Prime Minister",
        ),
        (["Lai, the current vice president, took 40% of the vote.", "He thanked voters."], "Lai"),
        (["Nobody was named here.", "He said more."], ""),
    ],
)
def test_who_a_leading_pronoun_stands_for(sentences, expected):
    assert speakers_of(sentences)[-1] == expected


def test_wording_replaces_only_a_leading_pronoun():
    assert worded("He said he would go.", "Lai") == "Lai said he would go."
    assert worded("They agreed.", "Lai") == "They agreed."
    assert worded("Helen said so.", "Lai") == "Helen said so."


def test_candidates_keep_the_exact_sentence_and_carry_the_wording():
    (first, second) = extract_claim_sentences(
        "Chinese Foreign Minister Wang Yi said the talks should resume in 2024.\n\n"
        "He stressed the urgency of talks with Japan on the 2012 agreement."
    )
    assert second.text == "He stressed the urgency of talks with Japan on the 2012 agreement."
    assert (
        second.wording == "Wang Yi stressed the urgency of talks with Japan on the 2012 agreement."
    )
    assert first.wording == first.text
