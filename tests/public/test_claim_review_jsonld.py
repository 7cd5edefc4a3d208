"""ClaimReview JSON-LD on claim pages: for search engines and fact-check aggregators."""

import json
from datetime import date

from django.utils import timezone

from claims.jsonld import claim_review
from claims.services import edit_claim_wording
from claims.sitemaps import article_path, claim_path

from .conftest import claim_quoting, page


def embedded(client, claim) -> list[dict]:
    tree = page(client.get(claim_path(claim)))
    return [json.loads(s.text) for s in tree.xpath("//script[@type='application/ld+json']")]


def test_disputed_claim_embeds_a_complete_claim_review(client, decided, published, settings):
    (review,) = embedded(client, decided.luna)
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == decided.luna.text
    assert review["url"] == f"http://testserver{claim_path(decided.luna)}"
    assert review["author"] == {
        "@type": "Organization",
        "name": settings.FACTDESK_NAME,
        "url": "http://testserver/",
    }
    assert date.fromisoformat(review["datePublished"]) == timezone.localdate()
    rating = review["reviewRating"]
    assert rating["@type"] == "Rating"
    assert rating["alternateName"] == "Disputed"
    assert rating["worstRating"] <= rating["ratingValue"] < rating["bestRating"]
    assert "001 names the LUNA token" in rating["ratingExplanation"]


def test_item_reviewed_lists_every_report_and_the_first_one(client, decided, published):
    (review,) = embedded(client, decided.luna)
    item = review["itemReviewed"]
    assert item["@type"] == "Claim"
    urls = {a["url"] for a in item["appearance"]}
    assert urls == {f"http://testserver{article_path(published[n])}" for n in ("001", "002")}
    # 001 is dated (6 December 2023); 002 is not, so 001 is the first known appearance.
    assert item["firstAppearance"]["url"] == f"http://testserver{article_path(published['001'])}"
    assert item["firstAppearance"]["datePublished"] == "2023-12-06"
    assert item["datePublished"] == "2023-12-06"
    assert all(a["headline"] for a in item["appearance"])


def test_verified_claim_names_the_publishers_it_knows(client, decided):
    (review,) = embedded(client, decided.fta)
    assert review["reviewRating"]["alternateName"] == "Verified"
    assert review["reviewRating"]["ratingValue"] == review["reviewRating"]["bestRating"]
    publishers = {
        a["publisher"]["name"] for a in review["itemReviewed"]["appearance"] if "publisher" in a
    }
    assert publishers == {"Cryptopolitan", "Our Bitcoin News"}


def test_unreviewed_claim_embeds_no_claim_review(client, published):
    claim = claim_quoting("first time in four years")
    assert embedded(client, claim) == []
    assert claim_review(claim) is None


def test_without_a_request_urls_use_the_configured_site(decided, settings):
    settings.FACTDESK_SITE_URL = "https://factdesk.example"
    review = claim_review(decided.announced)
    assert review["url"] == f"https://factdesk.example{claim_path(decided.announced)}"
    assert review["author"]["url"] == "https://factdesk.example/"


def test_markup_in_the_wording_cannot_break_out_of_the_script(client, decided, editor):
    hostile = 'LUNA </script><script>alert("x")</script> & more'
    edit_claim_wording(claim=decided.luna, editor=editor, text=hostile)
    response = client.get(claim_path(decided.luna), follow=True)
    tree = page(response)
    scripts = tree.xpath("//script")
    assert len(scripts) == 1
    assert json.loads(scripts[0].text)["claimReviewed"] == hostile
