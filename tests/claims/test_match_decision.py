"""When a sentence joins a claim outright, when it is only proposed, and when it is new."""

from claims.text.matching import FIELD, JOIN, NEW, PROPOSE, Index

# Claims of one story, near one another in words, as a busy event's claims are.
FIELD_CLAIMS = {
    "bones": "Police divers found the bones of children near the island owned by Jeffrey Epstein.",
    "states": "In 35 states police officers may hold detainees for a week without charge.",
    "yacht": "The yacht of the financier was seized by police in the harbour.",
    "pilot": "The pilot of the private jet told police he flew guests to the island.",
    "court": "A court ordered the release of flight logs from the private jet.",
    "guests": "Guest lists from the island parties were handed to the court.",
    "divers": "Divers searched the harbour for a week after the yacht was seized.",
}


# Close to "bones" in few words: below the threshold.
WEAK = "Kids' skeletons turned up in the sea by Epstein's private island, divers say."


def _index(claims, query):
    index = Index()
    index.sync(claims.items(), weighed=[query])
    return index


def test_the_same_words_with_other_numbers_are_proposed_not_joined():
    query = "In 12 states police officers may hold detainees for a week without charge."
    decision = _index(FIELD_CLAIMS, query).decide(query)
    assert (decision.band, decision.key) == (PROPOSE, "states")
    restated = "Police officers in 35 states may hold detainees a week without any charge."
    assert _index(FIELD_CLAIMS, restated).decide(restated)[:2] == (JOIN, "states")


def test_a_weak_match_that_stands_out_of_the_field_is_proposed():
    query = WEAK
    index = _index(FIELD_CLAIMS, query)
    found = index.search(query, limit=10)
    assert len(found) >= FIELD and found[0][0] == "bones"
    assert not index.matcher.accepts(found[0][1])  # below the threshold
    assert index.decide(query)[:2] == (PROPOSE, "bones")


def test_a_weak_match_in_a_young_event_is_a_new_claim():
    # The same sentence and claim, with too few others to stand out from.
    query = WEAK
    claims = {key: FIELD_CLAIMS[key] for key in ("bones", "states")}
    assert _index(claims, query).decide(query).band == NEW


def test_a_weak_match_without_a_lead_over_the_next_claim_is_a_new_claim():
    query = "Bones of kids turned up near the island of the financier, police said, a court heard."
    index = _index(FIELD_CLAIMS, query)
    (best, score), (_, next_score) = index.search(query, limit=2)
    assert best == "bones" and not index.matcher.accepts(score) and next_score > 0.9 * score
    assert index.decide(query).band == NEW
