"""Find the check-worthy factual sentences of a clean article body."""

import re
from dataclasses import dataclass

from articles.dates import MONTHS

ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "inc", "ltd", "co", "jr", "sr"}
BOUNDARY_RE = re.compile(r"[.!?][\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9$])")
# Verbs of saying and doing: a sentence with one of these and a named actor is a claim.
REPORTING_RE = re.compile(
    r"\b(?:said|says|say|stated|states|told|announced?|announces|unveiled|emphasi[sz]ed|stressed|"
    r"underscored|highlighted|urged|called|calls|agreed|agree|reaffirmed|pledged|echoed|"
    r"acknowledged|recognized|encouraged|proposed|suggested|mentioned|referred|discussed|held|launched|"
    r"approved|established|attended|attending|signed|decided|plans?|aims?|include|includes|"
    r"involving|shut|arrested|reported|has been|have been|was|were|is|are|will)\b",
    re.IGNORECASE,
)
# Judgement words of commentary; such a sentence needs an attributed statement to count.
OPINION_RE = re.compile(
    r"\b(?:crucial|pivotal|bodes well|testament|milestone|poised|vital|significant step|"
    r"significant leap|immense|model of|positive message|robust foundation)\b",
    re.IGNORECASE,
)
ATTRIBUTION_RE = re.compile(
    r"\b(?:said|stated|told|announced|emphasi[sz]ed|stressed|underscored|highlighted|urged|"
    r"called|agreed|reaffirmed|pledged|echoed|proposed|suggested|mentioned|unveiled)\b",
    re.IGNORECASE,
)
# "Yi underscored ...": a sentence that opens on a named speaker.
NAMED_SPEAKER_RE = re.compile(
    r"^(?!(?:He|She|They|It|We|This|That) )[A-Z][a-z]+(?: [A-Z][a-z]+)* (?:also )?"
    r"(?:said|stated|underscored|emphasi[sz]ed|stressed|"
    r"urged|encouraged|highlighted|called|proposed|suggested)\b"
)
FACT_CUE_RE = re.compile(rf"\d|\b(?:{MONTHS})\b", re.IGNORECASE)
PROPER_NOUN_RE = re.compile(r"(?<=[\s,(“\"‘-])[A-Z][A-Za-z’'-]+")
MIN_WORDS, MAX_WORDS = 6, 90


# Who "He" or "She" refers to: the last titled person named before the sentence.
SPEAKER_RE = re.compile(
    r"\b(?:Minister|President|Premier|Secretary|Chancellor|CEO|Mayor|Governor)\s+"
    r"((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){0,2})"
    r"|^((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+){1,2}),\s"
)
PRONOUN_START_RE = re.compile(r"^(?:He|She)\b")


@dataclass(frozen=True)
class Candidate:
    text: str
    start: int
    end: int
    speaker: str = ""  # who a leading "He"/"She" stands for, when the text says


def split_sentences(body: str) -> list[Candidate]:
    """Sentences with their character offsets into body (paragraphs never run together)."""
    sentences = []
    for paragraph in re.finditer(r"[^\n]+", body):
        offset, text = paragraph.start(), paragraph.group(0)
        begin = 0
        for boundary in BOUNDARY_RE.finditer(text):
            words = text[begin : boundary.start() + 1].split()
            if words and words[-1].rstrip(".").lower() in ABBREVIATIONS:
                continue
            end = boundary.end()
            sentences.append(_candidate(text, offset, begin, end))
            begin = end
        if begin < len(text):
            sentences.append(_candidate(text, offset, begin, len(text)))
    return [s for s in sentences if s.text]


def _candidate(text: str, offset: int, begin: int, end: int) -> Candidate:
    piece = text[begin:end]
    stripped = piece.strip()
    lead = len(piece) - len(piece.lstrip())
    start = offset + begin + lead
    return Candidate(stripped, start, start + len(stripped))


def is_check_worthy(sentence: str) -> bool:
    words = sentence.split()
    if not MIN_WORDS <= len(words) <= MAX_WORDS:
        return False
    if not re.search(r"[.!”\"’)]$", sentence) or sentence.endswith("?"):
        return False  # headings and questions
    named = (
        bool(PROPER_NOUN_RE.search(sentence))
        or bool(FACT_CUE_RE.search(sentence))
        or bool(NAMED_SPEAKER_RE.match(sentence))
    )
    if not named or not REPORTING_RE.search(sentence):
        return False
    return not (OPINION_RE.search(sentence) and not ATTRIBUTION_RE.search(sentence))


def extract_claim_sentences(body: str) -> list[Candidate]:
    claims, speaker = [], ""
    for sentence in split_sentences(body):
        if is_check_worthy(sentence.text):
            if PRONOUN_START_RE.match(sentence.text) and speaker:
                sentence = Candidate(sentence.text, sentence.start, sentence.end, speaker)
            claims.append(sentence)
        for match in SPEAKER_RE.finditer(sentence.text):
            speaker = match.group(1) or match.group(2)
    return claims
