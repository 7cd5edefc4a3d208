from datetime import date

import pytest

from articles.models import Article
from claims.pipeline.events import find_event


def store(event, title: str, body: str, published_on=None, **fields) -> Article:
    """An article stored in event as ingestion would, without lining it up."""
    return Article.objects.create(
        event=event,
        title=title,
        body=body,
        original_text=body,
        content_hash=str(hash((title, body))),
        published_on=published_on,
        date_precision="day" if published_on else "unknown",
        **fields,
    )


@pytest.fixture
def seeded_event(db):
    from .test_events import SUMMIT

    event = find_event(title=SUMMIT[0], body=SUMMIT[1], published_on=date(2025, 3, 3))
    store(event, *SUMMIT, date(2025, 3, 3))
    return event
