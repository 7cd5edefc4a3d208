"""ClaimReview JSON-LD on claim pages: for search engines and fact-check aggregators."""

import json
from datetime import date

from django.utils import timezone

from claims.jsonld import claim_review, claimants
from claims.models import Claim
from claims.reader.sitemaps import article_path, claim_path
from claims.services import edit_claim_wording, review_claim, split_appearance

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
    review = claim_review(decided.fta)
    assert review["url"] == f"https://factdesk.example{claim_path(decided.fta)}"
    assert review["author"]["url"] == "https://factdesk.example/"


def test_markup_in_the_wording_cannot_break_out_of_the_script(client, decided, editor):
    hostile = 'LUNA </script><script>alert("x")</script> & more'
    edit_claim_wording(claim=decided.luna, editor=editor, text=hostile)
    review_claim(claim=decided.luna, editor=editor, status="disputed", rationale="Reworded.")
    response = client.get(claim_path(decided.luna), follow=True)
    tree = page(response)
    scripts = tree.xpath("//script")
    assert len(scripts) == 1
    assert json.loads(scripts[0].text)["claimReviewed"] == hostile


def test_a_claim_decided_value_by_value_gets_one_claim_review_per_value(client, decided, published):
    (markup,) = embedded(client, decided.announced)
    assert markup["@context"] == "https://schema.org"
    reviews = {r["reviewRating"]["alternateName"]: r for r in markup["@graph"]}
    assert set(reviews) == {"Verified", "Disputed"}

    def reporting(review) -> set[str]:
        return {a["url"] for a in review["itemReviewed"]["appearance"]}

    def url(n) -> str:
        return f"http://testserver{article_path(published[n])}"

    # The outlet that said "called for" is an appearance of the verified value only.
    assert reporting(reviews["Verified"]) == {url("003")}
    assert url("003") not in reporting(reviews["Disputed"])
    assert reporting(reviews["Disputed"]) == {url("000"), url("001")}
    assert "should be strengthened" in reviews["Verified"]["claimReviewed"]
    assert reviews["Verified"]["url"].endswith("#value-stance-called-for")
    # The API serves the same reviews.
    api = client.get(f"/api/v1/claims/{decided.announced.pk}/claimreview/").json()
    assert {r["claimReviewed"]: reporting(r) for r in api["@graph"]} == {
        r["claimReviewed"]: reporting(r) for r in markup["@graph"]
    }


def test_first_appearance_is_the_earliest_original_not_a_paraphrase(client, decided, published):
    (review,) = embedded(client, decided.fta)
    first = review["itemReviewed"]["firstAppearance"]
    # 001 is the only dated report, but it paraphrases 000: 000 made the claim first.
    assert published["001"].copy_of_id == published["000"].pk
    assert first["url"] == f"http://testserver{article_path(published['000'])}"
    assert first["headline"] == published["000"].title


def test_claimant_is_named_when_the_text_names_who_said_it(client, decided):
    # "He stressed the urgency …": the report names Wang Yi just before.
    (review,) = embedded(client, decided.fta)
    assert review["itemReviewed"]["author"] == {"@type": "Person", "name": "Wang Yi"}
    # Nobody is named as saying the LUNA/LUNC sentence: no author is invented.
    (luna,) = embedded(client, decided.luna)
    assert "author" not in luna["itemReviewed"]


def test_claimants_are_found_as_titled_or_described_speakers():
    assert claimants("At the meeting, Chinese Foreign Minister Wang Yi emphasized it.") == [
        "Wang Yi"
    ]
    assert claimants("Xu Zhilong, editor-in-chief of Science and Technology Daily, said so.") == [
        "Xu Zhilong"
    ]
    assert claimants(
        "South Korean Foreign Minister Park Jin and Japanese Foreign Minister Yoko Kamikawa "
        "echoed the sentiment."
    ) == ["Park Jin", "Yoko Kamikawa"]
    assert claimants("He said so.", speaker="Gao Shaolin") == ["Gao Shaolin"]
    assert claimants("In Japan, the party established a team.") == []
    assert claimants("China, Japan, and South Korea have pledged to cooperate.") == []


def test_a_claim_whose_decided_values_are_gone_is_still_reviewed(decided, editor):
    called_for = decided.announced.appearances.get(quote__contains="should be strengthened")
    split_appearance(appearance=called_for, editor=editor)  # no report differs any more
    claim = (
        Claim.objects.with_appearances().prefetch_related("reviews").get(pk=decided.announced.pk)
    )
    assert claim.variants == [] and claim.variant_decisions
    review = claim_review(claim)
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == claim.text
    assert review["reviewRating"]["alternateName"] == "Disputed"
