"""English stems, safe in any thread.

A Snowball stemmer keeps the word it is working on in itself, so two threads stemming
with one stemmer mix their words up (and fail). Ingestions now match in parallel threads
(claims.pipeline.locks): each thread has its own stemmer.
"""

import threading

import snowballstemmer

_own = threading.local()


def stem(word: str) -> str:
    stemmer = getattr(_own, "stemmer", None)
    if stemmer is None:
        stemmer = _own.stemmer = snowballstemmer.stemmer("english")
    return stemmer.stemWord(word)
