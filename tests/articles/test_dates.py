"""Publication dates written as prose, resolved only as far as the text allows."""

from datetime import date

import pytest

from articles.dates import resolve_date


@pytest.mark.parametrize(
    ("phrase", "expected", "precision"),
    [
        ("December 6, 2023", date(2023, 12, 6), "day"),
        ("December 2023", date(2023, 12, 1), "month"),
        ("2023-12-06", date(2023, 12, 6), "day"),
        ("2024-01-15", date(2024, 1, 15), "day"),
    ],
)
def test_dates_with_a_year_need_no_reference(phrase, expected, precision):
    resolved = resolve_date(phrase)
    assert (resolved.value, resolved.precision, resolved.phrase) == (expected, precision, phrase)


@pytest.mark.parametrize("phrase", ["11 months ago", "On November 26", "December 3 to 5"])
def test_relative_or_yearless_phrase_without_reference_is_unknown(phrase):
    resolved = resolve_date(phrase)
    assert resolved.value is None
    assert resolved.precision == "unknown"
    assert resolved.phrase == phrase


def test_months_ago_counts_back_from_reference_to_month_precision():
    resolved = resolve_date("11 months ago", date(2024, 11, 1))
    assert (resolved.value, resolved.precision) == (date(2023, 12, 1), "month")
    assert resolved.phrase == "11 months ago"


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        (date(2023, 12, 6), date(2023, 11, 26)),
        (date(2023, 11, 26), date(2023, 11, 26)),
        (date(2023, 11, 20), date(2022, 11, 26)),
    ],
)
def test_yearless_day_is_never_after_the_reference(reference, expected):
    resolved = resolve_date("On November 26", reference)
    assert (resolved.value, resolved.precision) == (expected, "day")


@pytest.mark.parametrize("phrase", ["from December 3 to 5", "December 3 to 5", "December 3-5"])
def test_range_is_dated_by_its_first_day(phrase):
    resolved = resolve_date(phrase, date(2024, 12, 10))
    assert (resolved.value, resolved.precision) == (date(2024, 12, 3), "day")


@pytest.mark.parametrize(
    ("phrase", "reference"),
    [
        ("December 6, 2023", date(2023, 1, 1)),
        ("December 2023", date(2023, 11, 1)),
        ("2025-03-01", date(2024, 11, 1)),
    ],
)
def test_date_after_the_reference_is_unknown(phrase, reference):
    resolved = resolve_date(phrase, reference)
    assert resolved.value is None
    assert resolved.precision == "unknown"
    assert resolved.phrase == phrase


@pytest.mark.parametrize("reference", [None, date(2024, 11, 1)])
@pytest.mark.parametrize("phrase", ["blue elephant", "asdf 2023 qwerty", "??"])
def test_nonsense_is_unknown(phrase, reference):
    resolved = resolve_date(phrase, reference)
    assert (resolved.value, resolved.precision) == (None, "unknown")


@pytest.mark.parametrize("phrase", ["", "   "])
def test_empty_phrase_is_unknown_without_phrase(phrase):
    assert resolve_date(phrase, date(2024, 11, 1)) == resolve_date("")
    assert resolve_date(phrase).phrase == ""
    assert resolve_date(phrase).precision == "unknown"
