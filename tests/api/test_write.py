import pytest

from articles.models import Article
from claims.models import Claim, Review, WordingChange
from tests.api.conftest import as_user


@pytest.fixture
def luna(published):
    return Claim.objects.get(appearances__quote__contains="LUNA")


def _review(api, claim, **body):
    return api.post(f"/api/v1/claims/{claim.pk}/review/", body, format="json")


def test_editor_disputes_with_rationale(api, editor, luna):
    response = _review(
        as_user(api, editor),
        luna,
        status="disputed",
        rationale="LUNA in 001, LUNC in 002.",
        version=luna.version,
    )
    assert response.status_code == 201
    assert response.json()["status"] == "disputed"
    assert Review.objects.get().editor == editor


def test_a_one_word_rationale_is_400_and_changes_nothing(api, editor, luna, settings):
    settings.FACTDESK_MIN_RATIONALE_CHARS = 40
    response = _review(
        as_user(api, editor), luna, status="verified", rationale="ok", version=luna.version
    )
    assert response.status_code == 400
    assert "at least 40 characters" in response.content.decode()
    assert not Review.objects.exists()


def test_a_verdict_needs_evidence_or_a_cited_report(api, editor, luna, settings):
    """With the desk's rule on: nothing to follow is 400; a cited report or a link is 201."""
    settings.FACTDESK_VERDICT_NEEDS_BASIS = True
    as_user(api, editor)
    rationale = "LUNA in one report, LUNC in the other: they name different tokens."
    refused = _review(api, luna, status="disputed", rationale=rationale, version=luna.version)
    assert refused.status_code == 400
    assert "add an evidence link, or cite a report" in refused.json()["detail"]
    assert not Review.objects.exists()
    elsewhere = Article.objects.exclude(event=luna.event).first()
    wrong = _review(api, luna, status="disputed", rationale=rationale, cited_reports=[elsewhere.pk])
    assert wrong.status_code == 400
    assert f"Article {elsewhere.pk}: not a report of this claim's event" in wrong.json()["detail"]
    report = luna.appearances.first().article_id
    cited = _review(
        api,
        luna,
        status="disputed",
        rationale=rationale,
        cited_reports=[report],
        version=luna.version,
    )
    assert cited.status_code == 201
    assert cited.json()["reviews"][0]["cited_reports"] == [report]
    link = {"url": "https://example.org/terra", "title": "Terra's tokens", "stance": "refutes"}
    luna.refresh_from_db()
    again = _review(
        api,
        luna,
        status="disputed",
        rating="false",
        rationale=rationale,
        evidence=[link],
        version=luna.version,
    )
    assert again.status_code == 201
    assert again.json()["evidence"][0]["url"] == "https://example.org/terra"


def test_review_without_rationale_is_400_and_changes_nothing(api, editor, luna):
    response = _review(as_user(api, editor), luna, status="verified", rationale=" ")
    assert response.status_code == 400
    assert "rationale is required" in response.json()["detail"]
    luna.refresh_from_db()
    assert luna.status == "unreviewed"


def test_stale_review_is_409_with_a_clear_body(api, editor, other_editor, luna):
    loaded = luna.version
    _review(as_user(api, other_editor), luna, status="disputed", rationale="x", version=loaded)
    response = _review(as_user(api, editor), luna, status="verified", rationale="y", version=loaded)
    assert response.status_code == 409
    assert response.json()["code"] == "conflict"
    assert "changed by second_editor" in response.json()["detail"]


def test_anonymous_write_is_401_and_contributor_review_is_403(api, contributor, luna):
    assert _review(api, luna, status="verified", rationale="x").status_code == 401
    response = _review(as_user(api, contributor), luna, status="verified", rationale="x")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert not Review.objects.exists()


def test_reader_account_cannot_write_anything(api, reader, luna):
    as_user(api, reader)
    assert _review(api, luna, status="verified", rationale="x").status_code == 403
    assert api.patch(f"/api/v1/claims/{luna.pk}/", {"text": "x"}, format="json").status_code == 403
    assert api.post("/api/v1/articles/", {"text": "Hello"}, format="json").status_code == 403
    merge = {"target": luna.pk, "others": [luna.pk + 1]}
    assert api.post("/api/v1/claims/merge/", merge, format="json").status_code == 403


def test_contributor_edits_wording_and_history_keeps_old(api, contributor, luna):
    as_user(api, contributor)
    response = api.patch(
        f"/api/v1/claims/{luna.pk}/", {"text": "Prosecutors probe Terraform."}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["text"] == "Prosecutors probe Terraform."
    assert WordingChange.objects.get().old_text.startswith("This includes")


def test_an_empty_wording_patch_changes_nothing(api, contributor, luna):
    """PATCH names what changes (the schema makes every field optional): nothing named,
    nothing changed, no history written."""
    response = as_user(api, contributor).patch(f"/api/v1/claims/{luna.pk}/", {}, format="json")
    assert response.status_code == 200
    assert response.json()["text"] == luna.text
    assert response.json()["version"] == luna.version
    assert not WordingChange.objects.exists()


def test_editor_merges_claims_and_contributor_cannot(api, editor, contributor, published):
    a = Claim.objects.get(appearances__quote__startswith="Yi encouraged")
    b = Claim.objects.get(appearances__quote__startswith="In his address, Minister Wang Yi")
    body = {"target": a.pk, "others": [b.pk]}
    assert (
        as_user(api, contributor).post("/api/v1/claims/merge/", body, format="json").status_code
        == 403
    )
    response = as_user(api, editor).post("/api/v1/claims/merge/", body, format="json")
    assert response.status_code == 200
    assert len(response.json()["appearances"]) == 3
    missing = as_user(api, editor).post(
        "/api/v1/claims/merge/", {"target": a.pk, "others": [999999]}, format="json"
    )
    assert missing.status_code == 400


def test_contributor_adds_an_article_by_text_idempotently(api, contributor, seeds_dir, db):
    text = (seeds_dir / "004_b261335234301b8b.txt").read_text()
    as_user(api, contributor)
    first = api.post("/api/v1/articles/", {"text": text}, format="json")
    again = api.post("/api/v1/articles/", {"text": text}, format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert Article.objects.count() == 1
    assert "Xu Zhilong" in first.json()["body"]


@pytest.mark.parametrize("payload", [{"text": "   "}, {"text": "\x00\x01"}, {}, {"text": 5}])
def test_bad_article_input_is_400_and_writes_nothing(api, contributor, db, payload):
    response = as_user(api, contributor).post("/api/v1/articles/", payload, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"status", "code", "detail", "errors"}
    assert not Article.objects.exists()


def test_token_authentication_works(api, editor, luna):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=editor)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert _review(api, luna, status="disputed", rationale="Checked.").status_code == 201
