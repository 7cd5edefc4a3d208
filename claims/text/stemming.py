"""English stems, safe in any thread.

A Snowball stemmer keeps the word it is working on in itself, so two threads stemming
with one stemmer mix their words up (and fail). Ingestions now match in parallel threads
(claims.pipeline.locks): each thread has its own stemmer. Stems are remembered, since
news repeats its words and stemming was a sixth of a small report's ingestion.
"""

import threading
from functools import lru_cache

import snowballstemmer

_own = threading.local()


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    stemmer = getattr(_own, "stemmer", None)
    if stemmer is None:
        stemmer = _own.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)
