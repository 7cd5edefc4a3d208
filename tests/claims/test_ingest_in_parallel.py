"""Ingestions run side by side, and still make one article, one event and one claim each.

Nothing locks a whole ingestion (claims.pipeline.locks): the reading and matching of a
report hold no lock, a report of another event is written while one is being written
(PostgreSQL; SQLite writes one transaction at a time, kept short), and two reports of
one event, or one text twice, still end as if they came one after the other. Each test
holds one ingestion at a chosen step with a threading.Event, so what it shows does not
depend on timing.
"""

import threading
from collections import Counter, defaultdict

import pytest
from django.db import connection

from articles.models import Article
from claims.models import Appearance, Claim, Event
from claims.pipeline import attaching, ingest_article, refresh, release_articles

from ..shared_database import file_database, run_at_once  # noqa: F401 (a fixture)

pytestmark = pytest.mark.usefixtures("file_database")
WAIT = 30  # seconds a held ingestion waits at most (a failing test ends, not hangs)

MEETING = (
    "The Arctic Council meeting was held in Reykjavik on Monday, officials said.",
    "Minister Anna Berg said the talks on fishing quotas would resume in 2031.",
    "Delegates from 8 countries signed a statement on shipping lanes.",
    "The council agreed to fund 12 research stations on the ice sheet.",
)
FLOOD = (
    "The Douro river flooded the old town of Porto on Tuesday, the city council said.",
    "Mayor Rui Costa said 340 residents spent the night in school shelters.",
    "Firefighters pumped water out of 60 basements along the riverbank.",
    "The weather service expects more rain in the valley until Friday.",
)


def report(story: tuple[str, ...], n: int, headline: str) -> str:
    """Report n of a story: its sentences from another starting point, and a line of its own."""
    told = story[n % len(story) :] + story[: n % len(story)]
    return f"{headline}\n\n" + "\n\n".join(told) + f"\n\nFiled by correspondent number {n}.\n"


def meeting(n: int) -> str:
    return report(MEETING, n, f"Arctic ministers meet in Reykjavik ({n})")


def flood(n: int) -> str:
    return report(FLOOD, n, f"River floods the streets of Porto ({n})")


def long_meeting(paragraphs: int) -> str:
    """A long report of the meeting: many more sentences, each one different."""
    extra = [
        f"Observer {i} from delegation {i % 9} noted that {20 + i} scientists attended "
        f"session {i} on sea ice."
        for i in range(paragraphs)
    ]
    return meeting(0) + "\n\n" + "\n\n".join(extra) + "\n"


class Hold:
    """Stops the ingestions that reach a step until released; tells when one is there."""

    def __init__(self, monkeypatch, module, name: str, when=lambda *a, **k: True):
        self.reached, self.released = threading.Event(), threading.Event()
        self.real = real = getattr(module, name)

        def held(*args, **kwargs):
            if when(*args, **kwargs):
                self.reached.set()
                self.released.wait(WAIT)
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, held)


class Together:
    """The first `parties` calls of a step go on only once all of them have reached it
    (later calls, such as a plan made again, go straight on)."""

    def __init__(self, monkeypatch, module, name: str, parties: int = 2):
        barrier = threading.Barrier(parties, timeout=WAIT)
        self.calls = 0
        real = getattr(module, name)

        def together(*args, **kwargs):
            self.calls += 1
            if self.calls <= parties:
                barrier.wait()
            return real(*args, **kwargs)

        monkeypatch.setattr(module, name, together)


def in_thread(work) -> tuple[threading.Thread, list]:
    done: list = []

    def run():
        try:
            done.append(work())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, done


def test_a_long_report_being_matched_holds_no_lock(monkeypatch):
    porto = ingest_article(text=flood(0)).article.event
    hold = Hold(monkeypatch, attaching, "plan_claims", when=lambda **k: len(k["candidates"]) > 50)
    long, long_done = in_thread(lambda: ingest_article(text=long_meeting(120)))
    try:
        assert hold.reached.wait(WAIT), "the long report never reached its matching"
        # The long report is being matched: a short one of another event goes all the way.
        short, short_done = in_thread(lambda: ingest_article(text=flood(1)))
        short.join(WAIT)
        assert short_done and short_done[0].created, "the short report waited for the long one"
        assert long.is_alive() and not long_done
    finally:
        hold.released.set()
        long.join(WAIT)
    assert long_done and long_done[0].created
    assert short_done[0].article.event == porto != long_done[0].article.event


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite writes one transaction at a time, by design: there the locked step is "
    "kept short instead (test_a_long_report_being_matched_holds_no_lock)",
)
def test_reports_of_two_events_are_written_at_the_same_time(monkeypatch):
    reykjavik = ingest_article(text=meeting(0)).article.event
    porto = ingest_article(text=flood(0)).article.event
    hold = Hold(monkeypatch, refresh, "refresh_event", when=lambda event, **k: event == reykjavik)
    first, first_done = in_thread(lambda: ingest_article(text=meeting(1)))
    try:
        # Held with its article and claims written, its transaction open, its event locked.
        assert hold.reached.wait(WAIT)
        second, second_done = in_thread(lambda: ingest_article(text=flood(1)))
        second.join(WAIT)
        assert second_done and second_done[0].article.event == porto
        assert first.is_alive() and not first_done
    finally:
        hold.released.set()
        first.join(WAIT)
    assert first_done and first_done[0].article.event == reykjavik


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite writes one transaction at a time, by design",
)
def test_a_report_starting_an_event_lets_others_choose_while_its_claims_are_lined_up(
    monkeypatch,
):
    hold = Hold(monkeypatch, refresh, "refresh_event", when=lambda event, **k: True)
    first, first_done = in_thread(lambda: ingest_article(text=meeting(0)))
    try:
        # Its event and article are stored; its claims are being lined up.
        assert hold.reached.wait(WAIT)
        (reykjavik,) = Event.objects.all()
        assert Article.objects.get().held_for_review  # out of readers' sight until lined up
        monkeypatch.setattr(refresh, "refresh_event", hold.real)
        second, second_done = in_thread(lambda: ingest_article(text=flood(0)))
        second.join(WAIT)
        assert second_done and second_done[0].article.event != reykjavik
        assert first.is_alive() and not first_done
    finally:
        hold.released.set()
        first.join(WAIT)
    assert first_done and first_done[0].article.event == reykjavik
    assert not Article.objects.get(pk=first_done[0].article.pk).held_for_review
    _assert_each_sentence_is_one_claim(reykjavik, reports=1)


def test_a_report_whose_claims_fail_to_line_up_waits_for_an_editor(monkeypatch, editor):
    def broken(**kwargs):
        raise RuntimeError("the line-up broke")

    real = attaching.attach_claims
    monkeypatch.setattr(attaching, "attach_claims", broken)
    with pytest.raises(RuntimeError):
        ingest_article(text=meeting(0))
    # Stored, with its new event, and held: nothing half-lined-up is shown, nothing lost.
    article = Article.objects.get()
    assert article.held_for_review and not Claim.objects.exists()
    assert not ingest_article(text=meeting(0)).created
    monkeypatch.setattr(attaching, "attach_claims", real)
    assert release_articles(articles=[article], editor=editor) == 1
    _assert_each_sentence_is_one_claim(article.event, reports=1)


def test_reports_of_one_event_are_written_one_after_the_other(monkeypatch):
    reykjavik = ingest_article(text=meeting(0)).article.event
    hold = Hold(monkeypatch, refresh, "refresh_event", when=lambda event, **k: event == reykjavik)
    first, first_done = in_thread(lambda: ingest_article(text=meeting(1)))
    try:
        assert hold.reached.wait(WAIT)
        hold.reached.clear()
        second, second_done = in_thread(lambda: ingest_article(text=meeting(2)))
        # It waits for the event (on SQLite, for the one writer) and so never gets there.
        assert not hold.reached.wait(1) and second.is_alive()
    finally:
        hold.released.set()
        first.join(WAIT)
        second.join(WAIT)
    assert first_done and second_done
    assert set(Article.objects.values_list("event", flat=True)) == {reykjavik.pk}
    _assert_each_sentence_is_one_claim(reykjavik, reports=3)


def test_reports_matched_at_the_same_time_make_each_claim_once(monkeypatch):
    reykjavik = ingest_article(text=meeting(0)).article.event
    # Both are matched against the event's claims before either is written: the second
    # to be written finds the event's reports changed, and is matched again.
    plans = Together(monkeypatch, attaching, "plan_claims")
    results = run_at_once(
        lambda: ingest_article(text=meeting(1)), lambda: ingest_article(text=meeting(2))
    )
    assert all(result.created for result in results)
    assert plans.calls == 3  # the second written was matched again
    assert set(Article.objects.values_list("event", flat=True)) == {reykjavik.pk}
    _assert_each_sentence_is_one_claim(reykjavik, reports=3)


def test_two_reports_of_one_new_event_make_one_event(monkeypatch):
    # Both decide, from an empty desk, that theirs is a new event before either writes.
    Together(monkeypatch, attaching, "plan_claims")
    results = run_at_once(
        lambda: ingest_article(text=meeting(1)), lambda: ingest_article(text=meeting(2))
    )
    assert all(result.created for result in results)
    (event,) = Event.objects.all()
    assert event.place == "Reykjavik"
    _assert_each_sentence_is_one_claim(event, reports=2)


def test_the_same_text_at_the_same_time_is_one_article(monkeypatch):
    Together(monkeypatch, attaching, "plan_claims")
    results = run_at_once(
        lambda: ingest_article(text=flood(3)), lambda: ingest_article(text=flood(3))
    )
    assert sorted(result.created for result in results) == [False, True]
    assert results[0].article == results[1].article
    assert Article.objects.count() == 1 and Event.objects.count() == 1
    _assert_each_sentence_is_one_claim(Event.objects.get(), reports=1)


def _assert_each_sentence_is_one_claim(event: Event, *, reports: int) -> None:
    """Each sentence of the story that is a claim is one claim, told once by each report."""
    wordings = Counter(Claim.objects.filter(event=event).values_list("text", flat=True))
    assert wordings and max(wordings.values()) == 1, wordings
    told, claims = Counter(), defaultdict(set)
    for quote, claim_id in Appearance.objects.filter(claim__event=event).values_list(
        "quote", "claim_id"
    ):
        told[quote] += 1
        claims[quote].add(claim_id)
    shared = [s for s in (MEETING if event.place == "Reykjavik" else FLOOD) if s in told]
    assert len(shared) >= 2
    assert {s: (told[s], len(claims[s])) for s in shared} == {s: (reports, 1) for s in shared}
