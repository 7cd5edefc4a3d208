"""Publication dates written as prose, resolved only as far as the text allows."""

from datetime import date

import pytest

from articles.cleaning import clean_text
from articles.dates import ResolvedDate, event_day_phrases, resolve_date, resolve_event_day
from articles.header_dates import (
    Mention,
    dateline_date,
    header_mentions,
    publication_date,
    publication_phrase,
)
from articles.services import html_publication_date


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


# --- the publication date in the header block ------------------------------------------

LEAD = (
    "The council voted on Tuesday to extend the night bus service to the airport, the "
    "transport committee said after a long meeting.\n\nThe new routes start next month."
)


@pytest.mark.parametrize(
    ("line", "phrase", "role"),
    [
        ("November 26, 2023", "November 26, 2023", "plain"),
        ("Posted on December 8, 2023 by Jane Doe", "December 8, 2023", "published"),
        ("Updated: 2024-12-05 09:12", "2024-12-05", "updated"),
        ("Dec 11, 2024, 08:00 ET", "Dec 11, 2024", "plain"),
        ("May 27, 2024 | World news desk", "May 27, 2024", "plain"),
        ("2023/11/26 19:05", "2023/11/26", "plain"),
        ("2024-12-05 21:40:12 来源：新华社", "2024-12-05", "plain"),
        ("2023年11月26日 19時05分", "2023年11月26日", "plain"),
        ("FOR IMMEDIATE RELEASE July 13, 2009", "July 13, 2009", "published"),
    ],
)
def test_a_header_line_gives_its_date_and_what_it_calls_it(line, phrase, role):
    assert header_mentions(line)[0] == Mention(phrase, role)


@pytest.mark.parametrize(
    "line",
    [
        "Vote set for May 27, 2024",
        "Ministers meet in Busan | November 26, 2023",
        "Since December 2019, prices have doubled.",
        "Posted on December 8, 2023 by the ministers who met there",
    ],
)
def test_a_headline_or_sentence_naming_a_day_is_not_a_date_line(line):
    assert header_mentions(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Updated: Dec 6, 2023 10:00 | Published: Dec 5, 2023 08:00",
        "입력 2023.12.05 19:05 수정 2023.12.06 08:30",
    ],
)
def test_the_published_date_wins_over_an_update_written_before_it(line):
    assert resolve_date(publication_phrase(header_mentions(line))).value.day == 5


def test_publication_label_wins_wherever_it_stands():
    mentions = [Mention("Dec 6, 2023", "updated"), Mention("Nov 26", "dateline")]
    assert publication_phrase([*mentions, Mention("Dec 5, 2023", "published")]) == "Dec 5, 2023"
    assert publication_phrase(mentions) == "Nov 26"
    assert publication_phrase([mentions[0]]) == "Dec 6, 2023"


@pytest.mark.parametrize(
    ("header", "phrase"),
    [
        ("November 26, 2023\n\nCouncil extends night buses to the airport", "November 26, 2023"),
        ("Council extends night buses to the airport\n\nBy Ana Ruiz | 26 Nov 2023", "26 Nov 2023"),
        ("26 Nov 2023\n\nCouncil extends night buses to the airport\n\nShare this", "26 Nov 2023"),
        ("The Lantern\n\nMon 27 Nov 2023\n\nHome > City\n\nCouncil extends night buses", ""),
        (
            "Council extends night buses to the airport\n\nLast updated 27 Nov 2023\n\n"
            "First published 26 Nov 2023",
            "26 Nov 2023",
        ),
    ],
)
def test_the_header_block_dates_the_article(header, phrase):
    assert clean_text(f"{header}\n\n{LEAD}").date_phrase == phrase


def test_a_year_less_dateline_is_read_against_the_headers_full_date():
    mentions = [Mention("Dec 4", "dateline"), Mention("2024-12-05", "updated")]
    assert publication_date(mentions).value == date(2024, 12, 4)
    assert publication_date(mentions[:1]) == ResolvedDate.unknown("Dec 4")


def test_an_impossible_publication_date_leaves_its_phrase_when_nothing_else_dates():
    assert publication_date([Mention("31 February 2023", "published")]).phrase == (
        "31 February 2023"
    )
    assert publication_date([]) == ResolvedDate.unknown()


def test_a_byline_sharing_the_date_line_is_still_the_byline():
    header = "Council extends night buses\n\nBy Ana Ruiz, Transport Editor | 26 Nov 2023 09:10 GMT"
    article = clean_text(f"{header}\n\n{LEAD}")
    assert (article.author, article.date_phrase) == ("Ana Ruiz", "26 Nov 2023")


def test_a_cjk_timestamp_with_its_source_and_writer_is_a_date_line_not_the_headline():
    text = (
        "三国外长会晤\n\n2023-11-26 19:05:12\u3000来源：人民网\u3000作者：张伟\n\n"
        "三国外长26日在釜山举行会晤，同意加快自由贸易协定谈判。\n\n各方表示将继续推进合作。"
    )
    article = clean_text(text)
    assert (article.title, article.date_phrase) == ("三国外长会晤", "2023-11-26")


def test_dates_in_the_story_never_date_the_article():
    text = (
        "Council extends night buses to the airport\n\n"
        "The service, which has lost money since December 2019, will run all night from "
        "June 3, 2024, the council said after a long meeting.\n\n"
        "The plan was first put forward years ago by residents.\n\nMarch 4, 2014\n\n"
        "Council first debates the plan."
    )
    assert clean_text(text).date_phrase == ""


@pytest.mark.parametrize(
    ("paragraph", "phrase"),
    [
        ("SEOUL, Nov 26 (Wire) - Ministers met.", "Nov 26"),
        ("DAYTON, Ohio, Sept. 12, 2024 /Newsline/ -- A maker said.", "Sept. 12, 2024"),
        ("新华社釜山11月26日电（记者 张伟）三国外长举行会谈。", "11月26日"),
        ("The ministers met on Nov 26 - in Busan.", ""),
    ],
)
def test_dateline_date(paragraph, phrase):
    assert dateline_date(paragraph) == phrase


@pytest.mark.parametrize(
    ("phrase", "expected", "precision"),
    [
        ("14/09/2013", date(2013, 9, 14), "day"),
        ("09/14/2013", date(2013, 9, 14), "day"),
        ("14.09.2013", date(2013, 9, 14), "day"),
        ("04/09/2024", date(2024, 1, 1), "year"),  # 4 September or April 9: the year only
        ("2023/11/26", date(2023, 11, 26), "day"),
    ],
)
def test_dates_in_digits(phrase, expected, precision):
    resolved = resolve_date(phrase)
    assert (resolved.value, resolved.precision) == (expected, precision)


@pytest.mark.parametrize("phrase", ["31 February 2023", "2023/02/31", "2023年2月31日"])
def test_an_impossible_date_is_unknown_but_keeps_its_phrase(phrase):
    assert resolve_date(phrase) == ResolvedDate.unknown(phrase)
    header = f"Council extends night buses to the airport\n\n{phrase}\n\n{LEAD}"
    assert clean_text(header).date_phrase == phrase


def test_html_date_comes_from_the_markup_never_from_the_story():
    meta = (
        '<html><head><meta property="article:published_time" content="2023-11-26T10:00:00Z">'
        '<meta property="article:modified_time" content="2023-11-28T10:00:00Z"></head>'
        "<body><p>Prices have risen since December 2019.</p></body></html>"
    )
    assert html_publication_date(meta) == "2023-11-26"
    story = "<html><body><p>Prices have risen since December 2019.</p></body></html>"
    assert html_publication_date(story) == ""


# --- the day a report's happening took place ---------------------------------------------


def test_event_days_of_the_opening_leave_the_future_out():
    text = (
        "Ministers met in Busan on Sunday and agreed to resume talks. "
        "They will meet again on Friday.\n\n外相は26日、釜山で会談した。"
    )
    assert event_day_phrases(text) == ("on Sunday", "26日")


@pytest.mark.parametrize(
    ("phrase", "published", "expected"),
    [
        ("on Sunday", date(2023, 11, 28), date(2023, 11, 26)),
        ("on Sunday", date(2023, 11, 26), date(2023, 11, 26)),
        ("last Sunday", date(2023, 11, 26), date(2023, 11, 19)),
        ("26日", date(2023, 11, 27), date(2023, 11, 26)),
        ("Nov 26", date(2023, 11, 27), date(2023, 11, 26)),
    ],
)
def test_event_day_is_read_against_the_reports_date(phrase, published, expected):
    assert resolve_event_day(phrase, published).value == expected


def test_a_weekday_needs_the_reports_own_date():
    assert resolve_event_day("on Sunday", None, date(2023, 11, 28)).value is None
    assert resolve_event_day("Nov 26", None, date(2023, 11, 28)).value == date(2023, 11, 26)


def test_dates_written_out_in_full_are_read_as_dateparser_reads_them():
    # resolve_date reads these itself (articles.dates.FULL_DATE_RE): every spelling of every
    # month, days a month has and does not have, both orders, must give dateparser's day.
    from articles.dates import FULL_DATE_RE, MONTHS, _parse, full_date

    compared = 0
    for month in MONTHS.split("|"):
        for spelled in (month, month.title(), month.upper(), f"{month.title()}."):
            for day in (1, 9, 28, 29, 30, 31):
                for year in (2023, 2024):
                    for phrase in (
                        f"{spelled} {day}, {year}",
                        f"{spelled} {day} {year}",
                        f"{day} {spelled} {year}",
                        f"{spelled} {day}th, {year}" if day > 3 else f"{spelled} {day}st, {year}",
                    ):
                        match = FULL_DATE_RE.fullmatch(phrase)
                        assert match, phrase
                        expected, period = _parse(phrase, "en", None, date(2025, 1, 1))
                        try:
                            ours = full_date(match)
                        except ValueError:
                            ours = None
                        assert ours == expected, phrase
                        assert expected is None or period == "day", phrase
                        compared += 1
    assert compared > 1500
