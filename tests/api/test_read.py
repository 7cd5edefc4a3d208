import pytest

from claims.models import Claim, Event
from claims.services import review_claim
from tests.factories import make_desk


def test_events_list_counts_each_published_event(api, published):
    body = api.get("/api/v1/events/").json()
    assert body["count"] == 2
    busan = next(e for e in body["results"] if e["place"] == "Busan")
    # Two outlets identified, two articles whose outlet is not: counted as in the claims.
    assert (busan["articles"], busan["sources"]) == (4, 4)
    assert busan["awaiting_review"] > 0 and busan["verified"] == 0


def test_unpublished_events_and_their_claims_are_hidden(api, seeded):
    Event.objects.filter(place="Tokyo").update(is_published=True)
    assert [e["place"] for e in api.get("/api/v1/events/").json()["results"]] == ["Tokyo"]
    busan = Event.objects.get(place="Busan")
    assert api.get(f"/api/v1/events/{busan.slug}/").status_code == 404
    luna = Claim.objects.get(appearances__quote__contains="LUNA")
    response = api.get(f"/api/v1/claims/{luna.pk}/")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_event_account_groups_claims_by_status_with_outlets(api, published, editor):
    from claims.services import review_claim

    luna = Claim.objects.get(appearances__quote__contains="LUNA")
    review_claim(claim=luna, editor=editor, status="disputed", rationale="LUNA vs LUNC.")
    slug = luna.event.slug
    body = api.get(f"/api/v1/events/{slug}/").json()
    disputed = body["claims"]["disputed"]
    assert [c["id"] for c in disputed] == [luna.pk]
    assert disputed[0]["variants"][0]["values"].keys() == {"LUNA", "LUNC"}
    assert disputed[0]["rationale"] == "LUNA vs LUNC."
    assert body["claims"]["unreviewed"]
    fta = next(c for c in body["claims"]["unreviewed"] if c["source_count"] == 4)
    assert {"Cryptopolitan", "Our Bitcoin News"} <= set(fta["outlets"])


def test_claim_detail_has_quotes_evidence_and_public_history(api, published, editor):
    luna = Claim.objects.get(appearances__quote__contains="LUNA")
    review_claim(
        claim=luna,
        editor=editor,
        status="disputed",
        rationale="Tickers differ.",
        evidence=[{"url": "https://example.org/t", "title": "Terra", "stance": "refutes"}],
    )
    body = api.get(f"/api/v1/claims/{luna.pk}/").json()
    quotes = [a["quote"] for a in body["appearances"]]
    assert any("LUNA cryptoasset" in q for q in quotes) and any("LUNC" in q for q in quotes)
    assert body["evidence"] == [
        {"url": "https://example.org/t", "title": "Terra", "stance": "refutes"}
    ]
    assert body["reviews"][0]["to_status"] == "disputed"
    assert "editor" not in body["reviews"][0]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("has_variants=true", 2),
        ("min_independent_sources=2", None),
        ("q=Terraform", 1),
        ("q=LUNC", 1),
        ("status=verified", 0),
    ],
)
def test_claim_filters(api, published, query, expected):
    body = api.get(f"/api/v1/claims/?{query}").json()
    if expected is None:
        assert body["count"] > 0
        assert all(c["independent_source_count"] >= 2 for c in body["results"])
    else:
        assert body["count"] == expected


def test_claims_filter_by_event_and_source(api, published):
    source = published["003"].source
    body = api.get(f"/api/v1/claims/?source={source.pk}&page_size=100").json()
    assert body["count"] == published["003"].appearances.values("claim").distinct().count()
    forum = published["004"].event
    # Counted, not written down: how many of its sentences are claims is the model's call.
    expected = Claim.objects.active().filter(event=forum).count()
    assert 0 < expected < Claim.objects.active().count()
    assert api.get(f"/api/v1/claims/?event={forum.slug}").json()["count"] == expected


@pytest.mark.parametrize(
    "query",
    [
        "status=bogus",
        "min_independent_sources=many",
        "reviewed_since=yesterday",
        "has_variants=perhaps",
        "page=0",
        "page=abc",
        "source=x",
    ],
)
def test_malformed_filters_are_400_or_404_json_never_500(api, published, query):
    response = api.get(f"/api/v1/claims/?{query}")
    assert response.status_code in {400, 404}
    assert set(response.json()) == {"status", "code", "detail", "errors"}


def test_page_size_up_to_100_is_served(api, published):
    body = api.get("/api/v1/claims/?page_size=100").json()
    assert len(body["results"]) == min(body["count"], 100)


def test_articles_filter_by_date_range_and_source_is_shown(api, published):
    body = api.get(
        "/api/v1/articles/?published_after=2023-12-01&published_before=2023-12-31"
    ).json()
    assert [a["title"][:40] for a in body["results"]] == [published["001"].title[:40]]
    # An unnamed outlet, told apart from the other unnamed ones by its headline.
    assert body["results"][0]["source"] == published["001"].source_label
    assert body["results"][0]["source"].startswith("“China, Japan, and South Korea Announce")
    assert body["results"][0]["source"].endswith("” (unnamed outlet)")
    languages = api.get("/api/v1/articles/?language=ja").json()
    assert languages["count"] == 0


def test_sources_list_only_outlets_with_published_articles(api, seeded):
    assert api.get("/api/v1/sources/").json()["count"] == 0
    Event.objects.update(is_published=True)
    names = [s["name"] for s in api.get("/api/v1/sources/").json()["results"]]
    assert names == ["Cryptopolitan", "Our Bitcoin News"]


@pytest.mark.parametrize(
    "url", ["/api/v1/claims/", "/api/v1/events/", "/api/v1/articles/", "/api/v1/sources/"]
)
def test_list_queries_stay_constant_as_data_grows(api, db, url, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_desk(2)
    Event.objects.update(is_published=True)
    with CaptureQueriesContext(connection) as small:
        assert api.get(url).status_code == 200
    make_desk(25)
    Event.objects.update(is_published=True)
    with django_assert_max_num_queries(len(small)):
        api.get(url)


def test_event_account_queries_stay_constant(api, db, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_desk(1)
    Event.objects.update(is_published=True)
    event = Event.objects.get()
    with CaptureQueriesContext(connection) as small:
        api.get(f"/api/v1/events/{event.slug}/")
    for claim in Claim.objects.all()[:1]:
        for n in range(10):
            Claim.objects.create(event=event, text=f"More {n} {claim.pk}")
    with django_assert_max_num_queries(len(small)):
        api.get(f"/api/v1/events/{event.slug}/")


def test_claimreview_of_a_reviewed_claim_and_404_before(api, published, editor):
    from claims.services import review_claim

    luna = Claim.objects.get(appearances__quote__contains="LUNA")
    before = api.get(f"/api/v1/claims/{luna.pk}/claimreview/")
    assert before.status_code == 404
    assert before.json()["code"] == "not_reviewed"
    review_claim(claim=luna, editor=editor, status="disputed", rationale="LUNA vs LUNC.")
    markup = api.get(f"/api/v1/claims/{luna.pk}/claimreview/").json()
    assert markup["@type"] == "ClaimReview"
    assert markup["claimReviewed"] == luna.text
    assert markup["reviewRating"]["alternateName"]
    assert markup["author"]["@type"] == "Organization"
    assert len(markup["itemReviewed"]["appearance"]) == 2
    assert markup["itemReviewed"]["firstAppearance"] in markup["itemReviewed"]["appearance"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Offsets ISO 8601 allows and PostgreSQL would refuse: compared in UTC.
        ("reviewed_since=2000-01-01T00:00:00%2B16:57", 1),
        ("reviewed_until=8325-10-07T11:25:38-18:59", 1),
        # Before year 1 or after 9999 once in UTC: before or after every review.
        ("reviewed_since=0001-01-01T00:00:00%2B10:00", 1),
        ("reviewed_until=0001-01-01T00:00:00%2B10:00", 0),
        ("reviewed_since=9999-12-31T23:00:00-10:00", 0),
    ],
)
def test_review_time_filters_take_any_iso_offset(
    api, published, editor, luna_claim, query, expected
):
    review_claim(claim=luna_claim, editor=editor, status="disputed", rationale="Tickers differ.")
    response = api.get(f"/api/v1/claims/?{query}")
    assert response.status_code == 200, response.json()
    assert response.json()["count"] == expected
