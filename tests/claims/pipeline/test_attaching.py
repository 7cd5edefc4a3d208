"""Stage attaching: each claim sentence joins the claim it restates, or becomes one."""

from datetime import date

from claims.models import Appearance, Claim, Review
from claims.pipeline.attaching import attach_claims, detach_article
from claims.pipeline.candidates import candidates_for

from .conftest import store

FIRST = (
    "Ruritania to build Strela dam",
    "President Alma Voss said Ruritania would build a dam on the Strela river by 2028. "
    "Finance Minister Ida Kron said the dam would cost 400 million crowns.",
)
SECOND = (
    "Strela dam to be built by 2028",
    "Ruritania will build a dam on the Strela river by 2028, President Alma Voss said. "
    "The harbour master of Port Kell said fishing boats would be inspected every spring.",
)


def _attached(event, title, body, day):
    article = store(event, title, body, day)
    attach_claims(article=article, candidates=candidates_for(body))
    return article


def test_each_candidate_sentence_becomes_an_appearance_at_its_offsets(seeded_event):
    article = _attached(seeded_event, *FIRST, date(2025, 3, 3))
    appearances = list(article.appearances.order_by("start"))
    assert len(appearances) == 2
    for appearance in appearances:
        assert article.body[appearance.start : appearance.end] == appearance.quote
    assert Claim.objects.filter(event=seeded_event).count() == 2


def test_a_restatement_joins_the_claim_and_a_new_statement_makes_one(seeded_event):
    _attached(seeded_event, *FIRST, date(2025, 3, 3))
    second = _attached(seeded_event, *SECOND, date(2025, 3, 4))
    dam, inspections = second.appearances.order_by("start")
    assert dam.claim.appearances.count() == 2
    assert 0 < dam.similarity <= 1
    assert inspections.claim.appearances.count() == 1
    assert Claim.objects.filter(event=seeded_event).count() == 3


def test_the_same_wording_joins_the_same_claim_outright(seeded_event):
    _attached(seeded_event, *FIRST, date(2025, 3, 3))
    reprint = _attached(seeded_event, "Reprint: " + FIRST[0], FIRST[1], date(2025, 3, 3))
    assert all(a.similarity == 1.0 for a in reprint.appearances.all())
    assert Claim.objects.filter(event=seeded_event).count() == 2


def test_detaching_drops_claims_left_without_reports_unless_decided(seeded_event, editor):
    first = _attached(seeded_event, *FIRST, date(2025, 3, 3))
    decided = first.appearances.order_by("start").first().claim
    Review.objects.create(
        claim=decided, editor=editor, from_status="unreviewed", to_status="verified", rationale="ok"
    )
    detach_article(first)
    assert not Appearance.objects.filter(article=first).exists()
    assert list(Claim.objects.filter(event=seeded_event)) == [decided]
