"""Claims across languages: the English claim of its event a CJK claim restates, linked or
proposed to editors (called by claims.pipeline.linking)."""

import re

from .crosslingual import (
    Aliases,
    alias_keys,
    english_name_keys,
    figure_weight,
    figures,
    read_aloud_keys,
)
from .event_finding import MONTH_NAMES

# --- claims across languages --------------------------------------------------------------
# A CJK claim is linked to the English claim of its event that it shares the most with:
# anchors (names read aloud, numbers) and the English glosses of its words
# (`claims.text.glosses`), each weighted by how few of the event's English claims give it (a
# word every report repeats tells nothing). The glosses' share is normalised by the
# English claim's length as BM25 does (k1 1.2, b 0.75, its usual values): a long claim
# meets a bag of glosses by chance more often than a short one.
#
# The decision is a margin over the runner-up, counted in the weight of a word only one
# English claim has (log of the claims, plus one): one such word more than any other
# claim links the two; half of one proposes the link to editors. Measured on bench/corpus
# (bench/quality.py events: cross-language links).
LINK_MARGIN = 1.0
PROPOSE_MARGIN = 0.5
BM25_K1 = 1.2
BM25_B = 0.75

MONTHS = {name: float(number) for number, name in enumerate(MONTH_NAMES, start=1)}
MONTH_RE = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")


def _english_anchors(text: str, aliases: Aliases = ()) -> frozenset:
    # A month is a number in CJK dates (12月, 12월): "December" is 12 here.
    months = {MONTHS[name] for name in MONTH_RE.findall(text)}
    names = english_name_keys(text) | alias_keys(text, aliases)
    return frozenset(names) | figures(text) | months


def _english_stems(text: str) -> frozenset[str]:
    from .profiles import profile  # the stems English claims are matched on

    return frozenset(word for word in profile(text).words if word.isalpha())


def best_links(
    cjk_claims: list[tuple[int, str, str]],
    english_claims: list[tuple[int, str]],
    aliases: Aliases = (),
    together: dict[int, int] | None = None,
) -> list[tuple[int, int, float, bool]]:
    """(CJK claim, English claim, score, sure) for each CJK claim (id, text, language)
    whose best English claim (id, text) is clear of the runner-up; sure means linked,
    else proposed. Names the editors' aliases spell count as the names they stand for.
    together: English claims that may be one (a match proposed to editors), each to the
    claim it was proposed as: the runner-up is the best claim outside the best's pair."""
    together = together or {}
    import math
    from collections import Counter

    from . import glosses

    english = [
        (claim_id, _english_anchors(text, aliases), _english_stems(text))
        for claim_id, text in english_claims
    ]
    total = len(english) + 1
    unit = math.log(total)  # the weight of what only one English claim gives
    anchor_count = Counter(anchor for _, anchors, _ in english for anchor in anchors)
    stem_count = Counter(stem for _, _, stems in english for stem in stems)
    average_length = sum(len(stems) for _, _, stems in english) / max(len(english), 1)

    def anchor_weight(anchor) -> float:
        rarity = math.log(total / anchor_count[anchor])
        return rarity * (figure_weight(anchor) * 2 if isinstance(anchor, float) else 1.0)

    def gloss_score(shared: set[str], length: int) -> float:
        weight = sum(math.log(total / stem_count[stem]) for stem in shared)
        norm = 1 - BM25_B + BM25_B * length / average_length if average_length else 1.0
        return weight * (BM25_K1 + 1) / (1 + BM25_K1 * norm)

    links = []
    for cjk_id, text, language in cjk_claims:
        anchors = read_aloud_keys(text, language) | figures(text) | alias_keys(text, aliases)
        meanings = frozenset().union(*(stems for _, stems in glosses.cjk_words(text, language)))
        scored = sorted(
            (
                (
                    sum(map(anchor_weight, anchors & their_anchors))
                    + gloss_score(meanings & stems, len(stems)),
                    english_id,
                )
                for english_id, their_anchors, stems in english
            ),
            reverse=True,
        )
        if not scored:
            continue
        best, english_id = scored[0]
        pair = together.get(english_id, english_id)
        runner_up = next((s for s, i in scored[1:] if together.get(i, i) != pair), 0.0)
        margin = best - runner_up
        if margin < PROPOSE_MARGIN * unit or margin <= 0:
            continue  # nothing, or a tie: nothing says which
        links.append((cjk_id, english_id, best, margin >= LINK_MARGIN * unit))
    return links
