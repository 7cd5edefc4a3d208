"""The registry of languages: what each supported language says of itself, and that a
language it does not list is not read as English."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

import languages
from languages.base import Language
from languages.detect import normalise_tag


def test_the_desk_reads_english_spanish_french_german_and_the_cjk_languages():
    assert set(languages.SUPPORTED) == {"en", "es", "fr", "de", "ja", "ko", "zh-Hans", "zh-Hant"}
    assert set(languages.CJK) == {"ja", "ko", "zh-Hans", "zh-Hant"}
    assert all(isinstance(language, Language) for language in languages.REGISTERED)


@pytest.mark.parametrize("tag", ["it", "pt", "nl", "und-Cyrl", "", "EN", "es-ES"])
def test_a_tag_the_registry_does_not_list_is_not_supported(tag):
    assert languages.get(tag) is None
    assert not languages.is_supported(tag)
    assert not languages.is_cjk(tag)


def test_a_regional_tag_is_read_as_its_language_when_the_desk_reads_it():
    assert normalise_tag("es-MX") == "es"
    assert normalise_tag("fr_CA") == "fr"
    assert normalise_tag("de-AT") == "de"
    assert normalise_tag("it-IT") == "it-IT"  # not read: stored as given


@pytest.mark.parametrize(
    ("tag", "sentences", "dateparser"),
    [
        ("en", "en", "en"),
        ("es", "es", "es"),
        ("fr", "fr", "fr"),
        ("de", "de", "de"),
        ("ja", "cjk", "ja"),
        ("ko", "cjk", "ko"),
        ("zh-Hans", "cjk", "zh"),
        ("zh-Hant", "cjk", "zh-Hant"),
    ],
)
def test_each_language_says_how_its_sentences_and_dates_are_read(tag, sentences, dateparser):
    language = languages.get(tag)
    assert language.tag == tag
    assert language.sentences == sentences
    assert language.dateparser == dateparser == languages.dateparser_language(tag)
    assert language.cjk == (sentences == "cjk")


@pytest.mark.parametrize(
    ("tag", "words", "stem"),
    [
        ("en", ["resuming", "resumed", "resumes"], "resum"),
        ("es", ["inundaciones", "inundación"], "inund"),
        ("fr", ["annoncées", "annoncé", "annonces"], "annonc"),
        ("de", ["Überschwemmungen", "Überschwemmung"], "uberschwemm"),  # umlaut folded
    ],
)
def test_words_are_stemmed_by_their_own_language(tag, words, stem):
    language = languages.get(tag)
    assert {language.stem(word.lower()) for word in words} == {stem}


def test_a_language_without_a_stemmer_keeps_its_words():
    assert languages.get("ja").stem("会談") == "会談"


def test_stemming_in_many_threads_gives_each_word_its_own_stem():
    words = [f"{root}{ending}" for root in ("declar", "inund", "anunci") for ending in "aeo"]
    spanish, english = languages.get("es"), languages.english()
    alone = {word: (spanish.stem(word + "ciones"), english.stem(word + "ing")) for word in words}
    from languages import base

    base.stem.cache_clear()  # every thread stems afresh, not from the shared memory
    barrier = threading.Barrier(4)

    def stem_all(_):
        barrier.wait()
        return {word: (spanish.stem(word + "ciones"), english.stem(word + "ing")) for word in words}

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(stem_all, range(4))) == [alone] * 4


@pytest.mark.parametrize(
    ("tag", "sentence"),
    [
        ("en", "The minister said the bridge would open in May."),
        ("es", "La alcaldesa afirmó que el puente abrirá en mayo."),
        ("es", "Según la policía, el puente abrirá en mayo."),
        ("fr", "Le maire a déclaré que le pont ouvrira en mai."),
        ("fr", "Le pont ouvrira en mai, a-t-il précisé."),
        ("de", "Die Ministerin sagte, die Brücke werde im Mai eröffnet."),
        ("de", "Die Brücke wird im Mai eröffnet, wie die Stadt mitteilte."),
    ],
)
def test_statement_verbs_are_found_in_their_language(tag, sentence):
    assert languages.get(tag).statement_re.search(sentence)


def test_statement_verbs_of_one_language_are_not_anothers():
    assert not languages.get("es").statement_re.search("Le maire a déclaré que le pont ouvrira.")
    assert not languages.get("de").statement_re.search("La alcaldesa afirmó que abrirá.")


@pytest.mark.parametrize(
    ("tag", "sentence"),
    [
        ("es", "Unos cuarenta buques esperaban en la bahía."),
        ("fr", "Près de quatre cents vols ont été annulés."),
        ("de", "Mehr als zweihundert Helfer waren im Einsatz."),
        ("de", "Der Schaden liegt bei 3,5 Millionen Euro."),
    ],
)
def test_a_quantity_is_a_figure_in_words_or_digits(tag, sentence):
    assert languages.get(tag).number_re.search(sentence)
    assert not languages.get(tag).number_re.search("Die Stadt sperrte die Uferstraßen.")


@pytest.mark.parametrize("language", languages.REGISTERED, ids=lambda language: language.tag)
def test_each_language_names_tools_that_know_it(language):
    # A module naming a code pySBD, Snowball or dateparser lacks would fail at ingestion.
    import snowballstemmer
    from pysbd.languages import LANGUAGE_CODES

    from articles.dates import date_language

    assert language.cjk or language.sentences in LANGUAGE_CODES
    assert not language.stemmer or language.stemmer in snowballstemmer.algorithms()
    assert date_language(language.tag) == language.dateparser
