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


def _reports_row_by_row(event):
    """_event_reports as it read an event before: every report in id order."""
    from collections import defaultdict

    from claims.pipeline.attaching import matchable

    wordings, holder = defaultdict(list), {}
    count, last, claims = 0, None, 0
    rows = Appearance.objects.filter(claim__event=event).order_by("id")
    for appearance_id, claim_id, quote, speaker in rows.values_list(
        "id", "claim_id", "quote", "speaker"
    ):
        text = matchable(quote, speaker)
        if text not in wordings[claim_id]:
            wordings[claim_id].append(text)
        holder.setdefault(text, claim_id)
        count, last, claims = count + 1, appearance_id, claims + claim_id
    return dict(wordings), holder, (count, last, claims or None)


def test_an_events_reports_read_grouped_are_what_reading_each_gives(seeded_event):
    """Reports worded alike are read as one row; the wordings, their order, the claim
    holding each and the version are those of reading every report in turn."""
    from claims.pipeline.attaching import _event_reports, _version

    empty = _event_reports(seeded_event)
    assert (dict(empty.wordings), empty.holder, empty.seen) == ({}, {}, (0, None, None))
    _attached(seeded_event, *FIRST, date(2025, 3, 3))
    _attached(seeded_event, *SECOND, date(2025, 3, 4))
    _attached(seeded_event, "Reprint: " + FIRST[0], FIRST[1], date(2025, 3, 5))
    first, second, *_, last = Claim.objects.filter(event=seeded_event).order_by("id")
    # Quotes told again under other claims, and once with a speaker named: the claim of
    # the earliest report keeps holding a wording, even when a claim made before it tells
    # it later; the speaker's makes a wording of its own.
    quote, later = first.appearances.first(), last.appearances.first()
    retold = ((second, quote, ""), (first, quote, "Alma Voss"), (first, later, ""))
    for day, (claim, told, speaker) in enumerate(retold):
        article = store(seeded_event, f"Again {day}", FIRST[1], date(2025, 3, 6 + day))
        Appearance.objects.create(
            claim=claim,
            article=article,
            quote=told.quote,
            start=told.start,
            end=told.end,
            speaker=speaker,
        )
    grouped = _event_reports(seeded_event)
    assert (dict(grouped.wordings), grouped.holder, grouped.seen) == _reports_row_by_row(
        seeded_event
    )
    assert grouped.seen == _version(seeded_event)
    assert grouped.holder[matchable_of(quote)] == first.id
    assert grouped.holder[matchable_of(later)] == last.id
    assert grouped.wordings[first.id][-1] == matchable_of(later)
    assert len(grouped.wordings[second.id]) == len(set(grouped.wordings[second.id]))


def matchable_of(appearance):
    from claims.pipeline.attaching import matchable

    return matchable(appearance.quote, appearance.speaker)
