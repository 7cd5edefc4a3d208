"""Stage refresh: copy groups, each claim's tally, source counts and variants."""

from datetime import date

from articles.models import Source
from claims.models import Claim
from claims.pipeline.attaching import attach_claims
from claims.pipeline.candidates import candidates_for
from claims.pipeline.refresh import refresh_event

from .conftest import store

STORY = (
    "Ruritania to build Strela dam",
    "President Alma Voss said Ruritania would build a dam on the Strela river by 2028. "
    "Finance Minister Ida Kron said the dam would cost 400 million crowns. "
    "Energy Minister Pavel Orr said the dam would power 90,000 homes. "
    "Voss said construction would start in the spring.",
)


def _ingested(event, title, body, source, day=date(2025, 3, 3)):
    article = store(event, title, body, day, source=source)
    attach_claims(article=article, candidates=candidates_for(body))
    refresh_event(event, added=article)
    return article


def test_each_outlet_counts_once_and_a_copy_is_not_independent(seeded_event):
    wire, paper, copier = (Source.objects.create(name=n) for n in ("Wire", "Paper", "Copier"))
    original = _ingested(seeded_event, *STORY, wire)
    copy = _ingested(seeded_event, "Copied: " + STORY[0], STORY[1], copier)
    rewrite = (
        "Ruritania will build a dam on the Strela river by 2028, President Alma Voss said. "
        "The harbour master of Port Kell said fishing boats would be inspected every spring."
    )
    _ingested(seeded_event, "Dam plan", rewrite, paper)
    dam = Claim.objects.get(event=seeded_event, text__contains="build a dam")
    assert (dam.source_count, dam.independent_source_count) == (3, 2)
    copy.refresh_from_db()
    assert copy.copy_of_id == original.id


def test_differing_numbers_make_a_variant_not_another_claim(seeded_event):
    _ingested(seeded_event, *STORY, Source.objects.create(name="Wire"))
    other = STORY[1].replace("400 million", "450 million")
    _ingested(seeded_event, "Dam to cost more", other, Source.objects.create(name="Paper"))
    cost = Claim.objects.get(event=seeded_event, text__contains="cost")
    assert cost.has_variants
    assert cost.appearances.count() == 2


def test_a_full_refresh_gives_what_the_added_ones_gave(seeded_event):
    _ingested(seeded_event, *STORY, Source.objects.create(name="Wire"))
    other = STORY[1].replace("400 million", "450 million")
    _ingested(seeded_event, "Dam to cost more", other, Source.objects.create(name="Paper"))
    fields = ("id", "source_count", "independent_source_count", "variants", "tally")
    before = list(Claim.objects.filter(event=seeded_event).order_by("id").values_list(*fields))
    Claim.objects.filter(event=seeded_event).update(
        source_count=0, independent_source_count=0, tally={}
    )
    refresh_event(seeded_event)
    after = list(Claim.objects.filter(event=seeded_event).order_by("id").values_list(*fields))
    assert after == before
