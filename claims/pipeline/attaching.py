"""Stage: each claim sentence joins the event's claim it restates, or becomes a new claim."""

import threading
from collections import defaultdict
from functools import lru_cache
from typing import NamedTuple

from django.db.models import Case, FloatField, Value, When

from .. import searching
from ..extraction import Candidate
from ..matching import JOIN, PROPOSE, Index
from ..models import Appearance, Claim, Event, MatchProposal
from ..reopening import flag_new_reports
from ..speakers import worded
from .memo import Memo


@lru_cache(maxsize=1 << 16)  # every ingestion reads all of its event's reports again
def matchable(text: str, speaker: str) -> str:
    """What a quote says, its speaker named: what matching compares and claims are worded as."""
    return worded(text, speaker)


class _Reports(NamedTuple):
    """An event's claims as the matcher sees them."""

    wordings: dict[int, list[str]]  # claim id -> its distinct wordings, in report order
    holder: dict[str, int]  # wording -> the earliest claim that holds it


def _event_reports(event: Event) -> _Reports:
    wordings: dict[int, list[str]] = defaultdict(list)
    holder: dict[str, int] = {}
    for claim_id, quote, speaker in (
        Appearance.objects.filter(claim__event=event)
        .order_by("id")
        .values_list("claim_id", "quote", "speaker")
    ):
        text = matchable(quote, speaker)
        if text not in wordings[claim_id]:
            wordings[claim_id].append(text)
        holder.setdefault(text, claim_id)
    return _Reports(wordings, holder)


def _document(wordings: list[str]) -> str:
    """A claim as one text: all its wordings, so each new report adds words to match."""
    return "\n".join(wordings)


# Candidates a sentence scores in full against an event's claims. Retrieval ranks them
# by the weight they share with it, rare n-grams included, and within one event the
# claim it restates ranks near the top: scoring 100 made a long article's cost per
# sentence grow with the article until an event had 100 claims like each sentence; 40
# changed no decision on the seeds, 200 synthetic articles or bench/longform.py's
# articles, nor a figure of bench/quality.py events.
EVENT_RETRIEVE = 40


class _EventIndex(Index):
    """An event's index, kept between ingestions and brought up to date by each one."""

    retrieve = EVENT_RETRIEVE
    # Reports of one event giving different numbers for one statement are one claim whose
    # numbers are variants: flagged to editors, who decide each (claims.variants).
    numbers_vary = True

    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()


_event_indexes = Memo(64)  # event id -> _EventIndex of its reports


def _event_index(event_id: int) -> _EventIndex:
    index = _event_indexes.get(event_id)
    if index is None:
        index = _EventIndex()
        _event_indexes.put(event_id, index)
    return index


def attach_claims(*, article, candidates: list[Candidate]) -> None:
    """Each candidate sentence joins the event claim it restates, or becomes a new claim.

    Each claim is indexed as one document of all its reports' wordings (the index is
    kept between ingestions and brought up to date from the database here). A sentence
    worded exactly as a report joins that report's claim; any other is searched in the
    index and joins the best claim when matching is sure of it (claims.matching: the
    threshold reached, well ahead of the next claim). When the best claim is close but
    not certain, the sentence becomes a new claim and the match is proposed to editors
    (MatchProposal); otherwise it becomes a new claim.
    """
    event = article.event
    texts = [matchable(c.text, c.speaker) for c in candidates]
    reports = _event_reports(event)
    index = _event_index(event.id)
    appearances = []
    proposals: dict[tuple[int, int], MatchProposal] = {}
    with index.lock:
        # The new article's sentences count in the weights too, so that its first
        # sentence is weighed as its last one is; the weights then stay as they are
        # for the whole article.
        index.sync(
            ((claim_id, _document(w)) for claim_id, w in reports.wordings.items()),
            weighed=texts,
        )
        with index.matcher.steady():
            _attach_each(article, candidates, texts, reports, index, appearances, proposals)
    Appearance.objects.bulk_create(appearances)
    _propose(proposals)
    _raise_checkworthiness(candidates, appearances)
    searching.add_reports(appearances)
    flag_new_reports(claim_ids={a.claim_id for a in appearances})  # decided: back to editors


def _attach_each(
    article, candidates, texts, reports: _Reports, index, appearances, proposals
) -> None:
    """attach_claims for each candidate in turn, its index locked and its weights steady."""
    event = article.event
    for candidate, text in zip(candidates, texts, strict=True):
        claim_id, score, proposed = reports.holder.get(text), 1.0, None
        if claim_id is None:
            decision = index.decide(text)
            if decision.band == JOIN:
                claim_id, score = decision.key, decision.score
            elif decision.band == PROPOSE:
                proposed = decision
        if claim_id is None:
            claim = Claim.objects.create(event=event, text=text, checkworthiness=candidate.score)
            claim_id, score = claim.id, 1.0
            if proposed is not None:
                proposals[(claim_id, proposed.key)] = MatchProposal(
                    claim_id=claim_id,
                    candidate_id=proposed.key,
                    score=round(proposed.score, 3),
                    margin=round(proposed.margin, 3),
                )
        appearances.append(
            Appearance(
                claim_id=claim_id,
                article=article,
                quote=candidate.text,
                start=candidate.start,
                end=candidate.end,
                speaker=candidate.speaker,
                similarity=round(min(score, 1.0), 3),
            )
        )
        reports.holder.setdefault(text, claim_id)
        wordings = reports.wordings[claim_id]
        if text not in wordings:
            if wordings:  # the claim's document gains a line: only the line is profiled
                index.extend(claim_id, _document(wordings), text)
            else:
                index.add(claim_id, text)
            wordings.append(text)


def _propose(proposals: dict[tuple[int, int], MatchProposal]) -> None:
    """Store the proposals; each is about a claim just made, so none was decided yet."""
    if proposals:
        MatchProposal.objects.bulk_create(proposals.values())


def _raise_checkworthiness(candidates: list[Candidate], appearances: list[Appearance]) -> None:
    """A claim is as check-worthy as its most check-worthy report: one UPDATE for the claims
    this article's reports score higher than they stood (new claims already do)."""
    best: dict[int, float] = {}
    for candidate, appearance in zip(candidates, appearances, strict=True):
        best[appearance.claim_id] = max(best.get(appearance.claim_id, 0.0), candidate.score)
    pairs = list(best.items())
    for start in range(0, len(pairs), 500):  # a long article: a few statements, not one huge
        chunk = dict(pairs[start : start + 500])
        raised = Case(
            *(When(pk=claim_id, then=Value(score)) for claim_id, score in chunk.items()),
            output_field=FloatField(),
        )
        Claim.objects.filter(pk__in=chunk, checkworthiness__lt=raised).update(
            checkworthiness=raised
        )


def detach_article(article) -> None:
    """Remove an article's reports; claims left with no report and no decision go too."""
    claim_ids = set(article.appearances.values_list("claim_id", flat=True))
    article.appearances.all().delete()
    Claim.objects.filter(
        pk__in=claim_ids, appearances__isnull=True, reviews__isnull=True, merged_claims__isnull=True
    ).delete()
    searching.refresh(claim_ids)
