"""Readers see the same claim in other languages beside the English one."""

import pytest

from claims.models import Claim, ClaimLink
from claims.reader.sitemaps import claim_path, event_path

from ..multilingual_desk import build
from .conftest import page, text


@pytest.fixture
def desk(db, editor):
    return build(editor)


def test_the_event_page_shows_each_claim_with_its_reports_in_other_languages(client, desk):
    event, articles = desk
    tree = page(client.get(event_path(event)))
    nested = tree.xpath(
        "//li[contains(@class,'claim-card')]//div[@class='other-languages']//a[@lang]"
    )
    languages = {a.get("lang") for a in nested}
    # Japanese, Korean and Chinese claims, each in its own language, inside English cards.
    assert {"ja", "ko", "zh-Hans"} <= languages
    links = ClaimLink.objects.filter(status=ClaimLink.Status.LINKED, claim__event=event)
    for link in links:
        card = tree.xpath(f"//li[@id='claim-{link.same_as_id}']")
        if card:  # decided English claims have cards on the event page
            shown = {a.get("href") for a in card[0].xpath(".//div[@class='other-languages']//a")}
            assert claim_path(link.claim) in shown


def test_a_proposed_link_is_not_shown_to_readers(client, desk):
    event, _ = desk
    link = ClaimLink.objects.filter(status=ClaimLink.Status.LINKED, claim__event=event).first()
    ClaimLink.objects.filter(pk=link.pk).update(status=ClaimLink.Status.PROPOSED)
    tree = page(client.get(event_path(event)))
    card = tree.xpath(f"//li[@id='claim-{link.same_as_id}']")[0]
    shown = {a.get("href") for a in card.xpath(".//div[@class='other-languages']//a")}
    assert claim_path(link.claim) not in shown


def test_a_cjk_claim_page_names_the_english_claim_and_back(client, desk):
    event, _ = desk
    link = ClaimLink.objects.filter(status=ClaimLink.Status.LINKED, claim__event=event).first()
    cjk_page = page(client.get(claim_path(link.claim)))
    same_as = cjk_page.xpath("//p[@class='same-as']/a")[0]
    assert same_as.get("href") == claim_path(link.same_as)
    assert same_as.get("lang") == "en"
    english_page = page(client.get(claim_path(link.same_as)))
    section = english_page.xpath("//section[@aria-labelledby='languages-title']")[0]
    assert claim_path(link.claim) in {a.get("href") for a in section.xpath(".//a")}
    assert Claim.objects.get(pk=link.claim_id).text in text(section)
