"""Every /api/ answer is JSON in the documented error shape, even when no API view ran."""

import json

import pytest
from django.test import Client

from articles.models import Article
from claims.api.views import ClaimViewSet

from .conftest import as_user

ERROR_KEYS = {"status", "code", "detail", "errors"}


def error_of(response) -> dict:
    assert response["Content-Type"] == "application/json", response["Content-Type"]
    body = json.loads(response.content)
    assert set(body) == ERROR_KEYS, body
    assert body["status"] == response.status_code
    return body


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/claims/%C2%84/",
        "/api/v1/claims/%C2%84/review/",
        "/api/v1/sources/12345678901234567890/",
        "/api/v1/events/%C2%84/",
        "/api/v1/no-such-list/",
        "/api/v2/",
        "/api/v1/claims/1/claimreview.json/",
        "/api/v1/claims/merge.json",
    ],
)
def test_unknown_api_addresses_answer_json_404(api, db, path):
    response = api.get(path)
    assert response.status_code == 404
    assert error_of(response)["code"] == "not_found"


def test_unknown_pages_still_answer_the_html_404_page(client, db):
    response = client.get("/claims/%C2%84/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "Page not found" in response.content.decode()


def test_a_body_over_the_request_cap_gets_413_and_nothing_is_ingested(api, contributor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    text = "Ministers met in Busan\n\n" + "They said so. " * 200
    response = as_user(api, contributor).post("/api/v1/articles/", {"text": text}, format="json")
    assert response.status_code == 413
    body = error_of(response)
    assert body["code"] == "too_large"
    assert "1000 bytes" in body["detail"]
    assert not Article.objects.exists()


def test_a_form_body_over_the_request_cap_gets_413_too(api, contributor, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    response = as_user(api, contributor).post(
        "/api/v1/articles/", {"text": "x" * 2000}, format="multipart"
    )
    assert response.status_code == 413
    assert error_of(response)["code"] == "too_large"


def test_a_bug_in_an_api_view_answers_json_500(published, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(ClaimViewSet, "list", broken)
    response = Client(raise_request_exception=False).get("/api/v1/claims/")
    assert response.status_code == 500
    assert error_of(response)["code"] == "server_error"
    assert "a bug" not in response.content.decode()  # no internals leak
