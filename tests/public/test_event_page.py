"""The event page: the consolidated account of one event, for readers."""

import pytest
from django.urls import reverse

from claims.models import Claim
from claims.reader.sitemaps import article_path, claim_path
from claims.services import merge_claims, set_event_published

from .conftest import BUSAN_SLUG, claim_quoting, page, text


def event_page(client, slug=BUSAN_SLUG):
    return page(client.get(reverse("public:event", args=[slug])))


def card(tree, claim):
    (element,) = tree.xpath(f"//li[@id='claim-{claim.pk}']")
    return element


def section_claim_ids(tree, section_id: str) -> set[int]:
    ids = tree.xpath(f"//section[@id='{section_id}']//li[contains(@class, 'claim-card')]/@id")
    return {int(i.removeprefix("claim-")) for i in ids}


def awaiting_page(client, slug=BUSAN_SLUG, page_number=None):
    query = {"page": page_number} if page_number else {}
    return page(client.get(reverse("public:event_awaiting", args=[slug]), query))


def test_verified_disputed_and_awaiting_claims_are_listed_apart(client, decided, busan):
    tree = event_page(client)
    assert section_claim_ids(tree, "verified") == {decided.fta.pk}
    assert section_claim_ids(tree, "disputed") == {decided.announced.pk, decided.luna.pk}
    awaiting = set().union(
        *(
            section_claim_ids(awaiting_page(client, page_number=n), "awaiting-review")
            for n in (1, 2)
        )
    )
    assert awaiting == set(
        Claim.objects.active().filter(event=busan, status="unreviewed").values_list("pk", flat=True)
    )
    assert not awaiting & {decided.fta.pk, decided.announced.pk, decided.luna.pk}
    (notice,) = tree.xpath("//section[@id='awaiting-review']//p[contains(@class, 'notice')]")
    assert "not established facts" in text(notice)


def test_page_leads_with_the_summary_then_the_charts_then_the_decided_claims(client, decided):
    tree = event_page(client)
    sections = [s.get("id") for s in tree.xpath("//main//section[@id]")]
    assert sections == ["summary", "coverage", "verified", "disputed", "awaiting-review", "sources"]
    (summary,) = tree.xpath("//section[@id='summary']")
    # A point per decided claim, each linking to the claim’s card below.
    points = {a.get("href"): a.getparent() for a in summary.xpath(".//ul[@class='points']/li/a")}
    assert set(points) == {f"#claim-{c.pk}" for c in (decided.fta, decided.announced, decided.luna)}
    # A claim decided value by value says so on its line.
    announced = text(points[f"#claim-{decided.announced.pk}"])
    assert "announced ✗" in announced and "called for ✓" in announced
    # The summary names no claim nobody has checked.
    assert len(summary.xpath(".//ul[@class='points']/li")) == 3


def test_awaiting_claims_are_collapsed_behind_a_count_and_a_link(client, decided, busan):
    tree = event_page(client)
    unreviewed = Claim.objects.active().filter(event=busan, status="unreviewed").count()
    (section,) = tree.xpath("//section[@id='awaiting-review']")
    assert not section.xpath(".//li[contains(@class, 'claim-card')]")
    assert f"{unreviewed} claims have not been checked" in text(section)
    assert section.xpath(".//a/@href") == [reverse("public:event_awaiting", args=[busan.slug])]
    assert f"{unreviewed}" in text(tree.xpath("//a[@href='#awaiting-review']")[0])


def test_the_awaiting_review_list_is_paginated(client, decided, busan, settings):
    unreviewed = list(
        Claim.objects.active()
        .filter(event=busan, status="unreviewed")
        .order_by("-source_count", "-independent_source_count", "id")
        .values_list("pk", flat=True)
    )
    assert len(unreviewed) > 20  # the seeds give more than a page
    first, second = awaiting_page(client), awaiting_page(client, page_number=2)
    ids = [
        int(i.removeprefix("claim-"))
        for tree in (first, second)
        for i in tree.xpath("//li[contains(@class, 'claim-card')]/@id")
    ]
    assert ids == unreviewed  # every one once, in the event page's order
    assert "Page 1 of 2" in text(first.xpath("//nav[@class='pagination']")[0])
    assert awaiting_page(client, page_number="x").xpath("//li[contains(@class, 'claim-card')]")


def test_awaiting_list_of_an_unpublished_event_is_not_found(client, busan, editor):
    set_event_published(event=busan, editor=editor, published=False)
    assert client.get(reverse("public:event_awaiting", args=[busan.slug])).status_code == 404


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
    # Neither outlet is named anywhere: each is said to be unnamed, not guessed, and the
    # two are told apart by their headlines (above), never said twice.
    assert text(values["LUNA"]).count(published["001"].title) == 1
    assert "Unnamed outlet, " in text(values["LUNA"])
    assert "Unnamed outlet, " in text(values["LUNC"])
    assert ".txt" not in text(values["LUNA"]) + text(values["LUNC"])  # never a file name


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
    unnamed = [h for h in sources.xpath(".//h3") if text(h) == "Unnamed outlet"]
    # Two different unnamed outlets, each told apart by the headline listed under it.
    assert len(unnamed) == 2
    headlines = [text(h.getparent().xpath(".//cite")[0]) for h in unnamed]
    assert sorted(headlines) == sorted(published[n].title for n in ("001", "002"))
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
    # Values are drawn isolated (FSI…PDI) so that right-to-left text cannot reorder them.
    values = {text(v).strip("\u2068\u2069") for v in agreement.xpath(".//text[@class='value']")}
    assert values >= {"LUNA", "LUNC", "called for"}


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
    listed = tree.xpath("//li[@id]/@id") + awaiting_page(client).xpath("//li[@id]/@id")
    assert f"claim-{absorbed.pk}" not in listed
    assert f"claim-{target.pk}" in listed
    shown = set().union(*(section_claim_ids(tree, s) for s in ("verified", "disputed")))
    for number in (1, 2):
        shown |= section_claim_ids(awaiting_page(client, page_number=number), "awaiting-review")
    assert shown == set(Claim.objects.active().filter(event=busan).values_list("pk", flat=True))


@pytest.mark.parametrize("slug", ["Busan", "..", "x" * 300])
def test_odd_event_addresses_are_not_found(client, published, slug):
    assert client.get(f"/events/{slug}/").status_code == 404


def test_each_differing_value_shows_its_own_decision(client, decided):
    for tree in (event_page(client), page(client.get(claim_path(decided.announced)))):
        (variants,) = tree.xpath(
            f"//*[@id='claim-{decided.announced.pk}' or contains(@class, 'claim-page')]"
            "//div[@class='variants']"
        )
        badges = {
            text(item.xpath(".//strong")[0]): text(
                item.xpath(".//span[contains(@class, 'badge')]")[0]
            )
            for item in variants.xpath(".//li")
        }
        assert badges == {"announced": "✗ Disputed", "called for": "✓ Verified"}
