"""Stage: the event's day, name and place, from what most of its reports say.

What decides them is counted report by report and kept on the event (`Event.naming`, a
Naming): one more report adds its vote to the counts, so its cost does not grow with the
event. The counts are worked out again from every report when they cannot be trusted:
kept before they were, a report gone meanwhile, or an earliest date that moves the
reading of undated reports.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from articles.dates import event_day_phrases, resolve_event_day
from languages import PIVOT

from ..models import Event
from ..text import event_finding
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
    language: str = "en"
    article_id: int = 0


def told_in(event: Event, added) -> list["Told"]:
    """What each released report of event tells, in ingestion order.

    Only the titles and dates are read from the database: what a report's text gives
    is remembered by its clean text's hash, and added (just stored) is read from memory.
    """
    rows = list(
        event.articles.filter(held_for_review=False)
        .order_by("id")
        .values_list("id", "title", "published_on", "content_hash", "language")
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
        _told(title, published, content_hash, lambda i=article_id: body(i))._replace(
            language=language, article_id=article_id
        )
        for article_id, title, published, content_hash, language in rows
    ]


def told_of(articles: Iterable) -> list["Told"]:
    """What each of these articles (loaded with their bodies) tells."""
    return [
        _told(a.title, a.published_on, a.content_hash, lambda a=a: a.body)._replace(
            # An article read but not stored yet has no id: its reading is remembered all
            # the same.
            language=getattr(a, "language", "en"),
            article_id=getattr(a, "id", None) or 0,
        )
        for a in articles
    ]


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


@dataclass
class Naming:
    """The votes of an event's reports for its day, name and place, in ingestion order.

    Each list holds [value, votes] pairs in the order of the first report giving the
    value, so that between equals the earliest report's value wins, as it always has.
    """

    reports: int = 0
    last: int = 0  # the latest report counted
    earliest: date | None = None  # the earliest publication date of its reports
    undated: int = 0  # undated reports with a date: read against earliest
    days: list = field(default_factory=list)  # [[start, end or None], votes]
    names: list = field(default_factory=list)
    places: list = field(default_factory=list)
    languages: list = field(default_factory=list)

    @classmethod
    def of(cls, told: list[Told]) -> "Naming":
        """The votes of these reports (in ingestion order), counted afresh."""
        known = [t.published_on for t in told if t.published_on]
        naming = cls(earliest=min(known) if known else None)
        for report in told:
            naming._count(report)
        return naming

    @classmethod
    def stored(cls, data: dict) -> "Naming":
        """The votes as Event.naming keeps them; none (so all read again) if it is empty."""
        if not data.keys() >= NAMING_KEYS:
            return cls()
        days = [[[_day(start), _day(end)], votes] for (start, end), votes in data["days"]]
        return cls(
            reports=data["reports"],
            last=data["last"],
            earliest=_day(data["earliest"]),
            undated=data["undated"],
            days=days,
            names=data["names"],
            places=data["places"],
            languages=data["languages"],
        )

    def as_json(self) -> dict:
        return {
            "reports": self.reports,
            "last": self.last,
            "earliest": _iso(self.earliest),
            "undated": self.undated,
            "days": [[[_iso(start), _iso(end)], votes] for (start, end), votes in self.days],
            "names": self.names,
            "places": self.places,
            "languages": self.languages,
        }

    def add(self, report: Told) -> bool:
        """Count one more report, later than every counted one; False when the reports
        counted would have to be read again (an earlier date moves the undated ones)."""
        if report.published_on and (self.earliest is None or report.published_on < self.earliest):
            if self.undated:
                return False
            self.earliest = report.published_on
        self._count(report)
        return True

    def _count(self, report: Told) -> None:
        self.reports += 1
        self.last = max(self.last, report.article_id)
        self.undated += report.published_on is None and bool(report.dates)
        day = _vote(report, self.earliest)
        if day:
            _bump(self.days, list(day))
        if report.happening:
            _bump(self.names, report.happening)
        if report.place:
            _bump(self.places, report.place)
        if report.language not in self.languages:
            self.languages = sorted({*self.languages, report.language})

    def most_told(self, votes: list, default=None):
        best = max((count for _, count in votes), default=0)
        return next((value for value, count in votes if count == best), default)

    @property
    def other_languages(self) -> bool:
        return any(language != PIVOT for language in self.languages)


def _bump(votes: list, value) -> None:
    for pair in votes:
        if pair[0] == value:
            pair[1] += 1
            return
    votes.append([value, 1])


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


NAMING_KEYS = set(Naming().as_json())


def counted_with(event: Event, added) -> Naming:
    """The event's votes with added, its newest report, counted in.

    The stored votes are taken when they hold every other released report (counted by
    the index alone) and none later than added; else every report is read again. The
    event's row is locked: two reports added at once cannot both count from one state.
    """
    stored = Event.objects.select_for_update().values_list("naming", flat=True).get(pk=event.pk)
    event.naming = stored
    others = event.articles.filter(held_for_review=False).exclude(pk=added.pk).count()
    naming = Naming.stored(stored)
    report = _told(added.title, added.published_on, added.content_hash, lambda: added.body)
    report = report._replace(language=added.language, article_id=added.id)
    if naming.reports == others and naming.last < added.id and naming.add(report):
        return naming
    return Naming.of(told_in(event, added))


def keep(event: Event, naming: Naming) -> None:
    data = naming.as_json()
    if event.naming != data:
        event.naming = data
        event.save(update_fields=["naming"])


def _vote(report: Told, earliest: date | None) -> tuple[date, date | None] | None:
    """The day (and last day of a range) a report gives, read against its own date."""
    for phrase in report.dates:
        resolved = resolve_event_day(phrase, report.published_on, earliest)
        if resolved.precision == "day" and _near(resolved.value, report.published_on):
            start, end = resolved.value, None
            range_end = re.search(r"(?:to|-|–)\s*(\d{1,2})\b", phrase)
            if range_end and int(range_end.group(1)) > start.day:
                end = start.replace(day=int(range_end.group(1)))
            return start, end
    return None


def date_event(event: Event, naming: Naming) -> None:
    """Date the event by what most of its reports say, each read against its own date.

    A year-less date ("On November 26", "26日") is resolved against the report's
    publication date, or the event's earliest one when the report has none, and never to
    a later day than that: a preview's "May 27" is this year's, a report's "November 26"
    is not next year's. A weekday ("on Sunday") is read only against the report's own
    date. Background sentences about other happenings are not read.
    """
    # The most reported day; between equals, the one the earliest report gives.
    start, end = naming.most_told(naming.days, (None, None))
    if (start, end) != (event.starts_on, event.ends_on):
        event.starts_on, event.ends_on = start, end
        event.save(update_fields=["starts_on", "ends_on"])


def _near(day: date, published: date | None) -> bool:
    """A day the report could be telling as news, rather than recalling."""
    return published is None or abs((published - day).days) <= DATE_WINDOW_DAYS


def name_event(event: Event, naming: Naming, told: list[Told] | None = None) -> None:
    """Name the event after the happening its reports name most, and place it likewise.

    The happening's own name ("10th ... Meeting") wins over a headline once a report
    gives it; background about earlier happenings is not read. Without one, the headline
    of the first report dated on or after the event's day names it (from told when
    given, else read from the database).
    """
    named = naming.most_told(naming.names, "")
    place = naming.most_told(naming.places, "")
    if not named and event.starts_on:
        # Without a name of its own, the event is called by its first report's headline,
        # not by a preview's ("... to rule tomorrow").
        named = _first_headline_since(event, told)
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


def _first_headline_since(event: Event, told: list[Told] | None) -> str:
    if told is not None:
        return next(
            (t.title for t in told if t.published_on and t.published_on >= event.starts_on),
            "",
        )
    first = (
        event.articles.filter(held_for_review=False, published_on__gte=event.starts_on)
        .order_by("id")
        .values_list("title", flat=True)
        .first()
    )
    return first or ""
