"""Through the API: claims whose reports differ are decided value by value, a reviewed
claim reworded goes back to review, and the API guide's examples do what it says."""

import json
import re
import shlex

from django.conf import settings

from claims.models import Claim, Review
from tests.api.conftest import as_user

LUNC_RIGHT = [
    {"kind": "code", "value": "LUNA", "status": "disputed"},
    {"kind": "code", "value": "LUNC", "status": "verified"},
]


def _luna():
    return Claim.objects.get(appearances__quote__contains="LUNA")


def _review(api, claim, **body):
    return api.post(f"/api/v1/claims/{claim.pk}/review/", body, format="json")


def test_plain_verify_of_luna_lunc_is_400_and_names_the_values(api, editor, published):
    luna = _luna()
    response = _review(as_user(api, editor), luna, status="verified", rationale="Both agree.")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "LUNA / LUNC" in body["detail"] and "decision on each value" in body["detail"]
    assert not Review.objects.exists()


def test_value_decisions_are_recorded_and_published(api, editor, published):
    luna = _luna()
    response = _review(
        as_user(api, editor),
        luna,
        status="disputed",
        rationale="LUNA now names another token.",
        variants=LUNC_RIGHT,
    )
    assert response.status_code == 201
    assert response.json()["variant_decisions"] == LUNC_RIGHT
    api.force_authenticate(None)
    listed = api.get("/api/v1/claims/", {"q": "Terraform"}).json()["results"][0]
    assert listed["variant_decisions"] == LUNC_RIGHT
    event = api.get(f"/api/v1/events/{luna.event.slug}/").json()
    (disputed,) = [c for c in event["claims"]["disputed"] if c["id"] == luna.pk]
    assert disputed["variant_decisions"] == LUNC_RIGHT


def test_bad_value_decisions_are_400(api, editor, published):
    luna = _luna()
    response = _review(
        as_user(api, editor),
        luna,
        status="disputed",
        rationale="x",
        variants=[{"kind": "code", "value": "LUNA", "status": "unreviewed"}],
    )
    assert response.status_code == 400
    assert "variants" in response.json()["errors"]


def test_rewording_a_verified_claim_through_the_api_returns_it_to_review(
    api, editor, contributor, published
):
    claim = Claim.objects.filter(has_variants=False).first()
    _review(as_user(api, editor), claim, status="verified", rationale="Checked.")
    response = as_user(api, contributor).patch(
        f"/api/v1/claims/{claim.pk}/",
        {"text": "A better wording.", "reason": "Clearer."},
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["text"], body["status"], body["rationale"]) == (
        "A better wording.",
        "unreviewed",
        "",
    )
    actions = [(entry["action"], entry["reason"]) for entry in body["history"]]
    assert actions[0] == ("review", "Checked.")
    assert actions[1] == ("reword", "Clearer.")
    assert actions[2][0] == "review" and "wording changed" in actions[2][1]
    assert body["history"][2]["data"]["to"] == "unreviewed"


def _readme_examples() -> list[tuple[str, dict]]:
    """Each claims query of the API guide's examples, with the review body posted after it."""
    readme = (settings.BASE_DIR / "docs" / "api.md").read_text(encoding="utf-8")
    block = readme[readme.index("examples against `make run`") :]
    block = block[: block.index("\n```\n", block.index("```sh") + 5)]
    queries = re.findall(
        r'ID=\$\(curl -s "http://127\.0\.0\.1:8000(/api/v1/claims/\?[^"]+)"', block
    )
    bodies = [json.loads(shlex.split(line)[1]) for line in re.findall(r"-d '.*'", block)]
    assert len(queries) == len(bodies) == 2
    return list(zip(queries, bodies, strict=True))


def test_the_api_guide_examples_verify_an_agreed_claim_and_decide_luna_lunc_by_value(
    api, editor, published, settings
):
    # As on a desk: a verdict needs a basis, here a report's words quoted in the rationale.
    settings.FACTDESK_VERDICT_NEEDS_BASIS = True
    settings.FACTDESK_MIN_RATIONALE_CHARS = 40
    (agreed_query, verify), (luna_query, dispute) = _readme_examples()
    agreed = api.get(agreed_query).json()["results"][0]
    assert not agreed["has_variants"]
    assert verify["status"] == "verified" and "variants" not in verify
    assert (
        _review(as_user(api, editor), Claim.objects.get(pk=agreed["id"]), **verify).status_code
        == 201
    )

    luna = api.get(luna_query).json()["results"][0]
    assert luna["id"] == _luna().pk
    assert _review(api, _luna(), **dispute).status_code == 201
    assert Claim.objects.get(pk=luna["id"]).variant_decisions == dispute["variants"]
