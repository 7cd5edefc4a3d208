"""Stems are the same whatever other threads stem meanwhile (ingestions match in parallel)."""

import sys
import threading

from claims.text.stemming import stem

WORDS = [
    f"{base}{ending}"
    for base in ("national", "generous", "electric", "conditional", "happiness", "relate")
    for ending in ("", "ly", "ness", "ization", "ational", "fulness", "ousli", "iveness")
]


def test_threads_stemming_at_once_get_each_word_s_own_stem():
    expected = {word: stem(word) for word in WORDS}
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        found: list[dict] = []

        def work(offset: int) -> None:
            seen = {}
            for n in range(4000):
                word = WORDS[(n + offset) % len(WORDS)]
                seen[word] = seen.get(word, stem(word))
                assert stem(word) == seen[word]
            found.append(seen)

        threads = [threading.Thread(target=work, args=(i * 7,)) for i in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        sys.setswitchinterval(interval)
    assert found == [expected] * 4  # a thread that failed left nothing
