"""Ingestion's consolidation, one module per stage, in the order an article meets them.

candidates  the sentences of an article that may be claims
events      the event it reports on (found or new)
attaching   each sentence joins the claim it restates, or becomes a new claim
refresh     copy groups, each claim's tally, source counts and variants
naming      the event's day, name and place
ingest      ingest_article and the editors' actions that re-line articles up

articles knows nothing of claims: this package is where the two meet.
"""

from .events import find_event
from .ingest import (
    IngestResult,
    correct_article,
    ingest_article,
    ingest_file,
    is_public,
    release_articles,
)
from .refresh import refresh_event

__all__ = [
    "IngestResult",
    "correct_article",
    "find_event",
    "ingest_article",
    "ingest_file",
    "is_public",
    "refresh_event",
    "release_articles",
]
