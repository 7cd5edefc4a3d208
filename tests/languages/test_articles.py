"""A Spanish, a French and a German report are read in their own language: tagged, cut
into sentences by that language's rules, dated from their header, and given claims; an
Italian one is stored as not supported yet, with no claims and never read as English."""

from datetime import date

import pytest

from articles.dates import event_day_phrases, resolve_event_day
from articles.reading import ArticleHints
from articles.services import read_article
from claims.pipeline import ingest_article
from claims.pipeline.candidates import candidates_for
from claims.text.extraction import assess
from claims.text.sentences import split_sentences
from languages import UNSUPPORTED_NOTE

# Written for these tests: invented happenings in real places. Each header dates the
# report; each body names another, earlier day, which must not date it.
SPANISH = """Zaragoza abrirá doce refugios climáticos el próximo verano

Publicado el 26 de noviembre de 2023

El pleno del Ayuntamiento de Zaragoza aprobó este jueves un plan que abrirá doce refugios \
climáticos en bibliotecas y centros cívicos durante las olas de calor del próximo verano.

La concejala de Medio Ambiente, Lucía Ferrer, dijo que el plan costará 1,8 millones de euros \
y que los refugios abrirán hasta las diez de la noche.

Según el servicio municipal de salud, las urgencias atendieron a 214 personas por golpes de \
calor el 14 de julio de 2022, el día más caluroso desde que hay registros.

Los grupos de la oposición votaron a favor del plan, aunque reclamaron más sombra en los \
patios de los colegios.
"""
FRENCH = """Nantes : la ligne de tramway 5 fermée pendant six semaines

Publié le 3 avril 2024

La ligne 5 du tramway de Nantes sera fermée à partir de lundi pendant six semaines afin de \
remplacer les rails sur le pont qui franchit la Loire, a annoncé la métropole.

Selon la société de transports, environ 18 000 voyageurs empruntent chaque jour cette \
ligne, mise en service le 12 juin 2019.

Des bus de remplacement circuleront entre la gare et l'île de Nantes pendant le chantier.

Le vice-président chargé des mobilités a déclaré que les travaux coûteraient 4,2 millions \
d'euros.
"""
GERMAN = """Bremen: Weserbrücke bleibt bis Ende Mai gesperrt

Veröffentlicht am 9. März 2024

Die Bürgermeister-Smidt-Brücke in Bremen bleibt wegen Rissen im Beton bis Ende Mai für \
Autos gesperrt, wie die Verkehrsbehörde am Freitag mitteilte.

Nach Angaben der Behörde fahren täglich rund 25.000 Fahrzeuge über die Brücke, die am \
1. Oktober 1952 eröffnet wurde.

Fußgänger und Radfahrer dürfen die Brücke weiterhin auf einer Spur benutzen.

Die Senatorin für Bau und Verkehr sagte, die Reparatur werde etwa drei Millionen Euro kosten.
"""
ITALIAN = """Bologna: chiusa per lavori la stazione degli autobus

Pubblicato il 5 febbraio 2024

La stazione degli autobus di Bologna resterà chiusa per tre settimane a partire da lunedì \
per rifare la pavimentazione, ha annunciato il comune in una nota diffusa ieri sera.

Secondo l'azienda dei trasporti, circa diecimila passeggeri al giorno dovranno salire sulle \
linee extraurbane alle fermate provvisorie allestite in via dei Mille.
"""

REPORTS = [
    # tag, text, header date, a claim its reports must give (its opening words)
    ("es", SPANISH, date(2023, 11, 26), "La concejala de Medio Ambiente, Lucía Ferrer, dijo"),
    ("fr", FRENCH, date(2024, 4, 3), "Le vice-président chargé des mobilités a déclaré"),
    ("de", GERMAN, date(2024, 3, 9), "Die Senatorin für Bau und Verkehr sagte"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("tag", "text", "published", "claim"), REPORTS)
def test_a_report_in_a_supported_latin_language_gets_its_language_date_and_claims(
    tag, text, published, claim
):
    article = ingest_article(text=text, file_name=f"{tag}.txt", trusted=True).article
    assert article.language == tag
    assert article.claims_not_extracted == ""
    # The header's date, not the earlier day the story tells of.
    assert (article.published_on, article.date_precision) == (published, "day")
    quotes = list(article.appearances.values_list("quote", "claim__checkworthiness"))
    assert any(quote.startswith(claim) for quote, _ in quotes)
    assert all(0 < score <= 1 for _, score in quotes)
    # A sentence that states nothing checkable (no figure, no one speaking) is no claim.
    assert len(quotes) < len(split_sentences(article.body, tag))


# The day each report's opening gives its happening, read against its own date: Spanish
# "este jueves" and German "am Freitag" look back from the header's Sunday and Saturday;
# the French report's "à partir de lundi" is still to come and dates nothing.
EVENT_DAYS = [
    ("es", SPANISH, date(2023, 11, 23)),
    ("de", GERMAN, date(2024, 3, 8)),
    ("fr", FRENCH, None),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("tag", "text", "day"), EVENT_DAYS)
def test_the_event_is_dated_by_the_weekday_its_report_names_in_its_language(tag, text, day):
    event = ingest_article(text=text, file_name=f"{tag}.txt", trusted=True).article.event
    event.refresh_from_db()
    assert event.starts_on == day


@pytest.mark.parametrize(
    ("sentence", "published", "day"),
    [
        ("El ministro dimitió el pasado domingo.", date(2023, 11, 26), date(2023, 11, 19)),
        ("Le ministre a démissionné ce lundi.", date(2024, 4, 3), date(2024, 4, 1)),
        (
            "Der Minister trat am vergangenen Sonntag zurück.",
            date(2023, 11, 26),
            date(2023, 11, 19),
        ),
        ("El pleno votará el próximo jueves.", date(2023, 11, 26), None),
        ("Die Wahl findet am nächsten Sonntag statt.", date(2023, 11, 26), None),
    ],
)
def test_weekdays_are_read_in_each_language_and_the_future_dates_nothing(sentence, published, day):
    phrases = event_day_phrases(sentence)
    assert [resolve_event_day(p, published).value for p in phrases] == ([day] if day else [])


@pytest.mark.parametrize(("tag", "text", "published", "claim"), REPORTS)
def test_the_header_date_is_read_in_the_reports_language(tag, text, published, claim):
    read = read_article(text=text, hints=ArticleHints(collected_on=date(2024, 6, 1)))
    assert read.fields["language"] == tag
    assert read.published_on == published


@pytest.mark.parametrize(
    ("tag", "line", "sentences"),
    [
        # pySBD's Spanish rules know "EE. UU." and "Avda."; its English ones cut inside them.
        (
            "es",
            "La delegación viajó a EE. UU. con el alcalde. La reunión fue en la Avda. de la "
            "Constitución.",
            2,
        ),
        # French "env." and German "3. Oktober" and "u. a." end no sentence.
        (
            "fr",
            "Selon M. Dupont, env. 300 personnes ont été évacuées. Elles ont dormi au gymnase.",
            2,
        ),
        (
            "de",
            "Der Pegel stieg bis zum 3. Oktober auf sieben Meter, u. a. in Pirna. Die Stadt "
            "sperrte Straßen.",
            2,
        ),
    ],
)
def test_sentences_are_cut_by_the_rules_of_the_articles_language(tag, line, sentences):
    assert len(split_sentences(line, tag)) == sentences
    assert len(split_sentences(line, "en")) > sentences  # English rules would cut inside


@pytest.mark.parametrize(
    ("tag", "sentence", "kept"),
    [
        ("es", "El ministro afirmó que la presa estará terminada antes de que acabe el año.", True),
        ("es", "Las obras de la presa dejaron 3.400 metros cúbicos de escombros en el río.", True),
        ("es", "Los vecinos se reunieron en la plaza para ver pasar la procesión.", False),
        ("es", "¿Cuándo estará terminada la presa del río?", False),
        ("fr", "La préfète a indiqué que la route resterait fermée jusqu'à nouvel ordre.", True),
        ("fr", "Les habitants sont venus nombreux pour regarder le défilé sur la place.", False),
        ("de", "Laut Polizei wurden bei dem Unfall zwei Menschen leicht verletzt.", True),
        ("de", "Die Anwohner versammelten sich am Abend auf dem Marktplatz.", False),
    ],
)
def test_a_sentence_is_check_worthy_by_its_languages_cues(tag, sentence, kept):
    decided, score = assess(sentence, language=tag)
    assert decided is kept
    assert (score > 0) is kept


def test_a_figure_ranks_a_claim_above_one_without():
    plain = assess("La alcaldesa dijo que el puente abrirá en primavera.", language="es")[1]
    figure = assess("La alcaldesa dijo que el puente costará 12 millones.", language="es")[1]
    assert 0 < plain < figure


@pytest.mark.django_db
def test_an_italian_report_is_stored_as_not_supported_and_never_read_as_english():
    article = ingest_article(text=ITALIAN, file_name="it.txt", trusted=True).article
    assert article.language == "it"
    assert article.appearances.count() == 0
    assert article.claims_not_extracted == UNSUPPORTED_NOTE


def test_no_stage_reads_a_language_the_desk_does_not_read_as_english():
    # An editor releasing or moving an article has its sentences read again: by its tag.
    body = ITALIAN.split("\n\n", 2)[2]
    assert candidates_for(body, "it") == []
    assert candidates_for(body, "und-Cyrl") == []
    assert candidates_for(SPANISH.split("\n\n", 2)[2], "es")


@pytest.mark.parametrize(
    ("tag", "body", "wording"),
    [
        (
            "es",
            "La concejala Lucía Ferrer dijo que el plan costará dos millones de euros.\n"
            "Ella añadió que las obras empezarán en la primavera de 2025.",
            "Lucía Ferrer añadió que las obras empezarán en la primavera de 2025.",
        ),
        (
            "fr",
            "Le chantier durera six semaines, a déclaré Anne-Marie Roux devant la presse.\n"
            "Elle a ajouté que la facture dépasserait 4 millions d'euros.",
            "Anne-Marie Roux a ajouté que la facture dépasserait 4 millions d'euros.",
        ),
        (
            "de",
            "Jonas Weber sagte, die Brücke bleibe bis Ende Mai gesperrt.\n"
            "Er betonte, die Reparatur koste etwa drei Millionen Euro.",
            "Jonas Weber betonte, die Reparatur koste etwa drei Millionen Euro.",
        ),
    ],
)
def test_a_pronoun_is_worded_as_the_speaker_its_language_named(tag, body, wording):
    found = candidates_for(body, tag)
    assert [candidate.wording for candidate in found][-1] == wording
    # English rules find no speaker there: the pronoun would stay.
    assert candidates_for(body, "en")[-1].wording != wording
