"""English: the desk's first language, and the one its check-worthiness model learnt.

English header dates (month names, "Published", "Updated") are the core patterns of
articles.dates, which every language's header lines are read with; the fields below
hold what only the other stages ask of English.
"""

from .base import Language

LANGUAGES = (
    Language(
        tag="en",
        name="English",
        sentences="en",
        stemmer="english",
        dateparser="en",
        statement_verbs=tuple(
            "said says told stated stressed emphasised emphasized underscored highlighted urged "
            "added warned noted argued called announced proposed suggested insisted acknowledged "
            "wrote".split()
        ),
        attribution_words=("according to",),
        person_pronouns=("He", "She"),
        number_words=tuple(
            "two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
            "hundred hundreds thousand thousands million millions billion billions".split()
        ),
        weekdays=("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
        weekday_markers=("on", "last", "this", "late", "early"),
        past_week_markers=("last",),
        future_words=(
            "will",
            "is to",
            "are to",
            "to be held",
            "is due",
            "are due",
            "expected to",
            "plan to",
            "plans to",
            "set to",
            "scheduled",
            "next",
        ),
        stopwords=frozenset(
            "a an the and or but nor of to in on at for with by from as is are was were be been "
            "being am this that these those it its it's their theirs his her hers he she they them "
            "him i me my mine we us our ours you your yours which who whom whose what when where "
            "why how if then than there here into onto over under about between among through "
            "also will would should could can may might must shall has have had having do does "
            "did doing not no so very just all any each other some such more most many much own "
            "same both either neither only too up down out off again once while because "
            "until".split()
        ),
    ),
)
