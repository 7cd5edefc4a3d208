"""Stage: the event an article reports on, found among the desk's events or new."""

import operator
from collections import defaultdict
from datetime import date

from django.db.models.functions import Substr
from django.utils.text import slugify

from articles.models import Article
from languages import is_cjk
from languages.detect import detect_language

from .. import selectors
from ..models import Event
from ..text import crosslingual, event_comparison, event_finding
from .memo import Memo, digest

# How much of its lead an article must share with an event's reports, how far (days) it
# may be from the nearest of them and from the first, and how much of a body its lead
# is read from.
SAME_EVENT_SCORE = 0.1
# How much content (mean TF-IDF cosine with an event's reports) a report must share with
# an event to join it: SAME_CONTENT for a big event, more for a small one, whose mean
# rests on a report or two (SAME_CONTENT * (1 + 1 / reports)); and DATED_SHARE of that
# when both the report and the event are dated, within the window. Chosen on ECB+ dev
# (bench/quality.py events --articles, README step 5).
SAME_CONTENT = 0.14
DATED_SHARE = 0.6
DATE_WINDOW_DAYS = 14
EVENT_SPAN_DAYS = 30
LEAD_CHARS = 3000
# Across languages: how much a CJK report's headline and lead must share with the
# English reports' headlines and openings to join their event (a name read aloud counts
# 1, a shared number by how telling it is: crosslingual.figure_weight); and the share
# of character pairs two CJK reports' headlines and leads must have in common (Jaccard).
# An English report is read for names further than a CJK one's lead (ENGLISH_READ_CHARS):
# it often names the other ministers a paragraph or two after the one it leads with.
# All measured on bench/corpus (README, "Across languages").
CROSS_ANCHORS = 2.0
CJK_LEAD_CHARS = 400
ENGLISH_READ_CHARS = 1000
SAME_CJK_PAIRS = 0.12


def find_event(
    *, title: str, body: str, published_on: date | None = None, save: bool = True
) -> Event:
    """The existing event this article reports on, or a new one.

    With save=False a new event is returned unsaved: ingestion decides from what is stored,
    then saves it under its lock (save_new_event) once the decision still holds.

    The article joins the event whose happening it names, else the one whose reports
    share most of its content on average, when that is enough (choose_event); never an
    event it is dated too far from, nor one held in another place, nor another edition
    of a named series. Otherwise it starts a new event.
    """
    language = detect_language(f"{title}\n{body[:LEAD_CHARS]}")
    if is_cjk(language):
        return find_event_across(
            title=title, body=body, published_on=published_on, language=language, save=save
        )
    about = _describe_new(title, body[:LEAD_CHARS], published_on, language)
    reports: dict[int, list[tuple[event_finding.Description, date | None]]] = defaultdict(list)
    for event_id, description, published in _stored_descriptions():
        reports[event_id].append((description, published))
    best = choose_event(about, published_on, reports)
    if best is not None:
        return Event.objects.get(pk=best)
    event_title = about.happening or title
    event = Event(title=event_title[:300], place=(about.place or about.dateline)[:200])
    return save_new_event(event) if save else event


def choose_event(about: event_finding.Description, published_on: date | None, reports: dict):
    """The id of the event, among reports (event id: [(description, date)]), that the
    report described by about joins, or None.

    Of the events it may join (dates, place, series: see find_event), the one whose
    reports share most content with it (mean TF-IDF cosine) when that is enough
    (joins); a dated report of a dated event may also join on a shared lead.
    """
    frequency = event_comparison.weights([[d for d, _ in told] for told in reports.values()])
    # Each term's weight and each lead's total are worked out once per search, not once
    # per pair: the search compares the article with every report of every event.
    idf = _Weights(event_comparison.idf_function(frequency, len(reports)))
    totals: dict[int, float] = {}

    def total(terms: dict[str, float]) -> float:
        known = totals.get(id(terms))
        if known is None:
            # w * idf(t) over the terms in order, as a generator would add them, in C
            known = totals[id(terms)] = sum(map(operator.mul, terms.values(), map(idf, terms)))
        return known

    candidates = {}
    for event_id, told in reports.items():
        days = [day for _, day in told if day]
        if not in_date_window(published_on, days):
            continue
        descriptions = [d for d, _ in told]
        if conflicts(about, descriptions):
            continue
        if any(event_comparison.same_happening(about, d) for d in descriptions):
            return event_id
        twins = [event_comparison.different_subjects(about, d, frequency) for d in descriptions]
        related = [event_comparison.about_the_same(about, d) for d in descriptions]
        lead = max(
            (
                event_comparison.similarity(about, d, idf, total)
                for d, twin, same in zip(descriptions, twins, related, strict=True)
                if same and not twin
            ),
            default=0.0,
        )
        # Content does not count for an event all of whose reports are this one's
        # template filled in for another place (two towns' fires share every word but
        # the town's name); at the lower bar of a dated report, nor for one with any
        # such report or with none naming what this one's headline is about.
        dated = bool(published_on and days)
        unrelated = (any(twins) or not any(related)) if dated else all(twins)
        candidates[event_id] = (lead, dated, len(told), unrelated)
    if not candidates:
        return None
    contents = event_comparison.content_scores(
        about.content,
        {e: [d.content for d, _ in reports[e]] for e in candidates},
        [d.content for told in reports.values() for d, _ in told],
    )
    for event_id, (_, _, _, unrelated) in candidates.items():
        if unrelated:
            contents[event_id] = 0.0
    joined = [
        e
        for e, (lead, dated, size, _) in candidates.items()
        if joins(lead, contents[e], dated, size)
    ]
    return max(joined, key=lambda e: (contents[e], candidates[e][0]), default=None)


def joins(lead: float, content: float, dated: bool, size: int) -> bool:
    """Whether a report sharing lead and content with an event of size reports joins it.

    A report and an event both dated, within the window, join on a shared lead or on
    DATED_SHARE of the content an undated one needs: a date that agrees is evidence too.
    """
    needed = SAME_CONTENT * (1 + 1 / size)
    if dated:
        return lead >= SAME_EVENT_SCORE or content >= DATED_SHARE * needed
    return content >= needed


def find_event_across(
    *, title: str, body: str, published_on, language: str, save: bool = True
) -> Event:
    """The event a Japanese, Korean or Chinese report tells, among events in any language.

    It joins the event, within the same dates as any report, whose English reports'
    headline and first ENGLISH_READ_CHARS share at least CROSS_ANCHORS of names (read aloud:
    crosslingual) and numbers with it, or whose CJK reports share most of its headline's and lead's
    character pairs; else it starts an event of its own.
    """
    lead = f"{title}\n{body[:CJK_LEAD_CHARS]}"
    aliases = selectors.entity_aliases()
    keys = crosslingual.cjk_name_keys(lead, language) | crosslingual.alias_keys(lead, aliases)
    pairs = crosslingual.cjk_pairs(lead)
    figures = crosslingual.figures(lead)
    reports: dict[int, list[tuple[str, str, date | None]]] = defaultdict(list)
    for (
        event_id,
        report_title,
        report_lead,
        published,
        report_language,
        precision,
    ) in Article.objects.order_by().values_list(
        "event_id",
        "title",
        Substr("body", 1, ENGLISH_READ_CHARS),
        "published_on",
        "language",
        "date_precision",
    ):
        if is_cjk(report_language):
            report_lead = report_lead[:CJK_LEAD_CHARS]
        reports[event_id].append(
            (f"{report_title}\n{report_lead}", report_language, window_day(published, precision))
        )
    best, best_score = None, 0.0
    for event_id, told in reports.items():
        if not in_date_window(published_on, [day for _, _, day in told if day]):
            continue
        english = [text for text, lang, _ in told if not is_cjk(lang)]
        names = set().union(
            *(
                crosslingual.english_name_keys(text) | crosslingual.alias_keys(text, aliases)
                for text in english
            )
        )
        numbers = set().union(*(crosslingual.figures(text) for text in english))
        shared = len(names & keys) + sum(map(crosslingual.figure_weight, numbers & figures))
        score = shared if shared >= CROSS_ANCHORS else 0.0
        for text, lang, _ in told:
            if is_cjk(lang):
                other = crosslingual.cjk_pairs(text)
                jaccard = len(pairs & other) / len(pairs | other) if pairs | other else 0.0
                if jaccard >= SAME_CJK_PAIRS:
                    score = max(score, CROSS_ANCHORS + jaccard)
        if score > best_score:
            best, best_score = event_id, score
    if best is not None:
        return Event.objects.get(pk=best)
    event = Event(title=title[:300])
    return save_new_event(event) if save else event


def conflicts(about: event_finding.Description, descriptions) -> bool:
    """Another place, or another edition of the same named series, than the event's."""
    places = {p for d in descriptions for p in d.places}
    if about.places and places and not about.places & places:
        return True
    editions = {(d.series, d.ordinal) for d in descriptions if d.series == about.series}
    return bool(about.series) and bool(editions) and (about.series, about.ordinal) not in editions


def in_date_window(day: date | None, days: list[date]) -> bool:
    """Whether a report dated day can be about an event whose reports are dated days."""
    if day is None or not days:
        return True  # an undated report, or event, cannot be told apart by date
    nearest = min(abs((day - other).days) for other in days)
    return nearest <= DATE_WINDOW_DAYS and abs((day - min(days)).days) <= EVENT_SPAN_DAYS


def save_new_event(event: Event) -> Event:
    """Save a new event with a slug no other event has now."""
    event.slug = unique_slug(event.title)
    event.save()
    return event


def unique_slug(title: str, exclude: int | None = None) -> str:
    """A slug for an event titled title that no other event has."""
    base = slugify(title)[:180] or "event"
    slug, n = base, 2
    while Event.objects.filter(slug=slug).exclude(pk=exclude).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class _Weights(dict):
    """idf(term), remembered for one search."""

    def __init__(self, idf):
        super().__init__()
        self.idf = idf

    def __missing__(self, term: str) -> float:
        weight = self[term] = self.idf(term)
        return weight

    __call__ = dict.__getitem__


# A stored report's description, by the report and the text it was made from: a report's
# body never changes, its title and date may (an editor's fix), and ids can come back
# after a rolled-back transaction, so the clean text's hash is part of the key.
_descriptions = Memo(1 << 14)


def _stored_descriptions():
    """(event id, description, date) of every stored report; leads read only when new."""
    rows = [
        (article_id, event_id, title, window_day(published, precision), content_hash, language)
        for article_id, event_id, title, published, precision, content_hash, language in (
            Article.objects.order_by().values_list(
                "id",
                "event_id",
                "title",
                "published_on",
                "date_precision",
                "content_hash",
                "language",
            )
        )
    ]
    found = {row[0]: _descriptions.get(row[2:5]) for row in rows}
    missing = [row for row in rows if found[row[0]] is None]
    if missing:
        leads = Article.objects.order_by()
        if len(missing) <= 500:  # else all at once, as after a restart
            leads = leads.filter(pk__in=[row[0] for row in missing])
        lead_of = dict(leads.values_list("id", Substr("body", 1, LEAD_CHARS)))
        for article_id, _, title, published, content_hash, language in missing:
            found[article_id] = describe(
                title, lead_of.get(article_id, ""), published, content_hash, language
            )
    return [(row[1], found[row[0]], row[3]) for row in rows]


def describe(
    title: str, lead: str, published: date | None, content_hash: str, language: str = ""
) -> event_finding.Description:
    """event_finding.describe of a stored report, remembered."""
    description = event_finding.describe(title, lead, published, language)
    _descriptions.put((title, published, content_hash), description)
    return description


# The articles just searched for, by their lead: most are stored next, under their title.
_searched = Memo(64)


def _describe_new(
    title: str, lead: str, published: date | None, language: str
) -> event_finding.Description:
    key = (title, digest(lead), published)
    description = _searched.get(key)
    if description is None:
        description = event_finding.describe(title, lead, published, language)
        _searched.put(key, description)
    return description


def window_day(published: date | None, precision: str) -> date | None:
    """A publication date as event finding uses it: only a known day. A year or a month
    ("2009", resolved to its first day) cannot place a report within days of another."""
    return published if precision == "day" else None


def remember(article: Article) -> None:
    """Describe a report just stored, so that the next search need not read its lead."""
    lead = article.body[:LEAD_CHARS]
    day = window_day(article.published_on, article.date_precision)
    description = _searched.get((article.title, digest(lead), day))
    if description is None:  # stored under another title than it was searched with
        description = event_finding.describe(article.title, lead, day, article.language)
    _descriptions.put((article.title, day, article.content_hash), description)
