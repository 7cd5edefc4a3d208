"""The event page: the consolidated account of one event, for readers."""

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.services import merge_claims, set_event_published
from claims.sitemaps import article_path, claim_path

from .conftest import BUSAN_SLUG, claim_quoting, page, text


def event_page(client, slug=BUSAN_SLUG):
    return page(client.get(reverse("public:event", args=[slug])))


def card(tree, claim):
    (element,) = tree.xpath(f"//li[@id='claim-{claim.pk}']")
    return element


def section_claim_ids(tree, section_id: str) -> set[int]:
    ids = tree.xpath(f"//section[@id='{section_id}']//li[contains(@class, 'claim-card')]/@id")
    return {int(i.removeprefix("claim-")) for i in ids}


def test_verified_disputed_and_awaiting_claims_are_listed_apart(client, decided):
    tree = event_page(client)
    assert section_claim_ids(tree, "verified") == {decided.fta.pk}
    assert section_claim_ids(tree, "disputed") == {decided.announced.pk, decided.luna.pk}
    awaiting = section_claim_ids(tree, "awaiting-review")
    assert awaiting and not awaiting & {decided.fta.pk, decided.announced.pk, decided.luna.pk}
    (notice,) = tree.xpath("//section[@id='awaiting-review']//p[contains(@class, 'notice')]")
    assert "not established facts" in text(notice)


def test_decided_claims_show_the_editors_rationale(client, decided):
    tree = event_page(client)
    assert "no joint project was announced" in text(card(tree, decided.announced))
    assert "Wang Yi called for resuming the FTA talks" in text(card(tree, decided.fta))


def test_luna_and_lunc_are_shown_with_the_article_that_gives_each(client, decided, published):
    luna_card = card(event_page(client), decided.luna)
    values = {
        text(item.xpath(".//strong")[0]): item
        for item in luna_card.xpath(".//div[@class='variants']//li")
    }
    assert set(values) == {"LUNA", "LUNC"}
    assert values["LUNA"].xpath(".//a/@href") == [article_path(published["001"])]
    assert values["LUNC"].xpath(".//a/@href") == [article_path(published["002"])]
    assert published["001"].title in text(values["LUNA"])
    assert published["002"].title in text(values["LUNC"])
    # Neither outlet is known: each is named as unidentified, not guessed.
    assert "Unidentified outlet" in text(values["LUNA"])


def test_announced_versus_called_for_names_the_outlets(client, decided):
    announced_card = card(event_page(client), decided.announced)
    stances = {
        text(item.xpath(".//strong")[0]): text(item)
        for item in announced_card.xpath(".//div[@class='variants']//li")
    }
    assert "Cryptopolitan" in stances["announced"]
    assert "Our Bitcoin News" in stances["called for"]
    assert "Our Bitcoin News" not in stances["announced"]


def test_each_claim_counts_its_sources_names_them_and_links_each_report(client, decided):
    fta_card = card(event_page(client), decided.fta)
    assert "Reported by 4 sources (2 independent)" in text(fta_card)
    reports = fta_card.xpath(".//ul[@class='reports']/li")
    assert len(reports) == 4
    outlets = " ".join(text(r) for r in reports)
    assert "Cryptopolitan" in outlets and "Our Bitcoin News" in outlets
    links = fta_card.xpath(".//ul[@class='reports']//a/@href")
    for appearance in decided.fta.appearances.select_related("article"):
        assert f"{article_path(appearance.article)}#q-{appearance.pk}" in links
    assert fta_card.xpath(".//p[@class='claim-text']/a/@href") == [claim_path(decided.fta)]


def test_paraphrased_reports_are_marked(client, decided, published):
    fta_card = card(event_page(client), decided.fta)
    paraphrases = [r for r in fta_card.xpath(".//ul[@class='reports']/li") if r.xpath(".//span")]
    assert {published[n].title for n in ("001", "002")} <= {
        text(r.xpath(".//cite")[0]) for r in paraphrases
    }


def test_page_says_what_when_where_and_lists_the_sources(client, busan, published):
    tree = event_page(client)
    assert text(tree.xpath("//h1")[0]) == busan.title
    facts = text(tree.xpath("//dl[@class='facts']")[0])
    assert "Busan" in facts and "Nov. 26, 2023" in facts and "4 articles" in facts
    sources = tree.xpath("//section[@id='sources']")[0]
    assert [text(h) for h in sources.xpath(".//h3")].count("Unidentified outlet") == 2
    assert {"Cryptopolitan", "Our Bitcoin News"} <= {text(h) for h in sources.xpath(".//h3")}
    listed = set(sources.xpath(".//ul[@class='outlet-articles']//a/@href"))
    assert listed == {article_path(published[n]) for n in ("000", "001", "002", "003")}
    assert "11 months ago" in text(sources)  # an undated report says what the page said


def test_coverage_timeline_and_agreement_chart_are_server_rendered_svg(client, decided):
    response = client.get(reverse("public:event", args=[BUSAN_SLUG]))
    tree = page(response)
    assert b"<script" not in response.content  # readable without JavaScript
    timeline, agreement = tree.xpath("//section[@id='coverage']//svg")
    assert timeline.get("role") == agreement.get("role") == "img"
    # One dated report (6 December 2023) and three undated ones.
    assert [text(t) for t in timeline.xpath(".//text[@class='count']")] == ["1", "3"]
    assert "Dec. 6, 2023" in text(timeline)
    columns = [text(c) for c in agreement.xpath(".//text[@class='column-label']")]
    assert any("Cryptopolitan" in c for c in columns)
    assert any("Our Bitcoin News" in c for c in columns)
    assert {text(v) for v in agreement.xpath(".//text[@class='value']")} >= {"LUNA", "LUNC"}
    assert "called for" in {text(v) for v in agreement.xpath(".//text[@class='value']")}


def test_an_event_reported_by_one_outlet_says_there_is_nothing_to_compare(client, forum):
    tree = event_page(client, forum.slug)
    assert len(tree.xpath("//section[@id='coverage']//svg")) == 1  # the timeline only
    assert "no agreement to chart" in text(tree.xpath("//section[@id='coverage']")[0])
    assert "date not established" in text(tree.xpath("//dl[@class='facts']")[0])


def test_unpublished_event_is_not_found(client, busan, forum, editor):
    set_event_published(event=busan, editor=editor, published=False)
    assert client.get(reverse("public:event", args=[busan.slug])).status_code == 404
    assert client.get(reverse("public:event", args=["no-such-event"])).status_code == 404
    assert client.get(reverse("public:event", args=[forum.slug])).status_code == 200


def test_merged_claims_are_not_shown(client, busan, editor):
    target = claim_quoting("Yi underscored respecting")
    absorbed = claim_quoting("China, Japan, and South Korea aim to become global leaders")
    merge_claims(target=target, others=[absorbed], editor=editor)
    tree = event_page(client)
    assert not tree.xpath(f"//li[@id='claim-{absorbed.pk}']")
    assert tree.xpath(f"//li[@id='claim-{target.pk}']")
    shown = set().union(*(section_claim_ids(tree, s) for s in ("verified", "disputed")))
    shown |= section_claim_ids(tree, "awaiting-review")
    assert shown == set(Claim.objects.active().filter(event=busan).values_list("pk", flat=True))


@pytest.mark.parametrize("slug", ["Busan", "..", "x" * 300])
def test_odd_event_addresses_are_not_found(client, published, slug):
    assert client.get(f"/events/{slug}/").status_code == 404
