"""How alike two events' descriptions are: weighted names and headline words shared,
conflicts that keep two events apart, and content scores of a report against events
(claims.pipeline.events decides with them)."""

import itertools
import math
import operator
from collections import Counter

from .event_finding import TEMPLATE_SHARE, WORD_WEIGHT, Description


def weights(descriptions: list[list[Description]]) -> Counter:
    """In how many events each term occurs: a term every event has tells nothing."""
    frequency: Counter = Counter()
    for event in descriptions:
        frequency.update(set().union(*(d.terms.keys() for d in event)))
    return frequency


def similarity(first: Description, second: Description, idf, total=None) -> float:
    """How much of the two leads' weighted names and headline words they share.

    total(terms), the weight of a lead, may be given when the caller remembers it.
    """
    shared = first.terms.keys() & second.terms.keys()
    if not shared:
        return 0.0

    def weighed(terms):
        return sum(weight * idf(term) for term, weight in terms.items())

    total = total or weighed

    common = sum(map(operator.mul, map(first.terms.__getitem__, shared), map(idf, shared)))
    smaller, union = min(total(first.terms), total(second.terms)), 0.0
    union = total(first.terms) + total(second.terms) - common
    # Overlap with the shorter lead lets a brief or a preview join; the Jaccard term
    # keeps a lead of a few common names from joining everything.
    return 0.5 * common / smaller + 0.5 * common / union if smaller and union else 0.0


def about_the_same(first: Description, second: Description) -> bool:
    """Whether either report's headline names turn up in the other's lead.

    Reports of one happening name its main actor or place; two towns' reports written
    from one template share everything but that.
    """
    return bool(first.key & second.terms.keys() or second.key & first.terms.keys())


def different_subjects(first: Description, second: Description, frequency: Counter) -> bool:
    """Whether each report's opening names someone or somewhere the other never mentions
    and no other event does either, in the same words: two towns' fires written from
    one template.

    first is the new report (its own names are in no event yet), second a report of an
    existing event (its own names are in that event).
    """
    only_first = {n for n in first.subjects - second.terms.keys() if not frequency.get(n)}
    only_second = {n for n in second.subjects - first.terms.keys() if frequency.get(n, 0) <= 1}
    if not (only_first and only_second):
        return False
    # Told in the same words: one template filled in with other names. Two outlets'
    # reports of one happening word it differently and share its names.
    first_words = {t for t, w in first.terms.items() if w == WORD_WEIGHT}
    second_words = {t for t, w in second.terms.items() if w == WORD_WEIGHT}
    smaller = min(len(first_words), len(second_words))
    return bool(smaller) and len(first_words & second_words) >= TEMPLATE_SHARE * smaller


def conflict(first: Description, second: Description) -> bool:
    """Two reports that name different happenings or places cannot tell of one event."""
    if first.series and first.series == second.series and first.ordinal != second.ordinal:
        return True  # the 9th and the 10th of one series
    return bool(first.places and second.places and not first.places & second.places)


def same_happening(first: Description, second: Description) -> bool:
    return bool(first.series) and (first.series, first.ordinal) == (second.series, second.ordinal)


def content_scores(new: dict[str, int], events: dict, documents: list) -> dict:
    """Per event, the mean cosine of the new report's content with each of its reports'.

    Terms are weighed by sublinear frequency times inverse document frequency over the
    documents (every report held) and the new one: a word all reports use tells nothing.
    The mean over an event's reports (average link) lets no single look-alike report
    pull in a report of another happening, as the best match alone would.
    """
    frequency: Counter = Counter(new.keys())
    for terms in documents:
        frequency.update(terms.keys())
    count = len(documents) + 1
    idf = {t: math.log((count + 1) / (n + 1)) + 1.0 for t, n in frequency.items()}

    def vector(terms: dict[str, int]) -> dict[str, float]:
        weighed = {t: (1.0 + math.log(n)) * idf[t] for t, n in terms.items()}
        norm = math.sqrt(sum(w * w for w in weighed.values())) or 1.0
        return {t: w / norm for t, w in weighed.items()}

    mine = vector(new)
    scores = {}
    for event_id, told in events.items():
        total = 0.0
        for terms in told:
            total += _cosine(mine, terms, idf)
        scores[event_id] = total / len(told) if told else 0.0
    return scores


def _cosine(mine: dict[str, float], terms: dict[str, int], idf: dict[str, float]) -> float:
    """The dot product of mine with terms' unit vector, as content_scores's vector()
    would give it, term by term in the same order, without building that vector: every
    report of every event is compared on each search."""
    words = list(terms)
    weighed = list(
        map(
            operator.mul,
            map(operator.add, itertools.repeat(1.0), map(math.log, terms.values())),
            map(idf.__getitem__, words),
        )
    )
    norm = math.sqrt(sum(map(operator.mul, weighed, weighed))) or 1.0
    kept = list(map(mine.__contains__, words))
    return sum(
        map(
            operator.mul,
            map(mine.__getitem__, itertools.compress(words, kept)),
            map(operator.truediv, itertools.compress(weighed, kept), itertools.repeat(norm)),
        )
    )


def idf_function(frequency: Counter, events: int):
    def idf(term: str) -> float:
        return math.log((events + 2) / (frequency.get(term, 0) + 0.5))

    return idf
