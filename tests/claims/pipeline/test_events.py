"""Stage events: which event a report joins, and when it starts a new one."""

from datetime import date

from claims.models import Event
from claims.pipeline.events import conflicts, find_event, in_date_window, unique_slug
from claims.text.event_finding import describe

SUMMIT = (
    "Leaders of Ruritania and Borduria meet in Zenda",
    "ZENDA, March 3 — President Alma Voss of Ruritania and Prime Minister Odo Brenn of "
    "Borduria met in Zenda on Tuesday for talks on the Strela river dam. Voss said the two "
    "governments would share the river's water. Brenn said Borduria would fund half the dam.",
)
FOLLOW_UP = (
    "Voss and Brenn agree on Strela dam in Zenda talks",
    "ZENDA, March 4 — Ruritania's President Alma Voss and Borduria's Prime Minister Odo "
    "Brenn agreed in Zenda on a plan for the Strela river dam, officials said.",
)
ELSEWHERE = (
    "Harbour festival opens in Port Kell",
    "PORT KELL, March 3 — The Port Kell harbour festival opened on Tuesday with a parade "
    "of fishing boats, the town council said.",
)


def test_a_first_report_starts_an_event_placed_at_its_dateline(db):
    event = find_event(title=SUMMIT[0], body=SUMMIT[1], published_on=date(2025, 3, 3))
    assert Event.objects.count() == 1
    assert event.place == "Zenda"
    assert event.slug == unique_slug(SUMMIT[0], exclude=event.pk)


def test_a_report_of_the_same_happening_joins_its_event(seeded_event):
    event = find_event(title=FOLLOW_UP[0], body=FOLLOW_UP[1], published_on=date(2025, 3, 4))
    assert event == seeded_event


def test_a_report_of_another_happening_starts_another_event(seeded_event):
    event = find_event(title=ELSEWHERE[0], body=ELSEWHERE[1], published_on=date(2025, 3, 3))
    assert event != seeded_event
    assert Event.objects.count() == 2


def test_the_same_happening_months_later_is_another_event(seeded_event):
    event = find_event(title=FOLLOW_UP[0], body=FOLLOW_UP[1], published_on=date(2025, 7, 4))
    assert event != seeded_event


def test_date_window_is_measured_from_the_nearest_and_the_first_report():
    days = [date(2025, 3, 1), date(2025, 3, 20)]
    assert in_date_window(date(2025, 3, 25), days)  # 5 days from the nearest
    assert not in_date_window(date(2025, 4, 5), days)  # 35 days from the first
    assert not in_date_window(date(2025, 3, 10), [date(2025, 2, 20)])  # 18 days away
    assert in_date_window(None, days) and in_date_window(date(2025, 3, 1), [])


def test_another_place_or_another_edition_conflicts():
    zenda = describe(*SUMMIT, date(2025, 3, 3))
    port_kell = describe(*ELSEWHERE, date(2025, 3, 3))
    assert conflicts(port_kell, [zenda])
    assert not conflicts(describe(*FOLLOW_UP, date(2025, 3, 4)), [zenda])
    ninth = describe("9th Strela Water Forum opens", "The 9th Strela Water Forum opened.", None)
    tenth = describe("10th Strela Water Forum opens", "The 10th Strela Water Forum opened.", None)
    assert ninth.series and ninth.series == tenth.series
    assert conflicts(tenth, [ninth]) and not conflicts(ninth, [ninth])


def test_slugs_stay_unique(db):
    Event.objects.create(title="Talks", slug="talks")
    assert unique_slug("Talks") == "talks-2"


def test_stored_reports_leads_are_read_once_and_again_after_a_fix(seeded_event):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article
    from claims.pipeline.events import remember

    article = Article.objects.get(event=seeded_event)
    remember(article)
    with CaptureQueriesContext(connection) as queries:
        find_event(title=FOLLOW_UP[0], body=FOLLOW_UP[1], published_on=date(2025, 3, 4))
    assert not any("SUBSTR" in q["sql"].upper() for q in queries.captured_queries)

    Article.objects.filter(pk=article.pk).update(title="Harbour festival opens in Zenda")
    with CaptureQueriesContext(connection) as queries:
        find_event(title=FOLLOW_UP[0], body=FOLLOW_UP[1], published_on=date(2025, 3, 4))
    assert any("SUBSTR" in q["sql"].upper() for q in queries.captured_queries)
