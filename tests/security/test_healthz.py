"""/healthz is cheap enough for a load balancer to call every second."""

from rest_framework.throttling import AnonRateThrottle


def test_healthz_reports_the_database_in_one_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_needs_no_session_no_csrf_and_is_not_throttled(client, db, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "THROTTLE_RATES", {"anon": "2/minute"})
    answers = [client.get("/healthz") for _ in range(5)]
    assert [a.status_code for a in answers] == [200] * 5
    assert not any(a.cookies for a in answers)
    assert all("Cookie" not in a.get("Vary", "") for a in answers)


def test_healthz_only_answers_reads(client, db):
    assert client.post("/healthz").status_code == 405
