"""Stage: what depends on several of an event's articles at once.

Copy groups (claims.independence), each claim's tally of reports, its source counts and
variants (claims.tally), then the event's day and name (naming).
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Count

from articles.models import Article

from .. import independence
from ..independence import Report
from ..models import Appearance, Claim, Event
from ..tally import Tally
from . import linking, naming

# What refresh_event recomputes and stores on each claim.
COUNTED_FIELDS = ("source_count", "independent_source_count", "variants", "has_variants", "tally")


def refresh_event(event: Event, *, added: Article | None = None) -> None:
    """Bring up to date what depends on several of an event's articles at once.

    With `added`, an article just attached to the event, only what it can change is
    worked out again: its copy group, and the counts and variants of the claims it
    reports (and of the claims of the groups it joined together). Without, everything
    is, as after an editor merged or split claims or moved an article to another event.
    """
    # A held article waits for an editor: it neither names, dates nor copies anything yet.
    told = None
    with transaction.atomic(savepoint=False):
        if added is not None:
            _add_article(added)
            votes = naming.counted_with(event, added)
        else:
            articles = list(
                event.articles.filter(held_for_review=False).defer("original_text").order_by("id")
            )
            _recount(event, articles)
            told = naming.told_of(articles)
            votes = naming.Naming.of(told)
        naming.keep(event, votes)
    naming.date_event(event, votes)
    naming.name_event(event, votes, told)
    # Reports in other languages are tied to this event's claims by their anchors.
    if votes.other_languages:
        linking.link_across_languages(event)


def _recount(event: Event, articles: list[Article]) -> None:
    """Copy groups and every claim's tally worked out afresh from the event's reports."""
    told = _appearances_by_claim(Appearance.objects.filter(claim__event=event))
    sequences: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for claim_id, reports in told.items():
        for start, report in reports:
            sequences[report.article_id].append((start, claim_id))
    roots = independence.regroup(
        articles, {a: [c for _, c in sorted(told_in)] for a, told_in in sequences.items()}
    )
    tallies = {
        claim_id: Tally.of([r._replace(root=roots.get(r.article_id, r.root)) for _, r in told])
        for claim_id, told in told.items()
    }
    _store_tallies(Claim.objects.filter(event=event).only("id", *COUNTED_FIELDS), tallies)


def _add_article(article: Article) -> None:
    """refresh_event for one new article: its copy group, then its reports' claims."""
    mine = list(article.appearances.order_by("start").values_list("claim_id", "quote"))
    moved = independence.join_copy_group(article, [claim_id for claim_id, _ in mine])
    touched = Appearance.objects.filter(article_id__in=[article.id, *moved]).values("claim_id")
    # Locked, so that two articles ingested at once cannot both add to one old tally.
    claims = Claim.objects.filter(pk__in=touched).select_for_update().order_by("pk")
    claims = claims.only("id", *COUNTED_FIELDS)
    if moved:  # other articles changed groups: count their claims' reports afresh
        told = _appearances_by_claim(Appearance.objects.filter(claim_id__in=touched))
        _store_tallies(claims, {c: Tally.of([r for _, r in t]) for c, t in told.items()})
        return
    others = dict(  # how many reports each tally should already hold
        Appearance.objects.filter(claim_id__in=touched)
        .exclude(article_id=article.id)
        .values("claim_id")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("claim_id", "n")
    )
    claims = list(claims)
    tallies = {c.id: Tally(c.tally) for c in claims}
    stale = [c for c, tally in tallies.items() if tally.reports != others.get(c, 0)]
    if stale:  # kept before tallies were, or changed by hand: count again from the reports
        told = _appearances_by_claim(Appearance.objects.filter(claim_id__in=stale))
        tallies.update({c: Tally.of([r for _, r in told[c]]) for c in stale})
    root = article.copy_of_id or article.id
    for claim_id, quote in mine:
        if claim_id not in stale:
            tallies[claim_id].add(Report(article.id, quote, article.source_id, root))
    _store_tallies(claims, tallies)


def _appearances_by_claim(appearances) -> dict[int, list[tuple[int, Report]]]:
    """Each claim's reports with their offsets, outlets and copy groups (one query)."""
    told: dict[int, list[tuple[int, Report]]] = defaultdict(list)
    for claim_id, start, article_id, quote, source_id, copy_of_id in appearances.values_list(
        "claim_id", "start", "article_id", "quote", "article__source_id", "article__copy_of_id"
    ):
        report = Report(article_id, quote, source_id, copy_of_id or article_id)
        told[claim_id].append((start, report))
    return told


def _store_tallies(claims: Iterable[Claim], tallies: dict[int, Tally]) -> None:
    """Store each claim's tally and what follows from it; only what changed is written."""
    changed, fields = [], set()
    for claim in claims:
        tally = tallies.get(claim.id) or Tally()
        before = [getattr(claim, field) for field in COUNTED_FIELDS]
        claim.source_count, claim.independent_source_count = tally.counts()
        claim.variants = tally.variants()
        claim.has_variants = bool(claim.variants)
        claim.tally = tally.as_json()
        differ = [
            field
            for field, old in zip(COUNTED_FIELDS, before, strict=True)
            if getattr(claim, field) != old
        ]
        if differ:
            changed.append(claim)
            fields.update(differ)
    if changed:
        _update(changed, [f for f in COUNTED_FIELDS if f in fields])


def _update(claims: list[Claim], fields: list[str]) -> None:
    """Save these fields of these claims: one statement, run once per claim.

    bulk_update would build a CASE expression per claim and field, which for the
    thousand new claims of a long article costs more than the rest of its ingestion.
    """
    columns = [Claim._meta.get_field(name) for name in fields]
    name = connection.ops.quote_name
    assignments = ", ".join(f"{name(column.column)} = %s" for column in columns)
    rows = [
        [column.get_db_prep_save(getattr(claim, column.attname), connection) for column in columns]
        + [claim.pk]
        for claim in claims
    ]
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {name(Claim._meta.db_table)} SET {assignments} WHERE {name('id')} = %s", rows
        )
