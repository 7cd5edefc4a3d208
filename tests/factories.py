"""Bulk data for query-count tests: many events, articles, claims and appearances."""

import hashlib

from articles.models import Article, Source
from claims.models import Appearance, Claim, Event

BODY = "Minister A said B. Minister C said D. Minister E said F."


def make_desk(size: int) -> None:
    """size events, each with 3 sources' articles and 3 claims reported by all of them."""
    sources = [Source.objects.create(name=f"Outlet {size}-{n}") for n in range(3)]
    for e in range(size):
        event = Event.objects.create(title=f"Event {size}-{e}", slug=f"event-{size}-{e}")
        articles = [
            Article.objects.create(
                source=source,
                event=event,
                title=f"Report {e} by {source.name}",
                body=BODY,
                original_text="x",
                content_hash=hashlib.sha256(f"{size}-{e}-{source.pk}".encode()).hexdigest(),
            )
            for source in sources
        ]
        for c in range(3):
            claim = Claim.objects.create(
                event=event,
                text=f"Claim {c} of event {e}",
                source_count=3,
                independent_source_count=2,
            )
            Appearance.objects.bulk_create(
                Appearance(
                    claim=claim,
                    article=a,
                    quote="Minister A said B.",
                    start=c * 19,
                    end=c * 19 + 18,
                )
                for a in articles
            )
