import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from claims.models import Claim


@pytest.fixture
def superuser_client(client, db):
    client.force_login(User.objects.create_superuser("chief", "chief@example.com", "pw"))
    return client


@pytest.mark.parametrize(
    "model",
    ["articles/source", "articles/article", "claims/event", "claims/claim", "claims/review"],
)
def test_admin_lists_every_model(superuser_client, seeded, model):
    response = superuser_client.get(f"/admin/{model}/")
    assert response.status_code == 200


def test_claim_page_shows_every_appearance_quote(superuser_client, seeded):
    claim = Claim.objects.get(appearances__quote__contains="LUNA")
    response = superuser_client.get(reverse("admin:claims_claim_change", args=[claim.pk]))
    # Both reports side by side, the differing tickers highlighted.
    assert "<mark>LUNA</mark> cryptoasset" in response.text
    assert "<mark>LUNC</mark> cryptoasset" in response.text


def test_anonymous_visitor_is_sent_to_login(client, db):
    response = client.get("/admin/claims/claim/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
