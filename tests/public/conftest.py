"""The reader site's fixtures: the seed events published, and a few editorial decisions."""

from types import SimpleNamespace

import lxml.html
import pytest

from claims.models import Claim, Event
from claims.services import review_claim, set_event_published

BUSAN_SLUG = "10th-china-japan-rok-foreign-ministers-meeting"
FORUM_SLUG = "20th-beijing-tokyo-forum"


def claim_quoting(text: str) -> Claim:
    return Claim.objects.active().filter(appearances__quote__contains=text).distinct().get()


def page(response):
    """The response's HTML as an lxml tree, to query with XPath."""
    assert response.status_code == 200, response.status_code
    return lxml.html.fromstring(response.content.decode())


def text(element) -> str:
    return " ".join(element.text_content().split())


@pytest.fixture
def published(seeded, editor):
    """Both seed events published by an editor, as the demo does."""
    for event in Event.objects.all():
        set_event_published(event=event, editor=editor, published=True)
    return seeded


@pytest.fixture
def busan(published) -> Event:
    return Event.objects.get(slug=BUSAN_SLUG)


@pytest.fixture
def forum(published) -> Event:
    return Event.objects.get(slug=FORUM_SLUG)


@pytest.fixture
def decided(published, editor):
    """The FTA call verified; "announced" cooperation disputed (the "called for" report
    verified on its own); LUNA/LUNC disputed as a whole."""
    fta = claim_quoting("resume negotiations on the Japan-China-Korea FTA")
    review_claim(
        claim=fta,
        editor=editor,
        status="verified",
        rationale="All four reports say Wang Yi called for resuming the FTA talks.",
        evidence=[
            {
                "url": "https://example.org/mofa-readout",
                "title": "Foreign ministry readout",
                "stance": "supports",
            }
        ],
    )
    announced = claim_quoting("In a landmark development")
    review_claim(
        claim=announced,
        editor=editor,
        status="disputed",
        rationale="003 says Wang Yi called for cooperation; no joint project was announced.",
        variant_decisions=[
            {"kind": "stance", "value": "announced", "status": "disputed"},
            {"kind": "stance", "value": "called for", "status": "verified"},
        ],
    )
    luna = claim_quoting("LUNA cryptoasset")
    review_claim(
        claim=luna,
        editor=editor,
        status="disputed",
        rationale="001 names the LUNA token, 002 names LUNC in the same sentence.",
    )
    return SimpleNamespace(fta=fta, announced=announced, luna=luna)
