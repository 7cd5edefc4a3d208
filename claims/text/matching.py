"""Decide which known claim a sentence restates: retrieve candidates, then verify them.

Each text is cleaned the same way whether it comes from a tweet or a news page (links
dropped, @handles and #hashtags split into their words, a tweet's trailing
"(@handle) date" signature dropped) and described three ways:

- its word stems, case folded, so that the words of an ALL-CAPS headline are words;
- the character n-grams of its words, which catch spellings and compounds that
  stemming misses ("Eastwood's", "wildfire"/"wild fires");
- its values: numbers and codes (LUNA), also compared on their own. A number weighs
  as "a number" whatever its value, so that two reports differing only in a number
  still match (the claim then shows the numbers as variants); a code stays a word
  too, since it often names what the claim is about ("FBI"). A value both texts give
  adds a little, and a code matches the initials of a capitalised name ("FTA",
  "Free Trade Agreement").

Words and n-grams are weighted by TF-IDF. Document frequencies are counted over the
texts the matcher is built from (the event's reports and the new article's sentences
during ingestion, the claim collection in bench/quality.py), so the weights come from
the desk's own growing corpus rather than a word list. Similarity mixes the cosines of
the two descriptions and, when FACTDESK_SEMANTIC_MATCHING is on, a sentence
embedding's cosine (claims.text.semantic).

An Index holds the known wordings of claims: a query retrieves candidates through an
inverted index over word stems and the rarer n-grams, then each candidate is scored in
full. Index.decide says what to do with the best one: join it outright when matching is
sure (MATCH_THRESHOLD reached, well ahead of the next claim (JOIN_RATIO), words in common, no
other actor), propose it to editors when it is only close, else nothing (a new claim).
"""

import heapq
import re
from collections import defaultdict
from collections.abc import Hashable, Iterable
from typing import NamedTuple

from .profiles import NUMBER_TOKEN, STOPWORDS, WORD_RE, _extended, _stem, clean, extended, profile
from .similarity import CLAUSE_WORDS, WORD_SHARE, Matcher
from .speakers import TITLES

# A sentence joins its best claim outright only when that claim also stands out from the
# next claim worded otherwise; else the match is proposed to editors. A score alone says
# little across domains (a debate's sentences reach the threshold with a wrong claim twice
# as often as tweets do); a claim that stands out from the others says the sentence
# restates it and no other. The lead is measured without a score scale: the next claim's
# score as a share of the best's. Joining outright needs it at most JOIN_RATIO; a claim
# below the threshold is still proposed when the next is at most PROPOSE_RATIO of it (it
# stands out of a field of claims) and JOIN_SHARED_WORDS stems are common. Both chosen on
# the CheckThat! 2020 train split (`bench/quality.py matching`, docs/_matching.md): 0.75
# joins as many gold claims as the former absolute margin of 0.1 did (58% of tweets, 4.8%
# with a wrong claim when theirs is unknown); 0.9 shows editors the gold claim for 78% of
# tweets, against 67% with the threshold alone.
JOIN_RATIO = 0.75
PROPOSE_RATIO = 0.9
# A lead over the others says something only when there are others: with fewer candidates
# than this (a young event) the threshold alone decides.
FIELD = 5
# And shares at least this many word stems with it (numbers aside): one rare word in
# common ("He could have been a whistleblower.") singles a claim out without saying the
# same thing. Texts in CJK scripts (no spaces, or Korean words carrying their particles)
# are left to n-grams.
JOIN_SHARED_WORDS = 2
JOIN, PROPOSE, NEW = "join", "propose", "new"
# A sentence that lists several statements ("…said the three should keep ties, resume FTA
# talks soon, and …") is close to each claim it lists; its parts are matched alone too.
CLAUSE_RE = re.compile(r"[,;:]\s+(?:(?:and|but|or)\s+)?")

# How many candidates a query retrieves before each is scored in full.
RETRIEVE = 100
# A wording is looked up by its word stems and this many of its rarest n-grams.
RETRIEVAL_GRAMS = 30


class Decision(NamedTuple):
    """What to do with a sentence: join key outright, propose key to editors, or neither."""

    band: str  # JOIN, PROPOSE or NEW
    key: Hashable | None  # the best claim (None when nothing was found)
    score: float
    margin: float  # the score's lead over the next claim worded otherwise


class Index:
    """Known wordings of claims, each under its claim's key, searchable by similarity.

    Weights are counted over the matcher's corpus: every wording added, and whatever
    else is added to the corpus (the texts about to be searched). retrieve: how many
    candidates a query scores in full.
    """

    retrieve = RETRIEVE
    # Whether two texts giving different numbers may still join: in one event's index,
    # yes (the variants stage flags the claim and editors decide each number); across a
    # collection of unrelated claims, "35 states" and "12 states" are two claims.
    numbers_vary = False

    def __init__(self, matcher: Matcher | None = None):
        self.matcher = matcher or Matcher()
        self.corpus = self.matcher.corpus
        self.keys: dict[str, list[Hashable]] = {}  # wording -> keys of the claims it words
        self.texts: dict[Hashable, list[str]] = defaultdict(list)  # key -> its wordings
        # term -> wording -> the term's weight in it when posted (n-grams are marked with
        # a final NUL to keep them apart from stems)
        self.postings: dict[str, dict[str, float]] = defaultdict(dict)
        self._terms: dict[str, list[str]] = {}  # wording -> the terms it is posted under

    def add(self, key: Hashable, text: str) -> None:
        holders = self.keys.setdefault(text, [])
        if key not in holders:
            holders.append(key)
            self.texts[key].append(text)
        if text not in self._terms:
            self.corpus.add(text)
            posted = self._retrieval_terms(text)
            self._terms[text] = list(posted)
            for term, weight in posted.items():
                self.postings[term][text] = weight

    def extend(self, key: Hashable, text: str, line: str) -> str:
        """remove(key, text) then add(key, the text with line added), returning the new
        text. Where text is only key's (a claim's document gaining a wording), neither
        text nor the new text is profiled or counted again: only line is."""
        new = extended(text, line)
        if self.keys.get(text) != [key] or new in self.keys or new in self._terms:
            self.remove(key, text)
            self.add(key, new)
            return new
        del self.keys[text]
        wordings = self.texts[key]
        wordings.remove(text)
        if not wordings:
            del self.texts[key]
        for term in self._terms.pop(text, ()):
            self.postings[term].pop(text, None)
        self.corpus.replace(text, new, line)
        _extended.pop(text, None)  # replaced: only the longer document is searched now
        self.keys[new] = [key]
        self.texts[key].append(new)
        posted = self._retrieval_terms(new)
        self._terms[new] = list(posted)
        for term, weight in posted.items():
            self.postings[term][new] = weight
        return new

    def remove(self, key: Hashable, text: str) -> None:
        """Take text away from key; a text no key holds any more leaves the index."""
        holders = self.keys.get(text, [])
        if key in holders:
            holders.remove(key)
            self.texts[key].remove(text)
            if not self.texts[key]:
                del self.texts[key]
        if not holders:
            self.keys.pop(text, None)
            for term in self._terms.pop(text, ()):
                self.postings[term].pop(text, None)
            self.corpus.discard(text)

    def sync(self, wordings: Iterable[tuple[Hashable, str]], weighed: Iterable[str] = ()) -> None:
        """Hold exactly these (key, text) pairs, and weigh the texts in weighed too."""
        wordings = list(dict.fromkeys(wordings))
        wanted, weighed = set(wordings), set(weighed)
        held = {(key, text) for text, keys in self.keys.items() for key in keys}
        for key, text in held - wanted:
            self.remove(key, text)
        texts = {text for _, text in wanted}
        for text in [t for t in self.corpus.texts if t not in texts and t not in weighed]:
            self.corpus.discard(text)
        for text in (*texts, *weighed):  # counted first, so rarity is known when posting
            self.corpus.add(text)
        for key, text in wordings:  # in the order given: the first key of a text wins ties
            if (key, text) not in held:
                self.add(key, text)

    def _retrieval_terms(self, text: str) -> dict[str, float]:
        """Word stems and the rarest n-grams, with their weights: what a search looks up."""
        words, grams = self.matcher.vectors(text)
        # heapq.nlargest's own equivalent, faster at these sizes (ties in the same order)
        rare = sorted(grams, key=grams.__getitem__, reverse=True)[:RETRIEVAL_GRAMS]
        return {**words, **{f"{gram}\0": grams[gram] for gram in rare}}

    def candidates(self, text: str, limit: int | None = None) -> list[str]:
        """The wordings sharing the most weight with text (a first, cheap cut)."""
        words, grams = self.matcher.vectors(text)
        scores: dict[str, float] = {}
        get, postings = scores.get, self.postings
        for vector, share, mark in ((words, WORD_SHARE, ""), (grams, 1 - WORD_SHARE, "\0")):
            for term, weight in vector.items():
                posted_under = postings.get(term + mark)
                if posted_under:
                    # share * weight * posted, multiplied in that order as before
                    weighted = share * weight
                    for known, posted in posted_under.items():
                        scores[known] = get(known, 0.0) + weighted * posted
        # heapq.nlargest's own equivalent (ties in the same order), faster at these sizes
        return sorted(scores, key=scores.__getitem__, reverse=True)[: limit or self.retrieve]

    def search(self, text: str, limit: int = 5) -> list[tuple[Hashable, float]]:
        """The best keys for text, each with its best wording's score, best first."""
        candidates = self.candidates(text)
        if self.matcher.semantic is not None:
            candidates = self.matcher.semantic.widen(text, candidates, self.keys)
        best: dict[Hashable, float] = {}
        scores = self.matcher.similarities(text, candidates)
        for known, score in zip(candidates, scores, strict=True):
            for key in self.keys[known]:
                if score > best.get(key, -1.0):
                    best[key] = score
        return heapq.nlargest(limit, best.items(), key=lambda item: item[1])

    def best(self, text: str) -> tuple[Hashable | None, float]:
        """The key of the claim that text restates and its score, or None and the score."""
        found = self.search(text, limit=1)
        if not found:
            return None, 0.0
        key, score = found[0]
        return (key if self.matcher.accepts(score) else None), score

    def decide(self, text: str, limit: int = 10, exclude=frozenset()) -> Decision:
        """Join, propose or neither: the best claim and how sure matching is of it.

        Sure means the threshold reached, a lead over the next claim (judge), words in
        common, no other actor and (numbers_vary aside) no other numbers. A sentence
        listing several statements that reaches the threshold with more than one claim joins
        its best outright when one of its clauses, matched alone, joins that claim
        outright: the clause says which of the claims it restates. exclude: keys left
        out, as if not known (the benchmark's new claims).
        """
        decision = self._decide(text, limit, exclude)
        if decision.band == PROPOSE and self.matcher.accepts(decision.score):
            for clause in clauses(text):
                if self._decide(clause, limit, exclude)[:2] == (JOIN, decision.key):
                    return decision._replace(band=JOIN)
        return decision

    def _decide(self, text: str, limit: int, exclude) -> Decision:
        found = self.search(text, limit=limit + len(exclude))
        decision = self.judge([(k, s) for k, s in found if k not in exclude][:limit])
        if decision.band == NEW or decision.key is None:
            return decision
        wordings = self.texts.get(decision.key, ())
        if not _shares_words(text, wordings):
            # a lone word in common: close at best, and nothing at all below the threshold
            close = self.matcher.accepts(decision.score)
            return decision._replace(band=PROPOSE if close else NEW)
        if decision.band == JOIN and (
            actors_differ(text, wordings)
            or (not self.numbers_vary and numbers_differ(text, wordings))
        ):
            return decision._replace(band=PROPOSE)
        return decision

    def judge(self, found: list[tuple[Hashable, float]]) -> Decision:
        """decide() on a ranking already searched (best first)."""
        if not found:
            return Decision(NEW, None, 0.0, 0.0)
        key, score = found[0]
        runner_up = 0.0
        best_words = [profile(t).words for t in self.texts.get(key, ())]
        for other, other_score in found[1:]:
            if [profile(t).words for t in self.texts.get(other, ())] != best_words:
                runner_up = other_score
                break
        margin = score - runner_up
        ratio = runner_up / score if score > 0 else 1.0
        if not self.matcher.accepts(score):
            stands_out = len(found) >= FIELD and ratio <= PROPOSE_RATIO
            return Decision(PROPOSE if stands_out else NEW, key, score, margin)
        return Decision(JOIN if ratio <= JOIN_RATIO else PROPOSE, key, score, margin)


TITLE_RE = re.compile(rf"{TITLES}\Z")


CJK_RE = re.compile(r"[\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _shares_words(text: str, wordings: Iterable[str]) -> bool:
    """Whether text shares JOIN_SHARED_WORDS word stems with the claim (numbers aside)."""
    if CJK_RE.search(text):
        return True
    words = profile(text).words.keys() - {NUMBER_TOKEN}
    theirs = set().union(*(profile(wording).words for wording in wordings))
    return len(words & theirs) >= JOIN_SHARED_WORDS


def lead(text: str) -> frozenset[str]:
    """Stems of the run of capitalised words a sentence opens with, up to its first word
    in lower case, titles left out: in news, who acts or speaks ("Finance Minister Ida
    Kron said …" gives finance, ida, kron; "Chancellor" and "Finance minister" name an
    office, which two reports of one speaker word differently). A run of one word says
    nothing: "Recognizing …", "Meanwhile, …", "According to …" open sentences too."""
    run = []
    for token in WORD_RE.findall(clean(text)):
        if not token[:1].isupper():
            break
        run.append(token)
    if len(run) < 2:
        return frozenset()
    found = set()
    for token in run:
        word = token.lower().replace("’", "'").removesuffix("'s").replace("'", "")
        if word not in STOPWORDS and not token.isupper() and not TITLE_RE.match(token):
            found.add(_stem(word))
    return frozenset(found)


def actors_differ(text: str, wordings: Iterable[str]) -> bool:
    """Whether a sentence and every wording of a claim open with someone the other never
    names: the same words said of someone else are another claim."""
    own = lead(text)
    wordings = [line for wording in wordings for line in wording.split("\n") if line.strip()]
    if not own or not wordings:
        return False
    said = profile(text).words.keys()
    if own <= {word for wording in wordings for word in profile(wording).words}:
        return False
    return all((theirs := lead(wording)) and not theirs <= said for wording in wordings)


def numbers_differ(text: str, wordings: Iterable[str]) -> bool:
    """Whether a sentence and a claim both give numbers and none in common: "35 states" is
    not "12 states" (unless the index lets numbers vary, as an event's does)."""
    own = {v for v in profile(text).values if v[0].isdigit()}
    theirs = {v for w in wordings for v in profile(w).values if v[0].isdigit()}
    return bool(own and theirs) and not own & theirs


def clauses(text: str) -> list[str]:
    """The parts of a sentence between commas, semicolons and colons, each long enough
    to state something; none when it has fewer than two."""
    parts = [p for p in CLAUSE_RE.split(text) if len(WORD_RE.findall(p)) >= CLAUSE_WORDS]
    return parts if len(parts) > 1 else []
