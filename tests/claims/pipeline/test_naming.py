"""Stage naming: the event's day, name and place, from what most of its reports say."""

from datetime import date

import pytest

from claims.models import Event
from claims.pipeline.naming import date_event, name_event, told_of

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
    date_event(event, told)
    name_event(event, told)
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
    name_event(event, told_of([article]))
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
