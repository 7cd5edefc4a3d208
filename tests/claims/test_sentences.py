"""Sentence boundaries: pySBD for Latin-script lines, the desk's own cuts for CJK lines."""

import pytest

from claims.pipeline.candidates import candidates_for
from claims.text import sentences
from claims.text.sentences import segmenter_language, split_sentences


def texts(body: str, language: str = "") -> list[str]:
    found = split_sentences(body, language)
    assert [body[s.start : s.end] for s in found] == [s.text for s in found]
    return [s.text for s in found]


@pytest.mark.parametrize(
    "sentence",
    [
        "North Korea said it launched a satellite on Nov. 21 and said Japan had been warned.",
        "The U.S. Secretary of State arrived in Seoul on Tuesday.",
        "Gen. Kim Tae-ho said the drills would go on until March.",
        "Sen. Warren asked the bank to explain its fees.",
        "Lt. Col. Maria Ortiz said two soldiers were wounded.",
        "The ruling was written by Judge J. R. Simmons of the district court.",
        "SEOUL, Nov. 26 (Reuters) - The ministers met in Busan on Sunday.",
    ],
)
def test_abbreviations_initials_and_datelines_do_not_end_a_sentence(sentence):
    body = f"{sentence} The statement gave no figures."
    assert texts(body) == [sentence, "The statement gave no figures."]


def test_a_line_without_a_full_stop_never_joins_the_next():
    body = (
        "Port strike enters second week\n\n"
        "  Dockers walked out on Nov. 3. Talks resume on Monday.\r\n"
    )
    assert texts(body) == [
        "Port strike enters second week",
        "Dockers walked out on Nov. 3.",
        "Talks resume on Monday.",
    ]


def test_a_closing_quote_left_alone_joins_its_sentence():
    # A quote running over paragraphs closes in a line where it did not open.
    body = (
        '"The audience will be as excited as we are.\n'
        'It will be a fun and memorable night."\n'
        "Tickets sold out in an hour. ”"
    )
    assert texts(body) == [
        '"The audience will be as excited as we are.',
        'It will be a fun and memorable night."',
        "Tickets sold out in an hour. ”",
    ]


def test_the_article_language_chooses_the_rules():
    body = "Die Regierung bzw. das Kabinett hat am Montag entschieden. Die Opposition ist dagegen."
    assert len(texts(body, "de")) == 2
    assert segmenter_language("de-AT") == "de"
    # Japanese and Chinese lines are the desk's; their Latin lines, and Korean's, are English.
    assert [segmenter_language(tag) for tag in ("ja", "zh-Hant", "ko", "")] == ["en"] * 4


def test_cjk_quotes_stay_whole_and_english_within_a_cjk_line_is_cut_as_english():
    body = (
        "上川外相は会談後、「協力を前に進める。その点で一致した。」と述べた。会談は約1時間続いた。\n"
        "王毅外相は3カ国の協力を再び軌道に乗せると述べた。 Reuters said so on Nov. 26 in Busan. "
        "朴振長官も同意した。"
    )
    assert texts(body, "ja") == [
        "上川外相は会談後、「協力を前に進める。その点で一致した。」と述べた。",
        "会談は約1時間続いた。",
        "王毅外相は3カ国の協力を再び軌道に乗せると述べた。",
        "Reuters said so on Nov. 26 in Busan.",
        "朴振長官も同意した。",
    ]


def test_text_the_segmenter_would_change_is_kept_whole_with_exact_offsets():
    # pySBD writes its own placeholders back as full stops: the sentence it returns is then
    # not in the text, and the rest of the line is kept as one sentence rather than lost.
    body = "First line here.\nThe sign read ∯ twice. Then it fell."
    assert texts(body) == ["First line here.", "The sign read ∯ twice. Then it fell."]


def test_claim_candidates_keep_their_offsets_in_the_stored_body():
    body = (
        "Strike talks collapse\n"
        "Lt. Col. Maria Ortiz said 14 soldiers were wounded on Nov. 21 near the port. "
        "Sen. Elizabeth Warren said the U.S. Navy would send two ships by Dec. 5."
    )
    found = candidates_for(body, "en")
    assert [body[c.start : c.end] for c in found] == [c.text for c in found]
    assert [c.text[:8] for c in found] == ["Lt. Col.", "Sen. Eli"]


def test_a_line_with_no_stop_before_its_end_is_one_sentence_without_the_segmenter(monkeypatch):
    def refuse(language):
        raise AssertionError("pySBD asked about a line with one stop")

    monkeypatch.setattr("claims.text.sentences._segmenter", refuse)
    monkeypatch.setattr(
        "claims.text.sentences._paragraph_spans", sentences._paragraph_spans.__wrapped__
    )
    body = "Ceasefire talks resume in Cairo\n“I was just so scared, ” the witness said.\n"
    assert texts(body) == [
        "Ceasefire talks resume in Cairo",
        "“I was just so scared, ” the witness said.",
    ]
