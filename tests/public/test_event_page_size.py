"""The event page names a fixed number of outlets and claims, whatever the event's size,
and links to a search of the event for the rest."""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.urls import reverse
from django.utils import translation

from claims import selectors
from claims.models import Claim, Event
from claims.reader import charts
from claims.reader.sitemaps import event_path
from claims.reader.views import DECIDED_CARDS

from .conftest import page, text
from .factories import make_public_desk

PAGE_LIMIT = 100 * 1024


@pytest.fixture(autouse=True)
def rendered_every_time(settings):
    settings.FACTDESK_PAGE_CACHE = False


def decide_many(event: Event) -> None:
    """Most of the event's claims decided, so that both decided sections overflow."""
    claims = list(event.claims.order_by("pk").values_list("pk", flat=True))
    Claim.objects.filter(pk__in=claims[::2]).update(status=Claim.Status.VERIFIED)
    Claim.objects.filter(pk__in=claims[1::2]).update(status=Claim.Status.DISPUTED)


def event_page(client, event):
    response = client.get(event_path(event))
    return response, page(response)


def test_the_page_names_a_fixed_number_of_outlets_and_links_to_the_rest(client, editor):
    sizes = {}
    for size in (30, 120):
        event = make_public_desk(size, editor)
        decide_many(event)
        response, tree = event_page(client, event)
        sizes[size] = len(response.content)
        outlets = tree.xpath("//section[@id='sources']/ul[@class='outlets']/li")
        assert len(outlets) == selectors.OUTLETS_SHOWN
        more = tree.xpath("//section[@id='sources']/p[@class='more-link']/a")
        assert [a.get("href") for a in more] == [f"{reverse('public:search')}?event={event.slug}"]
        # size + 3 outlets in all: make_desk's three and `size` more
        shown = selectors.OUTLETS_SHOWN
        assert f"and {size + 3 - shown} more outlets" in text(more[0])
        chart = tree.xpath("//svg[@class='agreement']")[0]
        assert len(chart.xpath(".//*[@class='column-label']")) == shown
        caption = text(tree.xpath("//figcaption[@id='agreement-caption']")[0])
        assert f"{size + 3 - shown} more outlets are not charted" in caption
        assert "listed above" not in caption  # single-outlet claims are not on the page
        for status in ("verified", "disputed"):
            section = tree.xpath(f"//section[@id='{status}']")[0]
            assert len(section.xpath(".//li[contains(@class, 'claim-card')]")) == DECIDED_CARDS
            link = section.xpath("./p[@class='more-link']/a/@href")
            assert link == [f"{reverse('public:search')}?event={event.slug}&status={status}"]
        card = tree.xpath("//li[contains(@class, 'claim-card')]")[0]
        assert len(card.xpath("./ul[@class='reports']/li")) == selectors.REPORTS_PER_CARD
        assert "more reporting articles" in text(card)
    assert sizes[120] < PAGE_LIMIT
    # Four times the outlets and claims: the page may differ by a few digits, no more.
    assert sizes[120] < sizes[30] * 1.03, sizes


def test_outlets_are_ranked_by_independent_reports_ties_in_first_report_order():
    def outlet(name, *copies):
        articles = [SimpleNamespace(copy_of_id=7 if copy else None) for copy in copies]
        return selectors.Outlet(source=name, articles=articles)

    outlets = [
        outlet("early", False),
        outlet("copier", True, True, True),
        outlet("busy", False, False, True),
        outlet("late", False),
        outlet("steady", False, False),
    ]
    ranked = [o.source for o in selectors.rank_outlets(outlets)]
    assert ranked == ["busy", "steady", "early", "late", "copier"]


def test_a_small_event_lists_every_outlet_without_a_more_link(client, editor):
    event = make_public_desk(2, editor)
    response, tree = event_page(client, event)
    assert len(tree.xpath("//section[@id='sources']/ul[@class='outlets']/li")) == 5
    assert not tree.xpath("//section[@id='sources']/p[@class='more-link']")
    caption = text(tree.xpath("//figcaption[@id='agreement-caption']")[0])
    assert "Which of the 5 outlets report" in caption
    assert "not charted" not in caption


def test_a_long_coverage_span_is_drawn_a_bar_per_few_days():
    articles = [
        SimpleNamespace(published_on=date(2024, 1, 1) + timedelta(days=n)) for n in range(400)
    ]
    event = SimpleNamespace(starts_on=date(2024, 1, 1), ends_on=None)
    with translation.override("en"):
        chart = charts.coverage_timeline(event=event, articles=articles)
    assert len(chart.bars) <= charts.MAX_BARS
    assert sum(bar.count for bar in chart.bars) == 400
    assert chart.bars[0].label == "Jan. 1, 2024 – Jan. 7, 2024: 7"
    assert all(charts.PLOT_LEFT <= bar.x <= chart.plot_right for bar in chart.bars)
    short = charts.coverage_timeline(event=event, articles=articles[:30])
    assert [bar.count for bar in short.bars] == [1] * 30  # a bar a day


def test_a_card_names_the_first_few_differing_values_and_the_claim_page_all(client, editor):
    event = make_public_desk(2, editor)
    articles = list(event.articles.order_by("pk").values_list("pk", flat=True))
    claim = event.claims.order_by("pk").last()
    values = {f"V{n}": [articles[n % len(articles)]] for n in range(10)}
    Claim.objects.filter(pk=claim.pk).update(
        status=Claim.Status.VERIFIED, variants=[{"kind": "code", "values": values}]
    )
    _, tree = event_page(client, event)
    card = tree.xpath(f"//li[@id='claim-{claim.pk}']")[0]
    assert len(card.xpath(".//strong[@class='variant-value']")) == selectors.VALUES_PER_CARD
    more = card.xpath(".//div[@class='variants']//li[@class='more-link']/a")[0]
    assert f"and {10 - selectors.VALUES_PER_CARD} more values" in text(more)
    claim_page = page(client.get(more.get("href")))
    assert len(claim_page.xpath("//strong[@class='variant-value']")) == 10
