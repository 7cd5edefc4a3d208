"""Readers' pages and anonymous API reads are cached whole and never go stale."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Source
from claims.models import Claim
from claims.reader.sitemaps import claim_path, event_path, source_path
from claims.services import review_claim

from .factories import make_public_desk


@pytest.fixture
def event(editor):
    return make_public_desk(2, editor)


@pytest.mark.django_db
def test_a_page_seen_again_comes_from_the_cache(client, event, django_assert_max_num_queries):
    first = client.get(event_path(event))
    # The desk's version and the stored page; the session only when a form needs a token.
    with django_assert_max_num_queries(3):
        again = client.get(event_path(event))
    assert again.status_code == 200
    assert again["ETag"] == first["ETag"]
    assert len(again.content) == len(first.content)  # only the nonce differs


@pytest.mark.django_db
def test_a_decision_shows_on_the_next_anonymous_request(client, event, editor):
    claim = Claim.objects.filter(event=event).exclude(status="verified").first()
    before = client.get(claim_path(claim))
    assert b"Three outlets agree." not in before.content
    review_claim(claim=claim, editor=editor, status="verified", rationale="Three outlets agree.")
    after = client.get(claim_path(claim))
    assert after["ETag"] != before["ETag"]
    assert b"Three outlets agree." in after.content


@pytest.mark.django_db
def test_any_write_to_the_desk_reaches_pages_and_api(client, event):
    source = event.articles.first().source
    assert "Renamed outlet" not in client.get(source_path(source), follow=True).content.decode()
    assert "Renamed outlet" not in client.get("/api/v1/sources/").content.decode()
    # A bulk update, with no domain action and no signal, is a write all the same.
    Source.objects.filter(pk=source.pk).update(name="Renamed outlet")
    assert "Renamed outlet" in client.get(source_path(source), follow=True).content.decode()
    assert "Renamed outlet" in client.get("/api/v1/sources/").content.decode()


@pytest.mark.django_db
def test_a_client_holding_the_page_gets_304(client, event):
    etag = client.get(event_path(event))["ETag"]
    assert client.get(event_path(event), HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/api/v1/events/", HTTP_IF_NONE_MATCH='"other"').status_code == 200


@pytest.mark.django_db
def test_each_answer_has_its_own_csrf_token_and_nonce(event):
    from django.test import Client

    answers = []
    for _ in range(2):  # two readers, each with a session of their own
        response = Client().get(event_path(event))
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', response.content)
        assert f'nonce="{nonce}"'.encode() in response.content
        assert b"\x00" not in response.content
        answers.append((nonce, token.group(1) if token else None))
    assert answers[0][0] != answers[1][0]
    if answers[0][1]:
        assert answers[0][1] != answers[1][1]


@pytest.mark.django_db
def test_desk_members_are_never_served_the_cache(client, event, editor):
    client.get(event_path(event))  # stored for readers
    client.force_login(editor)
    client.get(event_path(event))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(event_path(event))
    assert page.status_code == 200
    # The session, the user, then the page's own queries: rendered for them.
    assert not any("factdesk_cache" in query["sql"] for query in queries.captured_queries)
    assert len(queries.captured_queries) > 4


@pytest.mark.django_db
def test_a_language_and_an_address_are_cached_apart(client, event):
    english = client.get(event_path(event), HTTP_ACCEPT_LANGUAGE="en")
    japanese = client.get(event_path(event), HTTP_ACCEPT_LANGUAGE="ja")
    assert english["ETag"] != japanese["ETag"]
    assert b'lang="ja"' in japanese.content
    first = client.get("/api/v1/claims/?page_size=1").json()
    assert len(first["results"]) == 1
    assert len(client.get("/api/v1/claims/?page_size=2").json()["results"]) == 2


def _stored_pages() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM factdesk_cache")
        return cursor.fetchone()[0]


@pytest.mark.django_db
def test_junk_query_strings_do_not_fill_the_cache(client, event):
    client.get(event_path(event))
    before = _stored_pages()
    answers = {
        client.get(f"{event_path(event)}?utm_source=x{n}&fbclid={n}").status_code
        for n in range(300)
    }
    assert answers == {200}
    assert _stored_pages() - before <= 10


@pytest.mark.django_db
def test_a_tagged_link_gets_the_page_cached_for_its_address(
    client, event, django_assert_max_num_queries
):
    first = client.get(event_path(event))
    with django_assert_max_num_queries(3):
        tagged = client.get(f"{event_path(event)}?utm_campaign=newsletter")
    assert tagged["ETag"] == first["ETag"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("address", "accept"),
    [
        ("/api/v1/claims/", None),
        ("/api/v1/claims/?page_size=5", "application/json"),
        ("/api/v1/events/{slug}/", "*/*"),
        ("/api/v1/events/{slug}/export/?format=csv", None),
    ],
)
def test_a_cached_api_answer_is_found_before_drf_runs(client, event, monkeypatch, address, accept):
    from rest_framework.views import APIView

    address = address.format(slug=event.slug)
    headers = {} if accept is None else {"HTTP_ACCEPT": accept}
    first = client.get(address, **headers)
    assert first.status_code == 200

    def drf_ran(*args, **kwargs):
        raise AssertionError("DRF's view machinery ran for a cached answer")

    monkeypatch.setattr(APIView, "initial", drf_ran)
    again = client.get(address, **headers)
    assert again.status_code == 200
    assert again["ETag"] == first["ETag"]
    assert again["Content-Type"] == first["Content-Type"]
    assert "Accept" in again["Vary"]


@pytest.mark.django_db
def test_the_cached_api_path_keeps_the_throttle(client, event, monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "3/minute"})
    codes = [client.get("/api/v1/claims/", REMOTE_ADDR="192.0.2.90").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]  # each request counted once, cached or not
