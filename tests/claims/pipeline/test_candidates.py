"""Stage candidates: the sentences of a clean body that may be claims."""

from claims.pipeline.candidates import candidates_for

BODY = (
    "Share this article\n"
    "President Alma Voss said Ruritania would build a dam on the Strela river by 2028. "
    "Is it worth it? "
    "He said the dam would cost 400 million crowns."
)


def test_claim_sentences_with_offsets_and_resolved_speakers():
    found = candidates_for(BODY)
    assert [BODY[c.start : c.end] for c in found] == [c.text for c in found]
    assert [c.text[:9] for c in found] == ["President", "He said t"]
    assert found[1].speaker == "Alma Voss"


def test_furniture_and_questions_are_not_claims():
    assert candidates_for("Share this article\nIs it worth it?") == []
