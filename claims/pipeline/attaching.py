"""Stage: each claim sentence joins the event's claim it restates, or becomes a new claim."""

import itertools
import threading
from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from django.db.models import Case, Count, FloatField, Max, Min, Sum, Value, When

from .. import searching
from ..models import Appearance, Claim, Event, MatchProposal
from ..reopening import flag_new_reports
from ..text.matching import JOIN, PROPOSE, Decision, Index
from ..text.sentences import Candidate
from ..text.speakers import worded
from .memo import Memo


@lru_cache(maxsize=1 << 16)  # every ingestion reads all of its event's reports again
def matchable(text: str, speaker: str) -> str:
    """What a quote says, its speaker named: what matching compares and claims are worded as."""
    return worded(text, speaker)


class _Reports(NamedTuple):
    """An event's claims as the matcher sees them."""

    wordings: dict[Hashable, list[str]]  # claim -> its distinct wordings, in report order
    holder: dict[str, Hashable]  # wording -> the earliest claim that holds it
    seen: tuple  # what they were read from: see _version


def _event_reports(event: Event) -> _Reports:
    wordings: dict[Hashable, list[str]] = defaultdict(list)
    holder: dict[str, Hashable] = {}
    # A big event repeats its quotes: each claim's reports worded alike are read as one
    # row, in the order of the first of them, which is all the wordings' order needs.
    rows = (
        Appearance.objects.filter(claim__event=event)
        .values("claim_id", "quote", "speaker")
        .annotate(first=Min("id"), last=Max("id"), reports=Count("id"))
        .order_by("first")
        .values_list("claim_id", "quote", "speaker", "last", "reports")
        if event.pk
        else []  # an event not started yet: no claims
    )
    count, last, claims = 0, None, 0
    for claim_id, quote, speaker, group_last, reports in rows:
        text = matchable(quote, speaker)
        if text not in wordings[claim_id]:
            wordings[claim_id].append(text)
        holder.setdefault(text, claim_id)
        count, claims = count + reports, claims + claim_id * reports
        last = group_last if last is None else max(last, group_last)
    return _Reports(wordings, holder, (count, last, claims or None))


def _version(event: Event) -> tuple:
    """What an event's reports are now, as _event_reports saw them: how many, the last
    one, and the sum of their claims' ids, which a merge or a move between claims changes.
    (Reports are only ever added, moved or removed: their quotes do not change.)"""
    found = Appearance.objects.filter(claim__event=event).aggregate(
        count=Count("id"), last=Max("id"), claims=Sum("claim_id")
    )
    return (found["count"], found["last"], found["claims"])


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
    # numbers are variants: flagged to editors, who decide each (claims.text.variants).
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


class _NewClaim(NamedTuple):
    """A claim a plan makes: its key in the plan and index until it is stored."""

    plan: int
    number: int


@dataclass
class NewClaim:
    """What a plan knows of a claim it makes: enough to store it whole at once."""

    text: str
    checkworthiness: float  # its most check-worthy report's
    quotes: list[str]
    search_text: str = ""


class Planned(NamedTuple):
    """What one candidate sentence does: join claim (an event's claim or a _NewClaim)."""

    claim: Hashable
    score: float
    proposed: Decision | None  # for a new claim: the claim matching is unsure it restates


@dataclass
class AttachPlan:
    """How an article's candidate sentences line up with an event's claims as stored."""

    event_id: int | None  # None: an event not started when the plan was made
    seen: tuple  # the event's reports the plan was made from (_version)
    index: _EventIndex
    rows: list[Planned]
    new: dict[_NewClaim, NewClaim]  # the claims it makes, in order

    def holds_for(self, event: Event) -> bool:
        """Whether the plan still holds for the article's event: the same reports."""
        same = self.event_id == event.pk or (self.event_id is None and self.seen == _NOTHING)
        return same and self.seen == _version(event)


_NOTHING = (0, None, None)  # the _version of an event with no reports
_plans = itertools.count()


def plan_claims(*, event: Event, candidates: list[Candidate]) -> AttachPlan:
    """The plan of attach_claims, worked out from the event's claims as stored now.

    No write: the matching, most of attaching's work, happens outside the transaction
    that stores the article, and attach_claims checks the plan still holds there.
    """
    texts = [matchable(c.text, c.speaker) for c in candidates]
    reports = _event_reports(event)
    index = _event_index(event.pk) if event.pk else _EventIndex()
    plan = AttachPlan(event.pk, reports.seen, index, [], {})
    with index.lock:
        # The new article's sentences count in the weights too, so that its first
        # sentence is weighed as its last one is; the weights then stay as they are
        # for the whole article.
        index.sync(
            ((claim_id, _document(w)) for claim_id, w in reports.wordings.items()),
            weighed=texts,
        )
        with index.matcher.steady():
            _plan_each(plan, candidates, texts, reports, next(_plans))
    for candidate, row in zip(candidates, plan.rows, strict=True):
        made = plan.new.get(row.claim)
        if made is not None:
            made.checkworthiness = max(made.checkworthiness, candidate.score)
            made.quotes.append(candidate.text)
    for made in plan.new.values():
        made.search_text = searching.of_new_claim(made.text, made.quotes)
    return plan


def _plan_each(plan: AttachPlan, candidates, texts, reports: _Reports, number: int) -> None:
    """plan_claims for each candidate in turn, its index locked and its weights steady.

    A sentence may restate one before it in the same article: the claims the plan makes
    are indexed as it goes, under keys of their own until they are stored.
    """
    index = plan.index
    for candidate, text in zip(candidates, texts, strict=True):
        claim, score, proposed = reports.holder.get(text), 1.0, None
        if claim is None:
            decision = index.decide(text)
            if decision.band == JOIN:
                claim, score = decision.key, decision.score
            elif decision.band == PROPOSE:
                proposed = decision
        if claim is None:
            claim, score = _NewClaim(number, len(plan.new)), 1.0
            plan.new[claim] = NewClaim(text, candidate.score, [])
        plan.rows.append(Planned(claim, score, proposed))
        reports.holder.setdefault(text, claim)
        wordings = reports.wordings[claim]
        if text not in wordings:
            if wordings:  # the claim's document gains a line: only the line is profiled
                index.extend(claim, _document(wordings), text)
            else:
                index.add(claim, text)
            wordings.append(text)


def attach_claims(*, article, candidates: list[Candidate], plan: AttachPlan | None = None):
    """Each candidate sentence joins the event claim it restates, or becomes a new claim.

    Each claim is indexed as one document of all its reports' wordings (the index is
    kept between ingestions and brought up to date from the database here). A sentence
    worded exactly as a report joins that report's claim; any other is searched in the
    index and joins the best claim when matching is sure of it (claims.text.matching: the
    threshold reached, well ahead of the next claim). When the best claim is close but
    not certain, the sentence becomes a new claim and the match is proposed to editors
    (MatchProposal); otherwise it becomes a new claim.

    plan: plan_claims's, made earlier for these candidates; used when the event's
    reports are still those it was made from, else the plan is made again here. Call
    with the article's event locked (claims.pipeline.locks), so that they stay so.
    """
    event = article.event
    if plan is None or not plan.holds_for(event):
        plan = plan_claims(event=event, candidates=candidates)
    made = Claim.objects.bulk_create(
        Claim(
            event=event,
            text=claim.text,
            checkworthiness=claim.checkworthiness,
            search_text=claim.search_text,
        )
        for claim in plan.new.values()
    )
    stored = {key: claim.id for key, claim in zip(plan.new, made, strict=True)}
    with plan.index.lock:
        for key, claim_id in stored.items():
            _rekey(plan.index, key, claim_id)
    if plan.event_id is None:  # the event's own index from now on
        _event_indexes.put(event.pk, plan.index)
    appearances = []
    proposals: list[MatchProposal] = []
    for candidate, row in zip(candidates, plan.rows, strict=True):
        claim_id = stored.get(row.claim, row.claim)
        if row.proposed is not None:
            proposals.append(
                MatchProposal(
                    claim_id=claim_id,
                    candidate_id=stored.get(row.proposed.key, row.proposed.key),
                    score=round(row.proposed.score, 3),
                    margin=round(row.proposed.margin, 3),
                )
            )
        appearances.append(
            Appearance(
                claim_id=claim_id,
                article=article,
                quote=candidate.text,
                start=candidate.start,
                end=candidate.end,
                speaker=candidate.speaker,
                similarity=round(min(row.score, 1.0), 3),
            )
        )
    Appearance.objects.bulk_create(appearances)
    _propose(proposals)
    # New claims were stored with these already; the claims the event had gain them.
    told_before = [
        (candidate, appearance)
        for candidate, appearance, row in zip(candidates, appearances, plan.rows, strict=True)
        if row.claim not in stored
    ]
    _raise_checkworthiness([c for c, _ in told_before], [a for _, a in told_before])
    searching.add_reports([a for _, a in told_before])
    flag_new_reports(claim_ids={a.claim_id for a in appearances})  # decided: back to editors


def _rekey(index: Index, key: Hashable, claim_id: int) -> None:
    """A planned claim's wordings, now under the id it was stored with. Gone when another
    ingestion brought the index up to date meanwhile: its next sync adds them again."""
    for text in index.texts.pop(key, []):
        index.keys[text] = [claim_id if k == key else k for k in index.keys[text]]
        index.texts[claim_id].append(text)


def _propose(proposals: list[MatchProposal]) -> None:
    """Store the proposals; each is about a claim just made, so none was decided yet."""
    if proposals:
        MatchProposal.objects.bulk_create(proposals)


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
