"""Acceptance on the demo data: what the desk makes of the five seed articles."""

from datetime import date
from io import StringIO

from django.core.management import call_command

from articles.models import Article, Source
from claims.models import Appearance, Claim, Event
from tests.seed_facts import FURNITURE


def _files(claim):
    return {a.article.file_name[:3] for a in claim.appearances.select_related("article")}


def test_seeds_make_exactly_two_events(seeded):
    assert Event.objects.count() == 2
    busan = seeded["000"].event
    assert {seeded[n].event for n in ("000", "001", "002", "003")} == {busan}
    assert seeded["004"].event != busan
    assert busan.place == "Busan"
    assert "Foreign Ministers" in busan.title
    assert "Beijing-Tokyo Forum" in seeded["004"].event.title


def test_fta_call_is_one_claim_reported_by_at_least_three_articles(seeded):
    claims = Claim.objects.filter(appearances__quote__icontains="Free Trade Agreement").distinct()
    fta = max(claims, key=lambda c: c.appearances.count())
    # 003 words it "resume negotiations on the Japan-China-Korea FTA as soon as possible".
    assert _files(fta) == {"000", "001", "002", "003"}


def test_terraform_sentence_is_one_claim_flagged_luna_versus_lunc(seeded):
    claim = Claim.objects.get(appearances__quote__contains="LUNA")
    assert _files(claim) == {"001", "002"}
    assert claim.has_variants
    code = next(v for v in claim.variants if v["kind"] == "code")
    assert code["values"] == {"LUNA": [seeded["001"].id], "LUNC": [seeded["002"].id]}


def test_announced_versus_called_for_is_flagged(seeded):
    claim = Claim.objects.get(appearances__quote__startswith="In a landmark development")
    stance = next(v for v in claim.variants if v["kind"] == "stance")
    assert seeded["003"].id in stance["values"]["called for"]
    assert seeded["001"].id in stance["values"]["announced"]


def test_close_paraphrases_are_detected(seeded):
    group = {seeded[n].independence_root_id for n in ("000", "001", "002")}
    assert len(group) == 1
    assert seeded["003"].independence_root_id not in group
    assert seeded["003"].copy_of is None


def test_claims_only_from_paraphrases_count_fewer_independent_sources(seeded):
    paraphrase_ids = {seeded[n].id for n in ("000", "001", "002")}
    only_paraphrases = [
        c
        for c in Claim.objects.filter(source_count__gte=2)
        if {a.article_id for a in c.appearances.all()} <= paraphrase_ids
    ]
    assert only_paraphrases
    for claim in only_paraphrases:
        assert claim.independent_source_count == 1 < claim.source_count


def test_fta_claim_counts_the_independent_report(seeded):
    claim = Claim.objects.get(
        appearances__article=seeded["003"], appearances__quote__contains="FTA"
    )
    assert claim.source_count == 4
    assert claim.independent_source_count == 2


def test_no_claim_or_quote_contains_page_furniture(seeded):
    for claim in Claim.objects.all():
        for word in FURNITURE:
            assert word.lower() not in claim.text.lower()
    for appearance in Appearance.objects.all():
        for word in FURNITURE:
            assert word.lower() not in appearance.quote.lower()


def test_quotes_point_at_the_stored_clean_text(seeded):
    for appearance in Appearance.objects.select_related("article"):
        assert appearance.article.body[appearance.start : appearance.end] == appearance.quote


def test_opinion_filler_is_not_a_claim(seeded):
    texts = " ".join(Claim.objects.values_list("text", flat=True))
    assert "bodes well" not in texts
    assert "is crucial for maintaining a competitive edge" not in texts


def test_dates_are_resolved_only_as_far_as_the_text_allows(seeded):
    dated = seeded["001"]
    assert (dated.published_on, dated.date_precision) == (date(2023, 12, 6), "day")
    relative = seeded["003"]
    assert relative.published_on is None
    assert relative.date_precision == "unknown"
    assert relative.date_phrase == "11 months ago"
    assert seeded["001"].author == "Sharan Kaur Phillora"


def test_year_less_meeting_date_is_never_after_the_reports(seeded):
    busan = seeded["000"].event
    assert busan.starts_on == date(2023, 11, 26)
    assert busan.starts_on <= seeded["001"].published_on
    # The forum's reports carry no date at all, so its "December 3 to 5" stays unknown.
    assert seeded["004"].event.starts_on is None


def test_sources_come_from_the_texts_own_cues_or_stay_unknown(seeded):
    assert seeded["000"].source.name == "Cryptopolitan"
    assert seeded["000"].source.domain == "cryptopolitan.com"
    assert seeded["003"].source.name == "Our Bitcoin News"
    for unnamed in ("001", "002", "004"):
        assert seeded[unnamed].source is None
    assert set(Article.objects.needing_source().values_list("file_name", flat=True)) == {
        seeded[n].file_name for n in ("001", "002", "004")
    }
    assert Source.objects.count() == 2


def test_ingesting_seeds_twice_changes_nothing(seeded, seeds_dir):
    def counts():
        return [m.objects.count() for m in (Source, Article, Event, Claim, Appearance)]

    before = counts()
    out = StringIO()
    call_command("ingest", str(seeds_dir), stdout=out)
    assert counts() == before
    assert "0 new, 5 unchanged, 0 failed" in out.getvalue()
