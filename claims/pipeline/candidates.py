"""Stage: the sentences of an article that may be claims (claims.text.extraction).

The slow reading of an article, done before ingestion locks anything (locks).
"""

from languages import is_supported

from ..text.extraction import extract_claim_sentences
from ..text.sentences import Candidate


def candidates_for(body: str, language: str = "") -> list[Candidate]:
    """The claim sentences of a clean body, each with its offsets and speaker; language is
    the article's tag, whose rules cut and weigh its sentences (languages.get). A language
    the desk does not read gives none, however the article gets here (ingested, released
    or moved by an editor): it is never read as English. No tag is English."""
    if language and not is_supported(language):
        return []
    return extract_claim_sentences(body, language)
