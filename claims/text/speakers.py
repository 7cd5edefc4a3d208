"""Who a sentence's leading "He", "She" or "It" stands for, and a claim worded with it.

Reports name a speaker once ("Chinese Foreign Minister Wang Yi said ...") and then go on
with "He stressed ...". Matching and a claim's canonical wording both need the name
back; the quote itself always stays exactly as the article has it.
"""

import re
from functools import cache
from typing import NamedTuple

import languages

from .event_finding import DATELINE_RE

_NAME_WORD = r"[A-Z][a-z’'-]+"
_FULL_NAME = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}}"
TITLES = (
    r"(?:Prime\s+Minister|Foreign\s+Minister|Minister|President|Vice\s+President|Premier|"
    r"Secretary(?:-General)?|Chancellor|CEO|Mayor|Governor|Senator|Judge|Justice|Ambassador|"
    r"Commissioner|Chairman|Chairwoman|Chair|Director|Professor|Spokesperson|Spokesman|"
    r"Spokeswoman|General|Coach|Captain|King|Queen|Pope|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)"
)
# English statement verbs (languages.en), as one alternative.
SAYING = "(?:" + "|".join(map(re.escape, languages.english().statement_verbs)) + ")"
# Ways a report names a person: with a title, as the subject of a verb of saying, after
# "said", or followed by their role ("Dana Okonkwo, Brightwell's chief executive").
PERSON_RES = [
    re.compile(rf"\b{TITLES}\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"),
    re.compile(
        rf"(?:^|(?<=[,;:“\"]\s))(?:{_NAME_WORD}\s+)*?(?P<name>{_FULL_NAME})\s+"
        rf"(?:also\s+|then\s+|later\s+)?{SAYING}\b"
    ),
    re.compile(rf"^(?P<name>{_NAME_WORD})\s+(?:also\s+)?{SAYING}\b"),
    re.compile(rf"\b(?:said|says|added|wrote)\s+(?:[a-z-]+\s+){{0,3}}(?P<name>{_FULL_NAME})\b"),
    re.compile(
        rf"(?P<name>{_FULL_NAME}),\s+(?:\d+,\s+)?(?:{_NAME_WORD}[’']s\s+)?(?:the\s+|an?\s+)?"
        rf"(?!{SAYING}\b)[a-z]"
    ),
    re.compile(rf"(?:^|(?<=\s))(?P<name>{_NAME_WORD}),\s+(?:the|an?)\s+[a-z]"),
    re.compile(rf"^(?P<name>{_FULL_NAME})\s+of\s+the\s+[A-Z]"),  # "Lai Ching-te of the DPP won"
]
# "the Prime Minister said": a person the report names by office alone.
OFFICE_RE = re.compile(rf"\b[Tt]he\s+(?P<name>{TITLES})(?!\s+{_NAME_WORD})\s+(?:also\s+)?[a-z]")
# A sentence opening on a name already given in full ("Kishida said", "Li did not").
KNOWN_SUBJECT_RE = re.compile(rf"^(?P<name>{_NAME_WORD})\s+(?:also\s+)?[a-z]")
ROLE_WORDS_RE = re.compile(
    rf"^(?:(?:{TITLES}|Chief|Executive|Financial|Operating|Officer|Deputy|Foreign|Prime|"
    r"Finance|Defence|Defense|Interior|Trade)\s+)+"
)
ORGANISATION_WORDS = (
    r"(?:Inc|Ltd|Corp|Corporation|Company|Co|Bank|Agency|Council|Ministry|Department|"
    r"Commission|Committee|Party|Group|Association|University|Court|Government|Office|"
    r"Service|Authority|Board|Institute|Foundation|Federation|Union|Organi[sz]ation|Labs?|"
    r"Appliances|Airlines|Motors|Technologies|Systems|Holdings|Partners|Police|Army|Navy)"
)
ORGANISATION_RES = [
    re.compile(
        rf"(?P<name>(?:the\s+)?(?:[A-Z][\w.&’'-]*\s+)(?:(?:of|for|and|&)\s+|[A-Z][\w.&’'-]*\s+)"
        rf"{{0,5}}?{ORGANISATION_WORDS}\b\.?)"
    ),
    re.compile(r"(?<![\w.])(?P<name>[A-Z]{2,6})(?![\w.])"),  # JAXA, NASA, HSE
]
PERSON_PRONOUN_RE = re.compile(r"^(?:He|She)\b")
# "It also plans ...", "It said ...": an organisation acting. Not "It was the first ...",
# "It will be ...": those are about a thing or a time.
ORGANISATION_PRONOUN_RE = re.compile(
    r"^It\s+(?:also\s+|then\s+|now\s+|later\s+|further\s+)?"
    r"(?!is\b|was\b|will\s+be\b|would\s+be\b|has\s+been\b|had\s+been\b|seems?\b|appears?\b|"
    r"remains?\b|means?\b|takes?\b|came\b|comes\b|could\b|may\b|might\b|must\b)"
    r"(?:[a-z]+s|[a-z]+ed|said|will|would|has|had|plans|aims|expects|wants)\b"
)
NOT_ACTORS = frozenset(
    "The A An In On At This That These Those It He She They We But And Or As After Before "
    "While When With For From By Of To Its His Her Their Our There Here What Who Why How".split()
)


class _Reading(NamedTuple):
    """The patterns a language's sentences name people by (English: the ones above)."""

    person_res: list[re.Pattern]
    pronoun_re: re.Pattern
    organisation_pronoun_re: re.Pattern
    organisation_res: list[re.Pattern]


ENGLISH = _Reading(PERSON_RES, PERSON_PRONOUN_RE, ORGANISATION_PRONOUN_RE, ORGANISATION_RES)
# A name's words in any Latin-script language ("Lucía", "Müller", "Lefèvre").
_ANY_NAME_WORD = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿ’']+(?:-[A-ZÀ-ÖØ-Þ]?[a-zß-öø-ÿ’']+)*"
_ANY_FULL_NAME = rf"{_ANY_NAME_WORD}(?:\s+(?:de\s+|del\s+|von\s+|van\s+)?{_ANY_NAME_WORD}){{1,2}}"


@cache
def reading(tag: str) -> _Reading:
    """How sentences in the language tag name people: English's patterns for English, a
    tag the desk does not read, or none; else patterns built from the language's
    statement verbs and pronouns (languages.get): "Lucía Ferrer dijo", "a déclaré
    Anne Roux", "sagte Jonas Weber", and "Lucía Ferrer, concejala de …"."""
    language = languages.get(tag)
    if language is None or language.tag == "en" or not language.statement_verbs:
        return ENGLISH
    verbs = "|".join(
        re.escape(verb) for verb in sorted(language.statement_verbs, key=len, reverse=True)
    )
    person_res = [
        re.compile(rf"(?P<name>{_ANY_FULL_NAME}),?\s+(?:{verbs})(?!\w)"),
        re.compile(rf"(?:{verbs})\s+(?:\w+\s+){{0,3}}?(?P<name>{_ANY_FULL_NAME})"),
        re.compile(rf"(?:^|(?<=\s))(?P<name>{_ANY_FULL_NAME}),\s+[a-zß-ÿ]"),
    ]
    pronouns = "|".join(map(re.escape, language.person_pronouns)) or r"(?!)"
    return _Reading(person_res, re.compile(rf"^(?:{pronouns})\b"), re.compile(r"(?!)"), [])


class Speakers:
    """Reads an article's sentences in order and remembers who was named last."""

    def __init__(self, language: str = "") -> None:
        self.person = ""
        self.organisation = ""
        self.people: dict[str, str] = {}  # surname -> full name, as first given
        self.reading = reading(language)

    def speaker(self, sentence: str) -> str:
        """Who the sentence's leading pronoun stands for, as far as the text said before."""
        if self.reading.pronoun_re.match(sentence):
            return self.person
        if self.reading.organisation_pronoun_re.match(sentence):
            return self.organisation
        return ""

    def named_words(self) -> set[str]:
        """The words of the people's names the text gave so far ("Wang", "Yi")."""
        names = [self.person, *self.people, *self.people.values()]
        return {word for name in names for word in name.split()} - {"the"}

    def read(self, sentence: str) -> None:
        """Take note of the people and organisations a sentence names, last one last."""
        found: list[tuple[int, str, str]] = []
        for pattern in self.reading.person_res:
            for match in pattern.finditer(sentence):
                name = ROLE_WORDS_RE.sub("", match.group("name") + " ").strip()
                if not name or name.split()[0] in NOT_ACTORS:
                    continue
                if re.search(rf"\b{ORGANISATION_WORDS}$", name):
                    continue  # "Aerospace Exploration Agency said": not a person
                found.append((match.start("name"), "person", name))
        for match in OFFICE_RE.finditer(sentence):
            found.append((match.start(), "person", f"the {match.group('name')}"))
        subject = KNOWN_SUBJECT_RE.match(sentence)
        if subject and subject.group("name") in self.people:
            found.append((0, "person", self.people[subject.group("name")]))
        for pattern in self.reading.organisation_res:
            for match in pattern.finditer(sentence):
                found.append((match.start("name"), "organisation", match.group("name")))
        for _, kind, name in sorted(found):
            if kind == "person":
                name = self.people.get(name, name)  # "Kishida" of "Fumio Kishida"
                self.person = name
                # Either part may be the family name ("Kishida", "Li" of "Li Qiang").
                for part in {name.split()[0], name.split()[-1]} - {name, "the"}:
                    self.people.setdefault(part, name)
            else:
                # A sentence's full stop is not part of the name; "Inc." keeps its own.
                abbreviated = re.search(r"\b(?:Inc|Ltd|Corp|Co)\.$", name)
                self.organisation = name if abbreviated else name.rstrip(".")


# A speaker stands for the pronoun a sentence opens on, in any language the desk reads.
LEADING_PRONOUN_RE = re.compile(
    r"^(?:"
    + "|".join(
        sorted(
            {"It", *(p for lg in languages.REGISTERED for p in lg.person_pronouns)},
            key=len,
            reverse=True,
        )
    )
    + r")\b"
)


def worded(text: str, speaker: str) -> str:
    """A claim's wording: the leading pronoun replaced by who it stands for, no dateline.

    "He stressed ..." with speaker "Wang Yi" reads "Wang Yi stressed ..."; "SEOUL, May 27
    (Wire) - The leaders agreed ..." reads "The leaders agreed ...".
    """
    dateline = DATELINE_RE.match(text)
    if dateline and len(text) > dateline.end():
        rest = text[dateline.end() :]
        text = rest[:1].upper() + rest[1:]
    if speaker:
        named = speaker[:1].upper() + speaker[1:]
        text = LEADING_PRONOUN_RE.sub(lambda _: named, text, count=1)
    return text


def speakers_of(sentences: list[str], language: str = "") -> list[str]:
    """For each sentence in order, who its leading pronoun stands for ('' when none)."""
    reader, found = Speakers(language), []
    for sentence in sentences:
        found.append(reader.speaker(sentence))
        reader.read(sentence)
    return found
