"""The event page and the API tell the same account: the same claims, grouped and
ordered the same way (both read claims.selectors)."""

from django.urls import reverse

from .conftest import BUSAN_SLUG, page


def test_event_page_and_api_list_each_status_in_the_same_order(client, decided):
    tree = page(client.get(reverse("public:event", args=[BUSAN_SLUG])))
    awaiting = [
        page(client.get(reverse("public:event_awaiting", args=[BUSAN_SLUG]), {"page": n}))
        for n in (1, 2)
    ]
    on_page = {
        "verified": tree.xpath("//section[@id='verified']//li[contains(@class,'claim-card')]/@id"),
        "disputed": tree.xpath("//section[@id='disputed']//li[contains(@class,'claim-card')]/@id"),
        "unreviewed": [
            i for t in awaiting for i in t.xpath("//li[contains(@class,'claim-card')]/@id")
        ],
    }
    body = client.get(f"/api/v1/events/{BUSAN_SLUG}/").json()["claims"]
    in_api = {status: [f"claim-{c['id']}" for c in body[status]] for status in on_page}
    assert in_api == on_page
    assert len(on_page["disputed"]) == 2 and len(on_page["unreviewed"]) > 20
