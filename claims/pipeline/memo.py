"""Bounded in-process memos for what ingestion works out from text alone.

Only caches: what another process would need is stored in the database.
"""

import hashlib
import threading
from collections import OrderedDict


def digest(text: str) -> bytes:
    """A short key for a text, so that a memo does not keep whole articles alive."""
    return hashlib.blake2b(text.encode(), digest_size=16).digest()


class Memo:
    """A bounded, thread-safe memo that forgets the least recently used entry first."""

    def __init__(self, size: int):
        self.size = size
        self.known: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key, default=None):
        with self.lock:
            if key not in self.known:
                return default
            self.known.move_to_end(key)
            return self.known[key]

    def put(self, key, value) -> None:
        with self.lock:
            self.known[key] = value
            if len(self.known) > self.size:
                self.known.popitem(last=False)
