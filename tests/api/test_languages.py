"""The API gives each report's language, filters claims by it, and names the same claim in
other languages."""

import pytest

from claims.models import Appearance, ClaimLink

from ..multilingual_desk import build


@pytest.fixture
def desk(db, editor):
    return build(editor)


def test_claims_filter_by_the_language_of_their_reports(client, desk):
    event, _ = desk
    for language in ("ja", "ko", "zh-Hans", "en"):
        body = client.get("/api/v1/claims/", {"language": language, "page_size": 100}).json()
        expected = set(
            Appearance.objects.filter(
                article__language=language, claim__event=event, claim__merged_into=None
            )
            .exclude(claim__status="not_check_worthy")
            .values_list("claim_id", flat=True)
        )
        assert expected and {c["id"] for c in body["results"]} == expected
    assert client.get("/api/v1/claims/", {"language": "th"}).json()["results"] == []


def test_a_claim_names_the_same_claim_in_other_languages_and_its_reports_their_own(client, desk):
    event, _ = desk
    link = ClaimLink.objects.filter(status=ClaimLink.Status.LINKED, claim__event=event).first()
    english = client.get(f"/api/v1/claims/{link.same_as_id}/").json()
    others = english["same_claim_in_other_languages"]
    assert link.claim_id in {o["id"] for o in others}
    assert {o["language"] for o in others} <= {"ja", "ko", "zh-Hans", "zh-Hant"}
    assert {a["language"] for a in english["appearances"]} == {"en"}
    cjk = client.get(f"/api/v1/claims/{link.claim_id}/").json()
    assert [o["id"] for o in cjk["same_claim_in_other_languages"]] == [link.same_as_id]
    assert cjk["same_claim_in_other_languages"][0]["language"] == "en"


def test_a_proposed_link_is_not_named(client, desk):
    event, _ = desk
    link = ClaimLink.objects.filter(status=ClaimLink.Status.LINKED, claim__event=event).first()
    ClaimLink.objects.filter(pk=link.pk).update(status=ClaimLink.Status.PROPOSED)
    cjk = client.get(f"/api/v1/claims/{link.claim_id}/").json()
    assert cjk["same_claim_in_other_languages"] == []
