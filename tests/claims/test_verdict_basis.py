"""A verdict readers see rests on something they can follow: an evidence link, or a
report of the event cited (ticked, named by id, or quoted word for word). Refused
otherwise, with what to add, and nothing changes."""

import pytest

from articles.models import Article
from claims.citations import quoted_passages
from claims.models import AuditEntry, Claim, Event, Evidence, Review
from claims.services import EditorialError, review_claim

RATIONALE = "Two of the outlets name the token differently in the same sentence."


@pytest.fixture(autouse=True)
def the_rule_applies(settings):
    settings.FACTDESK_VERDICT_NEEDS_BASIS = True  # the suite's fixtures decide without one


@pytest.fixture
def plain_claim(seeded):
    return Claim.objects.filter(has_variants=False, source_count__gte=2).first()


def _report(claim) -> Article:
    return claim.appearances.select_related("article").first().article


@pytest.mark.parametrize("status", ["verified", "disputed"])
def test_a_verdict_with_nothing_to_follow_is_refused_and_changes_nothing(
    editor, plain_claim, status
):
    with pytest.raises(EditorialError, match="add an evidence link, or cite a report") as error:
        review_claim(claim=plain_claim, editor=editor, status=status, rationale=RATIONALE)
    assert error.value.field == "cited_reports"  # shown beside the reports to tick
    plain_claim.refresh_from_db()
    assert plain_claim.status == "unreviewed"
    assert not Review.objects.exists() and not AuditEntry.objects.filter(action="review").exists()


def test_a_cited_report_is_enough_and_is_recorded(editor, plain_claim):
    report = _report(plain_claim)
    review = review_claim(
        claim=plain_claim,
        editor=editor,
        status="verified",
        rationale=RATIONALE,
        cited_reports=[report.pk, report.pk],
    )
    assert review.cited_reports == [report.pk]
    entry = AuditEntry.objects.get(action="review", claim=plain_claim)
    assert entry.data["cited_reports"] == [report.pk]


def test_another_article_of_the_event_may_be_cited(editor, seeded):
    """The pipeline may not have attached the report that confirms a claim."""
    claim = Claim.objects.filter(source_count=1, has_variants=False).first()
    elsewhere = Article.objects.filter(event=claim.event).exclude(appearances__claim=claim).first()
    review = review_claim(
        claim=claim,
        editor=editor,
        status="verified",
        rationale=RATIONALE,
        cited_reports=[elsewhere.pk],
    )
    assert review.cited_reports == [elsewhere.pk]


def test_an_article_of_another_event_or_held_for_review_cannot_be_cited(editor, plain_claim):
    other = Article.objects.exclude(event=plain_claim.event).first()
    held = _report(plain_claim)
    Article.objects.filter(pk=held.pk).update(held_for_review=True)
    for article in (other, held):
        with pytest.raises(EditorialError, match=f"Article {article.pk}: not a report of"):
            review_claim(
                claim=plain_claim,
                editor=editor,
                status="disputed",
                rationale=RATIONALE,
                cited_reports=[article.pk],
            )
    with pytest.raises(EditorialError, match="Article 999999: not a report of"):
        review_claim(
            claim=plain_claim,
            editor=editor,
            status="disputed",
            rationale=RATIONALE,
            cited_reports=[999999],
        )
    assert not Review.objects.exists()


def test_an_evidence_link_given_now_or_before_is_enough(editor, plain_claim):
    link = {"url": "https://example.org/record", "title": "The record", "stance": "supports"}
    review_claim(
        claim=plain_claim, editor=editor, status="verified", rationale=RATIONALE, evidence=[link]
    )
    # Reopened, then decided again: the link readers see beside it still counts.
    review_claim(claim=plain_claim, editor=editor, status="unreviewed", rationale="New facts.")
    review = review_claim(claim=plain_claim, editor=editor, status="disputed", rationale=RATIONALE)
    assert review.cited_reports == []
    assert Evidence.objects.get(claim=plain_claim).url == "https://example.org/record"


def test_quoting_a_report_word_for_word_cites_it(editor, plain_claim):
    report = _report(plain_claim)
    words = report.body[report.body.index(plain_claim.appearances.first().quote) :][:60]
    words = words.rsplit(" ", 1)[0]
    review = review_claim(
        claim=plain_claim,
        editor=editor,
        status="verified",
        rationale=f"{RATIONALE} One of them says “{words}”.",
    )
    assert report.pk in review.cited_reports


def test_a_short_or_invented_quotation_cites_nothing(editor, plain_claim):
    for rationale in (
        f'{RATIONALE} It says "the ministers".',  # too short to tell which report
        f'{RATIONALE} It says "a sentence no report of this event contains".',
    ):
        with pytest.raises(EditorialError, match="cite a report"):
            review_claim(claim=plain_claim, editor=editor, status="verified", rationale=rationale)


@pytest.mark.parametrize("status", ["not_check_worthy", "unreviewed"])
def test_dismissing_or_reopening_needs_no_basis(editor, plain_claim, status):
    if status == "unreviewed":
        Claim.objects.filter(pk=plain_claim.pk).update(status="disputed")
    review_claim(claim=plain_claim, editor=editor, status=status, rationale="Out of scope.")
    assert Review.objects.get().to_status == status


def test_the_desk_may_lift_the_rule(editor, plain_claim, settings):
    settings.FACTDESK_VERDICT_NEEDS_BASIS = False
    review_claim(claim=plain_claim, editor=editor, status="verified", rationale=RATIONALE)
    assert Review.objects.get().cited_reports == []


def test_quoted_passages_are_the_quoted_clauses():
    rationale = (
        'Report 003 says "no major projects involving the three countries have been '
        'announced so far" and that Wang Yi “stated ... that cooperation should be '
        "strengthened”; the others say “announced”. 「三か国の外相会議が釜山で開かれた」"
    )
    assert quoted_passages(rationale) == [
        "no major projects involving the three countries have been announced so far",
        "that cooperation should be strengthened",
    ]
    assert quoted_passages("「三か国の外相会議が釜山で開かれたと報じられた。」") == [
        "三か国の外相会議が釜山で開かれたと報じられた。"
    ]
    assert quoted_passages("No quotation at all.") == []


def test_the_demo_decisions_rest_on_reports_they_quote(editor, seeded):
    """Each demo rationale quotes a report of its event: the rule accepts it as written."""
    event = Event.objects.get(slug__startswith="10th")
    claim = Claim.objects.filter(event=event, has_variants=False).first()
    rationale = (
        "[Demo] Our Bitcoin News (003) quotes him saying the three countries should "
        '"resume negotiations on the Japan-China-Korea FTA as soon as possible".'
    )
    review = review_claim(claim=claim, editor=editor, status="verified", rationale=rationale)
    assert review.cited_reports == [seeded["003"].pk]
