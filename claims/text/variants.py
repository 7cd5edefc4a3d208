"""Values on which the reports of one claim disagree: numbers, dates, codes and stance."""

import re
from collections.abc import Collection, Iterable
from functools import lru_cache
from typing import Protocol

from rapidfuzz import fuzz

from articles.dates import ABSOLUTE_RE

from .profiles import codes

NUMBER_VALUE_RE = re.compile(r"\$?\d[\d,.]*\d|\$?\d")
NAME_VARIANT_RATIO = 75
# Whether a report says a thing was done or only asked for ("announced" vs "called for").
STANCE_DONE_RE = re.compile(
    r"\b(?:announced?|pledged|unveiled|agreed|launched|signed|decided|committed)\b", re.I
)
STANCE_ASKED_RE = re.compile(
    r"\b(?:called for|calls for|urged|should|suggested|proposed|encouraged)\b", re.I
)
KINDS = ("number", "code", "date", "stance")


class Report(Protocol):
    """What variants need of an appearance: its article and its quote."""

    article_id: int
    quote: str


def _stance(quote: str) -> set[str]:
    if STANCE_ASKED_RE.search(quote):
        return {"called for"}
    return {"announced"} if STANCE_DONE_RE.search(quote) else set()


@lru_cache(maxsize=1 << 13)
def _values(quote: str) -> dict[str, frozenset[str]]:
    return {
        "stance": frozenset(_stance(quote)),
        "number": frozenset(NUMBER_VALUE_RE.findall(quote)),
        "code": frozenset(codes(quote)),
        "date": frozenset(m.group(0) for m in ABSOLUTE_RE.finditer(quote)),
    }


def value_sets(quote: str) -> dict[str, frozenset[str]]:
    """The values of each kind that one report gives."""
    return _values(quote)


def find_variants(appearances: Iterable[Report]) -> list[dict]:
    """Values (numbers, dates, codes, stance) on which reports of one claim disagree."""
    givers: dict[str, dict[frozenset[str], set[int]]] = {kind: {} for kind in KINDS}
    for appearance in appearances:
        for kind, values in _values(appearance.quote).items():
            givers[kind].setdefault(values, set()).add(appearance.article_id)
    return variants_from(givers)


def variants_from(givers: dict[str, dict[frozenset[str], Collection[int]]]) -> list[dict]:
    """find_variants, from the articles that give each set of values of each kind."""
    variants = []
    for kind in KINDS:
        # Reports giving the same values cannot disagree with each other, so each
        # distinct set of values is compared once, with the articles that give it.
        given = list(givers.get(kind, {}).items())
        conflicting = set()
        for first_values, first_articles in given:
            for second_values, second_articles in given:
                if first_values == second_values or not _two_articles(
                    first_articles, second_articles
                ):
                    continue
                only_first = first_values - second_values
                only_second = second_values - first_values
                for x in only_first:
                    for y in only_second:
                        if kind != "code" or fuzz.ratio(x, y) >= NAME_VARIANT_RATIO:
                            conflicting.update({x, y})
        if conflicting:
            holders = {
                value: sorted(set().union(*(a for values, a in given if value in values)))
                for value in sorted(conflicting)
            }
            variants.append({"kind": kind, "values": holders})
    return variants


def _two_articles(first: Collection[int], second: Collection[int]) -> bool:
    """Whether one article of first and another article of second can be told apart."""
    return len(first) > 1 or len(second) > 1 or set(first) != set(second)
