"""Stage naming: the event's day, name and place, from what most of its reports say."""

from datetime import date

import pytest

from claims.models import Event
from claims.pipeline.naming import Naming, date_event, name_event, told_of

from .conftest import store

NAMED = (
    "Ministers gather in Zenda",
    "ZENDA, March 3 — The 4th Strela Water Forum opened in Zenda on Monday, March 3, "
    "with ministers from five countries.",
)
HEADLINE_ONLY = (
    "River ministers open water talks",
    "ZENDA, March 3 — Ministers from five countries opened talks on the Strela river on "
    "Monday, March 3.",
)
PREVIEW = (
    "River ministers to meet on Monday",
    "Ministers from five countries will meet on March 3 to discuss the Strela river.",
)
BACKGROUND = (
    "Ministers discuss river again",
    "ZENDA, March 3 — Ministers met again on Monday, March 3. The previous meeting, the "
    "3rd Strela Water Forum, was held in Port Kell in March 2024.",
)


def _event(*reports):
    event = Event.objects.create(title="placeholder", slug="placeholder")
    told = told_of(store(event, title, body, day) for title, body, day in reports)
    date_event(event, Naming.of(told))
    name_event(event, Naming.of(told), told)
    event.refresh_from_db()
    return event


def test_named_happening_names_and_places_the_event(db):
    event = _event((*NAMED, date(2025, 3, 3)), (*HEADLINE_ONLY, date(2025, 3, 3)))
    assert event.title == "4th Strela Water Forum"
    assert event.place == "Zenda"
    assert event.starts_on == date(2025, 3, 3)
    assert event.slug == "4th-strela-water-forum"


def test_without_a_name_the_first_report_on_the_day_names_it_not_the_preview(db):
    event = _event((*PREVIEW, date(2025, 2, 28)), (*HEADLINE_ONLY, date(2025, 3, 3)))
    assert event.starts_on == date(2025, 3, 3)
    assert event.title == HEADLINE_ONLY[0]


def test_background_about_an_earlier_happening_names_nothing(db):
    event = _event((*BACKGROUND, date(2025, 3, 3)))
    assert "3rd" not in event.title and event.place != "Port Kell"


def test_a_published_event_keeps_its_address(db):
    event = Event.objects.create(title="x", slug="kept", is_published=True)
    article = store(event, *NAMED, date(2025, 3, 3))
    told = told_of([article])
    name_event(event, Naming.of(told), told)
    event.refresh_from_db()
    assert (event.title, event.slug) == ("4th Strela Water Forum", "kept")


def test_a_year_less_date_is_never_after_the_report(db):
    late = ("Forum recalled", "The Strela forum met in Zenda on December 29, officials said.")
    event = _event((*late, date(2025, 1, 2)))
    assert event.starts_on == date(2024, 12, 29)


JAPANESE = (
    "外相会談、ゼンダで",
    "5か国の外相は2日、ゼンダで会談し、河川の管理で協力することで一致した。",
)
WEEKDAY = ("River ministers agree on water sharing", "Ministers agreed on Sunday to share data.")


@pytest.mark.parametrize(
    ("report", "published", "day"),
    [
        (JAPANESE, date(2025, 3, 3), date(2025, 3, 2)),
        (WEEKDAY, date(2025, 3, 4), date(2025, 3, 2)),  # a Tuesday: "on Sunday" is the 2nd
        (WEEKDAY, None, None),  # an undated report's weekday names no day
    ],
)
def test_weekdays_and_cjk_days_date_the_event_against_the_reports_date(db, report, published, day):
    assert _event((*report, published)).starts_on == day


def _ingested(title: str, body: str, day: date):
    from articles.services import ArticleHints
    from claims.pipeline import ingest_article

    header = f"{title}\n{day:%B} {day.day}, {day.year}\n\n{body}\n"
    return ingest_article(text=header, hints=ArticleHints(source="Wire", domain="wire.example"))


def _every_report_read_again(event) -> dict:
    articles = event.articles.filter(held_for_review=False).order_by("id")
    return Naming.of(told_of(articles)).as_json()


def test_votes_kept_report_by_report_are_those_of_every_report_read_again(db):
    reports = [(*NAMED, date(2025, 3, 3)), (*HEADLINE_ONLY, date(2025, 3, 4))]
    reports += [(*BACKGROUND, date(2025, 3, 3)), (*NAMED, date(2025, 3, 5))]
    for n, (title, body, day) in enumerate(reports):
        event = _ingested(f"{title} ({n})", f"{body} Desk note {n}.", day).article.event
    event.refresh_from_db()
    assert event.naming["reports"] == event.articles.count() > 1
    assert event.naming == _every_report_read_again(event)


def test_a_report_gone_meanwhile_is_not_counted_by_the_next_one(db):
    first = _ingested(*NAMED, date(2025, 3, 3)).article
    _ingested(NAMED[0] + " (update)", NAMED[1] + " More soon.", date(2025, 3, 4))
    first.delete()  # a superuser's deletion: the kept votes still count it
    last = _ingested(*HEADLINE_ONLY, date(2025, 3, 5)).article
    event = Event.objects.get(pk=last.event_id)
    assert event.naming["reports"] == 2
    assert event.naming == _every_report_read_again(event)


def test_an_earlier_date_reads_the_undated_reports_again(db):
    undated = _ingested(*PREVIEW, date(2025, 2, 28)).article
    event = undated.event
    # Its date dropped as if it had none: the preview's "March 3" is read against the
    # event's earliest date, which the next, earlier report moves.
    type(undated).objects.filter(pk=undated.pk).update(published_on=None, date_precision="unknown")
    from claims.pipeline import refresh_event

    refresh_event(event)
    _ingested(*NAMED, date(2025, 2, 27))
    event.refresh_from_db()
    assert event.naming == _every_report_read_again(event)
