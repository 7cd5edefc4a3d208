"""ingest_article runs the stages in order; the held and repeated cases skip what they must."""

import pytest

from articles.models import Article
from claims.models import Appearance, Event
from claims.pipeline import ingest, ingest_article

REPORT = """Ruritania to build Strela dam

ZENDA, March 3 — President Alma Voss said Ruritania would build a dam on the Strela river by 2028.
Finance Minister Ida Kron said the dam would cost 400 million crowns.
"""


@pytest.fixture
def stages(monkeypatch):
    """The names of the stages as ingest_article calls them, in order."""
    called = []
    for module, name in (
        (ingest.candidates, "candidates_for"),
        (ingest.events, "find_event"),
        (ingest.attaching, "attach_claims"),
        (ingest.refresh, "refresh_event"),
    ):
        real = getattr(module, name)

        def timed(*args, _real=real, _name=name, **kwargs):
            called.append(_name)
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, timed)
    return called


def test_stages_run_in_order(db, stages):
    result = ingest_article(text=REPORT, file_name="dam.txt")
    assert result.created
    assert stages == ["candidates_for", "find_event", "attach_claims", "refresh_event"]
    assert result.article.appearances.count() == 2


def test_the_same_text_again_is_not_read_again(db, stages):
    first = ingest_article(text=REPORT).article
    stages.clear()
    again = ingest_article(text=REPORT)
    assert (again.article, again.created, stages) == (first, False, [])


def test_an_article_held_for_review_is_stored_but_not_lined_up(db, stages, contributor):
    event = ingest_article(text=REPORT).article.event
    event.is_published = True
    event.save()
    stages.clear()
    other = REPORT.replace("400 million", "450 million")
    held = ingest_article(text=other, added_by=contributor).article
    assert held.held_for_review and held.event == event
    assert stages == ["candidates_for", "find_event"]
    assert not Appearance.objects.filter(article=held).exists()


def test_bad_text_stores_nothing(db, stages):
    from articles.reading import IngestError

    with pytest.raises(IngestError):
        ingest_article(text="   \n", file_name="empty.txt")
    assert stages == [] and not Article.objects.exists() and not Event.objects.exists()
