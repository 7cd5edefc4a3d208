"""French."""

from .base import Language

# News reports speech in the passé composé ("a déclaré", "ont affirmé") and the present.
_PARTICIPLES = tuple(
    "dit déclaré affirmé indiqué annoncé souligné expliqué ajouté précisé assuré estimé "
    "averti reconnu confirmé rappelé insisté promis demandé dénoncé".split()
)
_PRESENT = tuple(
    "dit déclare affirme indique annonce souligne explique ajoute précise assure estime "
    "avertit reconnaît confirme rappelle insiste".split()
)

LANGUAGES = (
    Language(
        tag="fr",
        name="French",
        sentences="fr",
        stemmer="french",
        dateparser="fr",
        statement_verbs=tuple(f"{aux} {verb}" for aux in ("a", "ont") for verb in _PARTICIPLES)
        + tuple(f"a-t-{who} {verb}" for who in ("il", "elle") for verb in _PARTICIPLES)
        + _PRESENT,
        attribution_words=("selon", "d'après", "d’après"),
        person_pronouns=("Il", "Elle"),
        number_words=tuple(
            "deux trois quatre cinq six sept huit neuf dix onze douze vingt trente quarante "
            "cinquante soixante cent cents centaine centaines mille milliers million millions "
            "milliard milliards".split()
        ),
        months=tuple(
            "janvier février fevrier mars avril mai juin juillet août aout septembre octobre "
            "novembre décembre decembre janv févr avr juil sept oct nov déc".split()
        ),
        published_labels=("publié", "publiée", "mis en ligne"),
        updated_labels=("mis à jour", "mise à jour", "modifié", "actualisé"),
        date_words=("le", "à", "du", "h"),
        day_suffixes=("er",),
        weekdays=("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
        weekday_markers=("ce", "le", "dès", "depuis"),
        future_words=("prochain", "prochaine", "à partir de", "est prévu", "est prévue", "doit"),
        stopwords=frozenset(
            "le la les l un une des du de d au aux et ou ni mais en dans sur sous par pour avec "
            "sans entre que qu qui dont où ce cet cette ces son sa ses leur leurs il elle ils "
            "elles on se s ne pas plus est sont était étaient été être a ont avait avoir fait "
            "aussi très déjà y".split()
        ),
    ),
)
