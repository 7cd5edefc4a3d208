"""The database stops answering mid-run and comes back.

A live server answers real HTTP requests while the database goes away: pages answer a
503 page, the API its JSON error shape, both with Retry-After; /healthz says the
database is unreachable; a review sent during the outage is refused whole. Once the
database is back the same requests succeed with no restart, and every review the desk
accepted is in the history.

On PostgreSQL the fault is real: the test database refuses new connections and every
open one is terminated (pg_terminate_backend). On SQLite, which has no server, the
connection is pointed at a file that cannot be opened, so every query fails in the
driver as it would with a vanished disk.
"""

import contextlib
import http.cookiejar
import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from rest_framework.authtoken.models import Token

from claims.models import Claim, Event, Review

UNREACHABLE_SQLITE = Path("/nonexistent-directory/factdesk.sqlite3")


@contextlib.contextmanager
def database_outage():
    if connection.vendor == "postgresql":
        with _postgres_refusing_connections():
            yield
    else:
        with _sqlite_unreachable():
            yield


@contextlib.contextmanager
def _postgres_refusing_connections():
    settings = connection.settings_dict
    admin = psycopg.connect(
        dbname="postgres",
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"] or None,
        password=settings["PASSWORD"] or None,
        autocommit=True,
    )
    name = psycopg.sql.Identifier(settings["NAME"])
    try:
        admin.execute(psycopg.sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS false").format(name))
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            [settings["NAME"]],
        )
        yield
    finally:
        admin.execute(psycopg.sql.SQL("ALTER DATABASE {} ALLOW_CONNECTIONS true").format(name))
        admin.close()
        connection.close()  # this thread's connection was terminated too: reconnect later


@contextlib.contextmanager
def _sqlite_unreachable():
    # The test database lives in this connection (in memory, shared with the live
    # server's threads): keep it aside, untouched, and restore it afterwards.
    kept, name = connection.connection, connection.settings_dict["NAME"]
    connection.connection = None
    connection.settings_dict["NAME"] = str(UNREACHABLE_SQLITE)
    try:
        yield
    finally:
        connection.settings_dict["NAME"] = name
        connection.connection = kept


@dataclass
class Answer:
    status: int
    headers: dict
    text: str

    def json(self) -> dict:
        assert self.headers.get("Content-Type") == "application/json", self.headers
        return json.loads(self.text)


class Browser:
    """Plain HTTP with cookies, as a reader, an editor's script or a login form sends it."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def request(self, path, *, method="GET", form=None, json_body=None, headers=None) -> Answer:
        headers = dict(headers or {})
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if json_body is not None:
            data = json.dumps(json_body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(
            self.base_url + path, data=data, method=method, headers=headers
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return Answer(response.status, dict(response.headers), response.read().decode())
        except urllib.error.HTTPError as error:
            return Answer(error.code, dict(error.headers), error.read().decode())

    def csrf_token(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")


@pytest.fixture
def desk(live_server, seeded, editor):
    Event.objects.update(is_published=True)
    event = Event.objects.get(place="Busan")
    claims = list(Claim.objects.filter(event=event, has_variants=False).order_by("pk")[:3])
    token = Token.objects.create(user=editor).key
    return event, claims, {"Authorization": f"Token {token}"}


def review(browser, claim, auth, status, rationale) -> Answer:
    return browser.request(
        f"/api/v1/claims/{claim.pk}/review/",
        method="POST",
        json_body={"status": status, "rationale": rationale},
        headers=auth,
    )


def sign_in(browser, base_url) -> Answer:
    return browser.request(
        "/admin/login/?next=/admin/",
        method="POST",
        form={"username": "editor", "password": "pw", "csrfmiddlewaretoken": browser.csrf_token()},
        headers={"Referer": base_url + "/admin/login/"},
    )


def assert_unavailable(answer: Answer) -> None:
    assert answer.status == 503, (answer.status, answer.text[:300])
    assert int(answer.headers["Retry-After"]) > 0


def test_the_desk_answers_503_while_the_database_is_away_and_recovers(live_server, desk):
    event, claims, auth = desk
    reader, editor_script, login = (Browser(live_server.url) for _ in range(3))
    pages = ["/", f"/events/{event.slug}/", f"/claims/{claims[0].pk}/", "/search/?q=Busan"]
    api = ["/api/v1/events/", "/api/v1/claims/", f"/api/v1/claims/{claims[0].pk}/"]

    for path in pages + api:
        assert reader.request(path).status == 200, path
    assert reader.request("/healthz").json() == {"status": "ok", "database": "ok"}
    assert review(editor_script, claims[0], auth, "verified", "Before the outage.").status == 201
    assert login.request("/admin/login/").status == 200  # the form, and its CSRF cookie

    with database_outage():
        for path in pages:
            answer = reader.request(path)
            assert_unavailable(answer)
            assert answer.headers["Content-Type"].startswith("text/html")
            assert "Briefly unavailable" in answer.text
        for path in api:
            answer = reader.request(path)
            assert_unavailable(answer)
            assert answer.json()["code"] == "unavailable"
        health = reader.request("/healthz")
        assert_unavailable(health)
        assert health.json() == {"status": "unavailable", "database": "unreachable"}
        refused = review(editor_script, claims[1], auth, "disputed", "During the outage.")
        assert_unavailable(refused)
        assert refused.json()["status"] == 503
        assert_unavailable(sign_in(login, live_server.url))

    for path in pages + api:
        assert reader.request(path).status == 200, path
    assert reader.request("/healthz").json() == {"status": "ok", "database": "ok"}
    assert review(editor_script, claims[2], auth, "disputed", "After the outage.").status == 201
    signed_in = sign_in(login, live_server.url)
    assert signed_in.status == 200 and "Review queue" in signed_in.text  # the admin index

    # Nothing lost, nothing half-written: the two accepted reviews, not the refused one.
    assert list(Review.objects.order_by("pk").values_list("claim_id", "rationale")) == [
        (claims[0].pk, "Before the outage."),
        (claims[2].pk, "After the outage."),
    ]
    assert Claim.objects.get(pk=claims[1].pk).status == Claim.Status.UNREVIEWED
