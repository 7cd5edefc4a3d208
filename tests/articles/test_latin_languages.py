"""Latin-script languages: told apart and stored with their tag; English kept. One the
desk does not read gets no claims (Spanish, French and German are read: tests/languages)."""

from datetime import date
from pathlib import Path

import pytest
from django.urls import reverse

from articles.models import Article
from articles.reading import ArticleHints
from articles.services import collect_files, read_article, read_article_file
from claims.pipeline import ingest_article
from languages import UNSUPPORTED_NOTE
from languages.detect import detect_language

ROOT = Path(__file__).resolve().parents[2]

# Written for these tests: short wire reports of invented happenings in real places.
SPANISH = """Valencia reabre el puerto tras tres días de temporal

VALENCIA, 14 de marzo de 2024. El puerto de Valencia volvió a abrir este jueves después de \
permanecer cerrado durante tres días por un fuerte temporal de levante que dejó olas de más \
de seis metros en la costa.

Según la autoridad portuaria, unos cuarenta buques esperaban en la bahía para entrar y la \
actividad tardará al menos una semana en recuperar su ritmo habitual.

El alcalde declaró que los daños en el paseo marítimo superan los dos millones de euros y \
pidió ayudas al Gobierno central.
"""
FRENCH = """Grève des contrôleurs aériens : des centaines de vols annulés à Marseille

MARSEILLE, 3 avril 2024. Près de quatre cents vols ont été annulés mercredi à l'aéroport de \
Marseille-Provence en raison d'une grève des contrôleurs aériens qui réclament une hausse de \
leurs effectifs.

La direction de l'aéroport a conseillé aux voyageurs de vérifier l'état de leur vol avant de \
se rendre sur place, car les perturbations devraient se poursuivre jusqu'à vendredi.

Le syndicat majoritaire affirme que la moitié des postes prévus ne sont toujours pas pourvus.
"""
GERMAN = """Hochwasser: Elbe erreicht in Dresden sieben Meter

DRESDEN, 9. Juni 2024. Der Pegel der Elbe hat am Sonntagmorgen in Dresden die Marke von \
sieben Metern überschritten, wie das Landesamt für Umwelt mitteilte.

Die Stadt sperrte mehrere Uferstraßen und rief die Bewohner der tiefer gelegenen Viertel \
dazu auf, ihre Keller zu räumen.

Nach Angaben der Feuerwehr waren seit Freitag mehr als zweihundert Helfer im Einsatz, um \
Sandsäcke zu füllen und Deiche zu sichern.
"""
PORTUGUESE = (
    "O governo anunciou nesta segunda-feira que o novo aeroporto da capital será "
    "construído na margem sul do rio e deverá entrar em funcionamento dentro de dez anos."
)
ITALIAN = (
    "La linea ferroviaria tra Torino e Milano è stata riaperta martedì mattina, cinque "
    "giorni dopo la frana che aveva bloccato i binari vicino a Novara."
)
DUTCH = (
    "De nieuwe fietsbrug over de Maas is donderdag geopend, twee jaar later dan gepland, "
    "en volgens de gemeente gaan er elke dag ongeveer twaalfduizend fietsers over."
)
# English, but full of Spanish and French names, places and a quoted phrase.
ENGLISH_WITH_NAMES = """Sánchez and Macron agree on Pyrenees rail link

MADRID, 14 March 2024. Pedro Sánchez and Emmanuel Macron agreed on Thursday to fund a new \
rail link through the Pyrenees, the Palacio de la Moncloa said after talks with the Élysée.

The line from Zaragoza to Pau via Canfranc would reopen by 2030, Spain's transport minister \
Óscar Puente told reporters at the Museo del Prado, adding that the Generalitat de Catalunya \
and the Région Occitanie would share the cost.

Sánchez said the project was "una prioridad" for Spain and would cost about 1.2 billion euros.
"""


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        (SPANISH, "es"),
        (FRENCH, "fr"),
        (GERMAN, "de"),
        (PORTUGUESE, "pt"),
        (ITALIAN, "it"),
        (DUTCH, "nl"),
    ],
)
def test_a_latin_script_language_is_told_apart(text, tag):
    assert detect_language(text) == tag


@pytest.mark.parametrize(
    "text",
    [
        ENGLISH_WITH_NAMES,
        "Real Madrid beat Barcelona 3-1 at the Bernabéu",  # a headline
        "Juan Carlos Rodríguez, María José García, Jean-Luc Dubois, Hans-Jürgen Müller",
        "Inflation 2.4% (Q3 2024), unemployment 6.1%, GDP +0.3% q/q: INE, Destatis, INSEE",
        "The mayor called the new square the plaza mayor of the town and, in a nod to the "
        "visitors, said the plan was a fait accompli; the crowd answered with a cheerful olé "
        "before the council voted 7 to 2 in favour of the scheme.",
        "LA JUNTA APRUEBA EL PRESUPUESTO",  # capitals alone: too little to overrule English
        "Gracias a todos! Read the full story at https://example.com/es/noticias/presupuesto",
    ],
)
def test_english_is_kept_when_the_detector_is_not_sure(text):
    assert detect_language(text) == "en"


def _english_files():
    for folder in (ROOT / "seeds", ROOT / "bench" / "corpus" / "articles"):
        for path in collect_files([folder]):
            read = read_article(text=read_article_file(path), file_name=path.name)
            text = f"{read.title}\n{read.body}"
            if detect_language(text) not in {"ja", "ko", "zh-Hans", "zh-Hant"}:
                yield path.name, text


def test_every_english_article_the_desk_ships_stays_english():
    checked = dict(_english_files())
    assert len(checked) >= 60  # the five seeds and the corpus's 57 English articles
    assert {name: detect_language(text) for name, text in checked.items()} == dict.fromkeys(
        checked, "en"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "tag"), [(PORTUGUESE, "pt"), (ITALIAN, "it"), (DUTCH, "nl")])
def test_an_article_in_a_language_the_desk_does_not_read_gets_its_tag_and_no_claims(text, tag):
    article = ingest_article(text=text, file_name=f"{tag}.txt", trusted=True).article
    assert article.language == tag
    assert article.appearances.count() == 0
    assert article.claims_not_extracted == UNSUPPORTED_NOTE


@pytest.mark.django_db
def test_an_english_report_full_of_foreign_names_stays_english_with_claims():
    hints = ArticleHints(collected_on=date(2024, 3, 15))
    article = ingest_article(text=ENGLISH_WITH_NAMES, hints=hints, trusted=True).article
    assert article.language == "en"
    assert article.claims_not_extracted == ""
    quotes = list(article.appearances.values_list("quote", flat=True))
    assert any(quote.startswith("Sánchez said the project") for quote in quotes)


def test_editors_are_told_why_an_article_has_no_claims(client, editor):
    client.force_login(editor)
    client.post(reverse("admin:articles_article_add"), {"text": ITALIAN})
    article = Article.objects.get()
    assert article.language == "it"
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).text
    assert "Claims not extracted: language not supported yet (it)." in page  # atop the page
    assert f"⚠ {UNSUPPORTED_NOTE} (it)" in page  # beside the language field


def test_editors_see_no_such_note_on_an_english_article(client, editor, seeded):
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[seeded["000"].pk])).text
    assert UNSUPPORTED_NOTE not in page.lower()


def _page(lang: str, text: str) -> str:
    title, *paragraphs = [part for part in text.split("\n\n") if part.strip()]
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>'
        f"</head><body><article><h1>{title}</h1>{body}</article></body></html>"
    )


@pytest.mark.parametrize("lang", ["en", "en-US", "es"])
def test_a_spanish_page_is_spanish_whatever_its_template_says(lang):
    read = read_article(text=_page(lang, SPANISH), file_name="es.html")
    assert read.fields["language"] == "es"


def test_a_manifest_tag_is_the_operators_word():
    read = read_article(text=SPANISH, hints=ArticleHints(language="en"))
    assert read.fields["language"] == "en"
