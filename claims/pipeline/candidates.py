"""Stage: the sentences of an article that may be claims (claims.text.extraction).

The slow reading of an article, done before ingestion locks anything (locks).
"""

from ..text.extraction import Candidate, extract_claim_sentences


def candidates_for(body: str, language: str = "") -> list[Candidate]:
    """The claim sentences of a clean body, each with its offsets and speaker; language is
    the article's tag (its Latin-script sentences are cut by that language's rules)."""
    return extract_claim_sentences(body, language)
