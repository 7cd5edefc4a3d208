"""The front page: published events, most recent activity first, with their counts."""

from django.urls import reverse

from claims.reader.sitemaps import event_path
from claims.services import review_claim, set_event_published

from .conftest import claim_quoting, page, text


def cards(client):
    tree = page(client.get(reverse("public:home")))
    return tree.xpath("//li[@class='event-card']")


def card_counts(card) -> dict[str, int]:
    return {
        text(item.xpath("./dt")[0]).lstrip("✓✗? "): int(text(item.xpath("./dd")[0]))
        for item in card.xpath(".//dl[@class='counts']/div")
    }


def test_home_lists_published_events_with_their_counts(client, decided, busan):
    first, second = cards(client)
    assert first.xpath(".//h3/a/@href") == [event_path(busan)]
    active = busan.claims.filter(merged_into__isnull=True)
    assert card_counts(first) == {
        "Articles": 4,
        "Sources": 4,  # two known outlets and two unidentified ones
        "Verified": 1,
        "Disputed": 2,
        "Awaiting review": active.filter(status="unreviewed").count(),
    }
    assert card_counts(second)["Articles"] == 1
    assert "Busan" in text(first)


def test_most_recent_activity_comes_first(client, decided, forum, editor):
    claim = claim_quoting("Fumihiko Kamio")
    review_claim(claim=claim, editor=editor, status="verified", rationale="Quoted as said.")
    first, _second = cards(client)
    assert first.xpath(".//h3/a/@href") == [event_path(forum)]


def test_unpublished_events_are_not_listed(client, busan, forum, editor):
    set_event_published(event=forum, editor=editor, published=False)
    (only,) = cards(client)
    assert only.xpath(".//h3/a/@href") == [event_path(busan)]


def test_home_says_when_nothing_is_published(client, seeded):
    tree = page(client.get(reverse("public:home")))
    assert "No event has been published yet" in text(tree.xpath("//main")[0])
    assert not tree.xpath("//li[@class='event-card']")
