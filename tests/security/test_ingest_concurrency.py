"""Hole 4: clients ingesting at the same moment get no error and no duplicate.

The probe's four clients posting at once got 500s (the content hash, the event slug and
the source name are unique) and four reports of one new place split into two events.
Ingestions now run side by side and serialise only what must be (claims.pipeline.locks:
choosing an event, and writing one event's claims), so the outcome is the one they would
have had one after the other. On SQLite the clients share a copy of the test database
in a file, as a desk's server processes share theirs.
"""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from articles.models import Article, Source
from claims.models import Claim, Event

from ..shared_database import file_database  # noqa: F401 (a fixture)

CLIENTS = 4

pytestmark = pytest.mark.usefixtures("file_database")


def _report(n: int, *, place: str = "Reykjavik", headline: str = "") -> str:
    """A short, distinct report; each names the place where the meeting was held."""
    names = ["Anna Berg", "Jon Olsen", "Mari Laine", "Erik Dahl", "Sara Holm", "Lars Moen"]
    topics = ["fishing quotas", "shipping lanes", "research stations", "ice monitoring"]
    return (
        f"{headline or f'Report {n}: Arctic ministers meet'}\n\n"
        f"The Arctic Council meeting was held in {place} on Monday, officials said.\n\n"
        f"Minister {names[n % len(names)]} said the talks on {topics[n % len(topics)]} "
        f"would resume in {2030 + n}.\n\n"
        f"Delegates from {5 + n} countries signed a statement on {topics[(n + 1) % 4]}.\n"
    )


def _post_at_once(user, payloads: list[dict]) -> list[int]:
    """POST each payload from its own client, all released at the same moment."""
    start = threading.Barrier(len(payloads))
    statuses: list[int] = [0] * len(payloads)

    def client(i: int) -> None:
        api = APIClient()
        api.force_authenticate(user)
        try:
            start.wait()
            statuses[i] = api.post("/api/v1/articles/", payloads[i], format="json").status_code
        except Exception:  # a crash is a failure of the request, counted below
            statuses[i] = 500
        finally:
            connection.close()

    threads = [threading.Thread(target=client, args=(i,)) for i in range(len(payloads))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def test_same_article_from_four_clients_is_stored_once(editor):
    text = _report(1)
    statuses = _post_at_once(editor, [{"text": text}] * CLIENTS)
    assert sorted(statuses) == [200] * (CLIENTS - 1) + [201]
    assert Article.objects.count() == 1
    assert Event.objects.count() == 1


def test_different_articles_naming_one_new_source_share_it(editor):
    payloads = [
        {"text": _report(n, place=f"Town{n}"), "source": "Nordic Wire"} for n in range(CLIENTS)
    ]
    statuses = _post_at_once(editor, payloads)
    assert statuses == [201] * CLIENTS
    assert Article.objects.count() == CLIENTS
    assert list(Source.objects.values_list("name", flat=True)) == ["Nordic Wire"]
    assert set(Article.objects.values_list("source__name", flat=True)) == {"Nordic Wire"}


UNRELATED = [
    "The city council approved a budget of 40 million euros on Tuesday, Mayor Anna Berg said.",
    "Astronomers reported a comet visible in March, observatory director Jon Olsen announced.",
    "The football club signed striker Mari Laine for three seasons, the club confirmed.",
    "Farmers harvested 12,000 tonnes of barley this year, Minister Erik Dahl told reporters.",
]


def test_same_headline_on_unrelated_reports_gives_distinct_events(editor):
    payloads = [{"text": f"Big news today\n\n{body}\n"} for body in UNRELATED]
    statuses = _post_at_once(editor, payloads)
    assert statuses == [201] * CLIENTS
    slugs = sorted(Event.objects.values_list("slug", flat=True))
    assert slugs == ["big-news-today", "big-news-today-2", "big-news-today-3", "big-news-today-4"]


def test_four_reports_of_one_new_place_make_one_event(editor):
    statuses = _post_at_once(editor, [{"text": _report(n)} for n in range(CLIENTS)])
    assert statuses == [201] * CLIENTS
    assert Article.objects.count() == CLIENTS
    (event,) = Event.objects.all()
    assert event.place == "Reykjavik"
    # Each report's sentences are lined up once: the shared sentence is one claim.
    assert Claim.objects.filter(text__contains="meeting was held in Reykjavik").count() == 1
