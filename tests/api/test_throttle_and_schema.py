import pytest
import yaml
from rest_framework.throttling import AnonRateThrottle


def test_anonymous_clients_are_throttled(api, published, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    from django.core.cache import cache

    cache.clear()
    codes = [api.get("/api/v1/events/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    cache.clear()


def test_schema_documents_every_operation_and_error(api, db):
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200
    document = yaml.safe_load(response.content)
    assert document["openapi"].startswith("3.")
    review = document["paths"]["/api/v1/claims/{id}/review/"]["post"]["responses"]
    assert {"201", "400", "401", "403", "404", "409"} <= set(review)


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_are_served_without_third_party_assets(api, db, url):
    page = api.get(url).content.decode()
    assert "cdn" not in page.lower()
    assert "/static/drf_spectacular_sidecar/" in page
