"""Exports: one event's account as JSON or CSV, and the whole desk as JSON that imports
back into an empty database.

The event export is a read over claims.selectors (the same claims the page and the API
show the same user); the desk export is a faithful copy of the editorial record.
"""

import csv
import datetime
import io

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from articles.models import Article, Source

from . import selectors
from .models import (
    Appearance,
    ArticleSketch,
    AuditEntry,
    Claim,
    Event,
    Evidence,
    Review,
    WordingChange,
)

EXPORT_FORMAT = "factdesk-desk"
EXPORT_VERSION = 1
# Parents before children, so that every foreign key points at a row already written.
DESK_MODELS = [
    Source,
    Event,
    Article,
    ArticleSketch,
    Claim,
    Appearance,
    Review,
    WordingChange,
    Evidence,
    AuditEntry,
]
CSV_COLUMNS = [
    "event",
    "claim_id",
    "claim",
    "status",
    "rating",
    "rationale",
    "variant_decisions",
    "source_count",
    "independent_source_count",
    "article_id",
    "article_title",
    "outlet",
    "article_url",
    "published_on",
    "quote",
    "evidence",
]


class ExactJSONEncoder(DjangoJSONEncoder):
    """Times to the microsecond (DjangoJSONEncoder keeps milliseconds): an imported desk
    shows the same times and sorts decisions made in one second the same way."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat()
        return super().default(o)


class DeskImportError(Exception):
    """The file cannot be imported; nothing was written."""


# --- One event -----------------------------------------------------------------------


def event_export(event: Event, claims=None) -> dict:
    """An event's claims with their decisions, reports and evidence, in CLAIM_ORDER.

    claims: what the caller may see (selectors.visible_claims); readers' view by default.
    """
    rows = (
        selectors.event_claims(event, claims, every_report=True)
        .prefetch_related("evidence", "reviews")
        .order_by(*selectors.CLAIM_ORDER)
    )
    return {
        "event": {
            "slug": event.slug,
            "title": event.title,
            "place": event.place,
            "starts_on": _day(event.starts_on),
            "ends_on": _day(event.ends_on),
        },
        "claims": [_claim(claim) for claim in rows],
    }


def _day(value) -> str | None:
    return value.isoformat() if value else None


def _claim(claim: Claim) -> dict:
    return {
        "id": claim.pk,
        "text": claim.text,
        "status": claim.status,
        "rating": claim.rating,
        "rationale": claim.rationale,
        "variants": claim.variants,
        "variant_decisions": claim.variant_decisions,
        "source_count": claim.source_count,
        "independent_source_count": claim.independent_source_count,
        "reports": [
            {
                "article_id": report.article_id,
                "article_title": report.article.title,
                "outlet": report.article.source_label,
                "article_url": report.article.url_or_none,
                "published_on": _day(report.article.published_on),
                "quote": report.quote,
            }
            for report in claim.appearances.all()
        ],
        "decisions": [
            {
                "at": review.created_at.isoformat(),
                "from": review.from_status,
                "to": review.to_status,
                "rating": review.rating,
                "rationale": review.rationale,
                "variant_decisions": review.variant_decisions,
            }
            for review in sorted(claim.reviews.all(), key=lambda r: (r.created_at, r.pk))
        ],
        "evidence": [
            {"url": link.url, "title": link.title, "stance": link.stance}
            for link in claim.evidence.all()
        ],
    }


def event_csv(data: dict) -> str:
    """The event export as CSV: one row per report (a claim without reports: one row)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for claim in data["claims"]:
        common = {
            "event": data["event"]["slug"],
            "claim_id": claim["id"],
            "claim": claim["text"],
            "status": claim["status"],
            "rating": claim["rating"],
            "rationale": claim["rationale"],
            "variant_decisions": "; ".join(
                f"{d['value']}: {d['status']}" for d in claim["variant_decisions"]
            ),
            "source_count": claim["source_count"],
            "independent_source_count": claim["independent_source_count"],
            "evidence": " ".join(f"[{e['stance']}] {e['url']}" for e in claim["evidence"]),
        }
        for report in claim["reports"] or [{}]:
            writer.writerow({**common, **{k: v for k, v in report.items() if k in CSV_COLUMNS}})
    return out.getvalue()


# --- The whole desk ------------------------------------------------------------------


def desk_export() -> dict:
    """Everything editorial: outlets, events, articles, claims, reports, decisions, the
    audit log. People appear by username and name only (no password, no email)."""
    users = get_user_model().objects.order_by("pk")
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "users": [
            {"username": u.get_username(), "first_name": u.first_name, "last_name": u.last_name}
            for u in users
        ],
        "objects": [
            record
            for model in DESK_MODELS
            for record in serializers.serialize(
                "python", model.objects.order_by("pk"), use_natural_foreign_keys=True
            )
        ],
    }


@transaction.atomic
def desk_import(data: dict) -> int:
    """Load a desk_export into an empty desk. Returns how many records were written.

    People it names who have no account here get an inactive one without a password:
    they are the authors of the record, not users who may sign in.
    """
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise DeskImportError("This is not a FactDesk desk export.")
    if data.get("version") != EXPORT_VERSION:
        raise DeskImportError(f"Export version {data.get('version')!r}: this desk reads version 1.")
    if any(model.objects.exists() for model in DESK_MODELS):
        raise DeskImportError("The desk is not empty: import into an empty database.")
    User = get_user_model()
    for person in data.get("users", []):
        user, created = User.objects.get_or_create(
            username=person["username"],
            defaults={
                "first_name": person.get("first_name", ""),
                "last_name": person.get("last_name", ""),
                "is_active": False,
            },
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
    try:
        records = list(
            serializers.deserialize(
                "python", data.get("objects", []), handle_forward_references=True
            )
        )
    except serializers.base.DeserializationError as error:
        raise DeskImportError(f"A record cannot be read: {error}") from error
    with connection.constraint_checks_disabled():
        for record in records:
            record.save()  # raw: bypasses the immutability guards of reviews and audit
    connection.check_constraints()
    with connection.cursor() as cursor:  # ids written explicitly: move the sequences on
        for sql in connection.ops.sequence_reset_sql(no_style(), DESK_MODELS):
            cursor.execute(sql)
    return len(records)
