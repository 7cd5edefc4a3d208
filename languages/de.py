"""German."""

from .base import Language

LANGUAGES = (
    Language(
        tag="de",
        name="German",
        sentences="de",
        stemmer="german",
        dateparser="de",
        # Main clause ("sagte die Ministerin") and the verb at the end of a subordinate one
        # ("wie die Polizei mitteilte").
        statement_verbs=tuple(
            "sagte sagt sagten erklärte erklärt erklärten betonte betont teilte mitteilte "
            "mitteilt berichtete berichtet warnte warnt forderte fordert kündigte ankündigte "
            "bestätigte bestätigt versicherte räumte einräumte bekräftigte ergänzte "
            "sprach".split()
        ),
        attribution_words=("laut", "zufolge", "nach Angaben"),
        person_pronouns=("Er",),  # not "Sie": it is also "they"
        number_words=tuple(
            "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig "
            "fünfzig hundert hunderte tausend tausende Million Millionen Milliarde "
            "Milliarden".split()
        ),
        months=tuple(
            "Januar Jänner Februar März Maerz April Mai Juni Juli August September Oktober "
            "November Dezember Jan Feb Mär Apr Jun Jul Aug Sep Sept Okt Nov Dez".split()
        ),
        published_labels=("veröffentlicht", "erschienen", "publiziert"),
        updated_labels=("aktualisiert", "zuletzt aktualisiert", "geändert"),
        date_words=("am", "um", "uhr", "vom", "stand"),
        day_suffixes=(".",),
        weekdays=("montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag"),
        weekday_markers=("am", "seit", "diesen", "vergangenen", "am vergangenen", "letzten"),
        past_week_markers=("vergangenen", "am vergangenen", "letzten"),
        future_words=("nächsten", "nächste", "kommenden", "soll", "sollen"),
        stopwords=frozenset(
            "der die das den dem des ein eine einer eines einem einen und oder aber in im an am "
            "auf aus bei mit nach von vom zu zum zur für über unter vor durch gegen ist sind war "
            "waren wird werden wurde wurden hat haben hatte sein seine ihr ihre sich es er sie "
            "wir nicht auch noch so wie dass als um".split()
        ),
    ),
)
