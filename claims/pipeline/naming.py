"""Stage: the event's day, name and place, from what most of its reports say."""

import re
from collections import Counter
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple

from articles.dates import event_day_phrases, resolve_event_day

from .. import event_finding
from ..models import Event
from .events import DATE_WINDOW_DAYS, unique_slug
from .memo import Memo


class Told(NamedTuple):
    """What naming reads from one report of the event."""

    title: str
    published_on: date | None
    dates: tuple[str, ...]  # the day dates of its opening, dateline first, no background,
    # then its weekdays and CJK days
    happening: str  # the happening it names, if any
    place: str  # where it says the happening is


def told_in(event: Event, added) -> list["Told"]:
    """What each released report of event tells, in ingestion order.

    Only the titles and dates are read from the database: what a report's text gives
    is remembered by its clean text's hash, and added (just stored) is read from memory.
    """
    rows = list(
        event.articles.filter(held_for_review=False)
        .order_by("id")
        .values_list("id", "title", "published_on", "content_hash")
    )
    missing = [r for r in rows if _readings.get((r[3], r[2])) is None and r[0] != added.id]
    bodies = (
        dict(event.articles.filter(pk__in=[r[0] for r in missing]).values_list("id", "body"))
        if missing
        else {}
    )
    bodies[added.id] = added.body

    def body(article_id: int) -> str:
        if article_id not in bodies:  # forgotten meanwhile by another thread's ingestion
            bodies[article_id] = event.articles.values_list("body", flat=True).get(pk=article_id)
        return bodies[article_id]

    return [
        _told(title, published, content_hash, lambda i=article_id: body(i))
        for article_id, title, published, content_hash in rows
    ]


def told_of(articles: Iterable) -> list["Told"]:
    """What each of these articles (loaded with their bodies) tells."""
    return [_told(a.title, a.published_on, a.content_hash, lambda a=a: a.body) for a in articles]


# What a report's text gives, by its clean text's hash and its date.
_readings = Memo(1 << 14)


def _told(title, published, content_hash, body) -> "Told":
    key = (content_hash, published)
    reading = _readings.get(key)
    if reading is None:
        text = body()
        # Dates with a month first (the lead's), then weekdays and CJK days ("26日").
        days = event_finding.lead_dates(text)
        days += tuple(p for p in event_day_phrases(text) if p not in days)
        reading = (days, *event_finding.happening_of(text, published))
        _readings.put(key, reading)
    return Told(title, published, *reading)


def date_event(event: Event, articles: list[Told]) -> None:
    """Date the event by what most of its reports say, each read against its own date.

    A year-less date ("On November 26", "26日") is resolved against the report's
    publication date, or the event's earliest one when the report has none, and never to
    a later day than that: a preview's "May 27" is this year's, a report's "November 26"
    is not next year's. A weekday ("on Sunday") is read only against the report's own
    date. Background sentences about other happenings are not read.
    """
    known = [a.published_on for a in articles if a.published_on]
    earliest: date | None = min(known) if known else None
    votes: Counter = Counter()
    for article in articles:
        for phrase in article.dates:
            resolved = resolve_event_day(phrase, article.published_on, earliest)
            if resolved.precision == "day" and _near(resolved.value, article.published_on):
                start, end = resolved.value, None
                range_end = re.search(r"(?:to|-|–)\s*(\d{1,2})\b", phrase)
                if range_end and int(range_end.group(1)) > start.day:
                    end = start.replace(day=int(range_end.group(1)))
                votes[start, end] += 1
                break
    # The most reported day; between equals, the one the earliest report gives.
    start, end = votes.most_common(1)[0][0] if votes else (None, None)
    if (start, end) != (event.starts_on, event.ends_on):
        event.starts_on, event.ends_on = start, end
        event.save(update_fields=["starts_on", "ends_on"])


def _near(day: date, published: date | None) -> bool:
    """A day the report could be telling as news, rather than recalling."""
    return published is None or abs((published - day).days) <= DATE_WINDOW_DAYS


def name_event(event: Event, articles: list[Told]) -> None:
    """Name the event after the happening its reports name most, and place it likewise.

    The happening's own name ("10th ... Meeting") wins over a headline once a report
    gives it; background about earlier happenings is not read. Without one, the headline
    of the first report dated on or after the event's day names it.
    """
    names, places = Counter(), Counter()
    for article in articles:
        names[article.happening] += bool(article.happening)
        places[article.place] += bool(article.place)
    named = next((n for n, count in names.most_common() if count), "")
    place = next((p for p, count in places.most_common() if count), "")
    if not named and event.starts_on:
        # Without a name of its own, the event is called by its first report's headline,
        # not by a preview's ("... to rule tomorrow").
        named = next(
            (a.title for a in articles if a.published_on and a.published_on >= event.starts_on),
            "",
        )
    changed = []
    if named and event.title != named[:300]:
        event.title = named[:300]
        changed.append("title")
        if not event.is_published:  # a published event keeps its URL
            event.slug = unique_slug(named, exclude=event.pk)
            changed.append("slug")
    if place and event.place != place[:200]:
        event.place = place[:200]
        changed.append("place")
    if changed:
        event.save(update_fields=changed)
