"""Copy detection: which articles copy one another, found without comparing every pair."""

import itertools

import pytest
from rapidfuzz import fuzz

from articles.models import Article
from claims import independence
from claims.models import ArticleSketch, Event
from claims.pipeline import refresh_event

STORY = [
    "The harbour council in Eldport voted on Tuesday to close the north quay for repairs.",
    "Council leader Mira Osei said the work would take eleven weeks and cost 4.2 million.",
    "Fishing crews will moor at the ferry pier until the quay reopens in the spring.",
    "The vote passed by seven to two after a debate that ran past midnight.",
    "Two members argued that the repairs should wait until after the herring season.",
    "An engineer's survey found cracks in forty of the quay's concrete piles last year.",
    "The contractor, Castell Marine, repaired the south breakwater in 2019.",
    "Residents near the quay have complained about the noise of night-time pile driving.",
    "The council promised that no pile driving would happen after eight in the evening.",
    "A public meeting on the plans is set for the first Monday of next month.",
    "Harbour dues for the fishing fleet will be cut by a fifth while the quay is shut.",
    "The ferry operator said its timetable would not change during the works.",
]
ANOTHER_STORY = [
    "A storm flooded the coast road near Gullhaven on Sunday night.",
    "Police closed the road for six hours while crews cleared fallen trees.",
    "The regional council said drainage works planned for the summer would be brought forward.",
    "Three houses on the seafront were evacuated as a precaution.",
    "Forecasters expect calmer weather from Wednesday onwards.",
    "Bus services between Gullhaven and Saltby ran on a diversion through the hills.",
    "A spokesperson for the water company said supplies were not affected.",
    "Volunteers filled sandbags at the fire station through the night.",
]
_numbers = itertools.count()


def _file(event: Event, paragraphs: list[str], footer: str = "") -> Article:
    """An article of event whose text is paragraphs (no claims: only its text can link it)."""
    body = "\n".join(paragraphs + ([footer] if footer else []))
    number = next(_numbers)
    return Article.objects.create(
        event=event,
        title=f"Report {number}",
        body=body,
        original_text=body,
        content_hash=f"{number:064d}",
    )


def _join(article: Article) -> list[int]:
    moved = independence.join_copy_group(article, [])
    article.refresh_from_db()
    return moved


@pytest.fixture
def event(db):
    return Event.objects.create(title="Quay repairs", slug="quay-repairs")


def test_a_reprint_with_other_furniture_is_a_copy_of_the_original(event):
    original = _file(event, STORY, "Share this story")
    _join(original)
    reprint = _file(event, STORY, "Reporting by our harbour correspondent. Subscribe today.")
    _join(reprint)
    assert original.copy_of is None
    assert reprint.copy_of == original


def test_a_copy_with_a_word_changed_in_every_few_sentences_is_still_a_copy(event):
    edited = [s.replace("the", "this", 1) if i % 3 == 0 else s for i, s in enumerate(STORY)]
    assert fuzz.ratio("\n".join(STORY), "\n".join(edited)) >= independence.NEAR_COPY_RATIO
    original = _file(event, STORY)
    _join(original)
    copy = _file(event, edited)
    _join(copy)
    assert copy.copy_of == original


def test_a_report_telling_another_story_is_not_a_copy(event):
    _join(_file(event, STORY))
    other = _file(event, ANOTHER_STORY)
    _join(other)
    assert other.copy_of is None


def test_a_shortened_retelling_is_not_a_near_copy(event):
    _join(_file(event, STORY))
    shortened = _file(event, STORY[::2])
    _join(shortened)
    assert shortened.copy_of is None


def test_only_articles_of_the_same_event_are_compared(event):
    elsewhere = Event.objects.create(title="Elsewhere", slug="elsewhere")
    _join(_file(elsewhere, STORY))
    reprint = _file(event, STORY, "Syndicated.")
    _join(reprint)
    assert reprint.copy_of is None


def test_a_new_article_is_compared_only_with_the_candidates_of_the_index(event, monkeypatch):
    for n in range(30):  # thirty unrelated reports, each its own story
        _join(_file(event, [f"Item {n}: {s}" for s in ANOTHER_STORY[n % 8 :] + STORY[:1]]))
    original = _file(event, STORY)
    _join(original)
    compared = []
    real = independence._near_copies
    monkeypatch.setattr(independence, "_near_copies", lambda a, b: compared.append(b) or real(a, b))
    reprint = _file(event, STORY, "Syndicated.")
    _join(reprint)
    assert reprint.copy_of == original
    assert compared == [original.body]


def test_an_article_that_copies_two_groups_joins_them_under_the_earliest_original(event):
    # Each edited text is a near copy of the whole story, but not of the other one.
    first_edit = [s.upper() if i == 0 else s for i, s in enumerate(STORY)]
    second_edit = [s.upper() if i == len(STORY) - 1 else s for i, s in enumerate(STORY)]
    first, second, whole = ("\n".join(p) for p in (first_edit, second_edit, STORY))
    assert fuzz.ratio(first, second) < independence.NEAR_COPY_RATIO
    assert fuzz.ratio(first, whole) >= independence.NEAR_COPY_RATIO <= fuzz.ratio(second, whole)

    a = _file(event, first_edit)
    _join(a)
    b = _file(event, second_edit)
    _join(b)
    assert b.copy_of is None  # two independent groups so far
    follower = _file(event, second_edit, "More to follow.")
    _join(follower)
    assert follower.copy_of == b

    bridge = _file(event, STORY)
    moved = _join(bridge)
    assert sorted(moved) == [b.id, follower.id]
    assert {Article.objects.get(pk=pk).copy_of_id for pk in (b.id, follower.id)} == {a.id}
    assert bridge.copy_of == a


def test_regrouping_an_event_from_scratch_finds_the_same_groups(event):
    texts = [STORY, ANOTHER_STORY, STORY, STORY[:-1], ANOTHER_STORY[1:], STORY[::2]]
    articles = []
    for n, paragraphs in enumerate(texts):
        articles.append(_file(event, paragraphs, f"Desk note {n}."))
        _join(articles[-1])
    found = dict(Article.objects.values_list("id", "copy_of_id"))
    assert any(found.values())

    Article.objects.update(copy_of=None)
    ArticleSketch.objects.all().delete()  # as for articles stored before sketches were kept
    refresh_event(event)
    assert dict(Article.objects.values_list("id", "copy_of_id")) == found
    assert ArticleSketch.objects.filter(article__in=articles).count() == 64 * len(texts)


def test_a_sketch_is_the_same_in_every_process():
    # Stored sketches are compared with new ones, so they must not depend on hash seeds.
    assert independence.sketch("one two three four")[:2] == sorted(
        independence._hash(s) for s in ("one two three", "two three four")
    )
    assert len(independence.sketch(" ".join(STORY))) == independence.SKETCH_SIZE


def test_a_report_looks_for_what_it_copies_among_its_events_latest_reports(event, monkeypatch):
    monkeypatch.setattr(independence, "RECENT_REPORTS", 3)
    original = _file(event, STORY)
    _join(original)
    for n in range(3):  # three other stories since: the original is out of the window
        _join(_file(event, [f"Item {n}: {s}" for s in ANOTHER_STORY]))
    late = _file(event, STORY, "Reprinted a week later.")
    _join(late)
    assert late.copy_of is None
    recent = _file(event, STORY, "Reprinted again.")
    _join(recent)
    assert recent.copy_of == late  # within the window: found, as before

    found = dict(Article.objects.values_list("id", "copy_of_id"))
    Article.objects.update(copy_of=None)
    refresh_event(event)  # from scratch, the same window: the same groups
    assert dict(Article.objects.values_list("id", "copy_of_id")) == found
