"""Exports: one event's account as JSON or CSV, and the whole desk as JSON that imports
back into an empty database.

The event export is a read over claims.selectors (the same claims the page and the API
show the same user); the desk export is a faithful copy of the editorial record.
"""

import datetime

from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from articles.models import Article, Source
from factdesk import spreadsheets
from factdesk.errors import DeskError

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


class DeskImportError(DeskError):
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


def events_csv(exports: list[dict]) -> str:
    """Event exports as one CSV: one row per report (a claim without reports: one row)."""
    return spreadsheets.csv_text(CSV_COLUMNS, _csv_rows(exports))


def _csv_rows(exports: list[dict]):
    for data in exports:
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
                yield {**common, **report}


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


# What a desk file may hold, and nothing more: the editorial record, and people by name.
DESK_LABELS = {model._meta.label_lower: model for model in DESK_MODELS}
FILE_KEYS = {"format", "version", "users", "objects"}
PERSON_KEYS = {"username", "first_name", "last_name"}


def _listing(names) -> str:
    return ", ".join(sorted({str(name) for name in names}))


def _person_problems(people) -> list[str]:
    if not isinstance(people, list):
        return ["“users” is not a list"]
    problems = []
    for person in people:
        if not isinstance(person, dict) or not isinstance(person.get("username"), str):
            problems.append("a person without a username")
            continue
        extra = set(person) - PERSON_KEYS
        if extra:
            problems.append(f"person “{person['username']}” carries {_listing(extra)}")
        if not all(isinstance(person.get(key, ""), str) for key in PERSON_KEYS):
            problems.append(f"person “{person['username']}” has a name that is not text")
    return problems


def _record_problems(records, usernames: set[str]) -> list[str]:
    if not isinstance(records, list):
        return ["“objects” is not a list"]
    foreign, problems = [], []
    User = get_user_model()
    for record in records:
        label = record.get("model") if isinstance(record, dict) else None
        model = DESK_LABELS.get(label.lower()) if isinstance(label, str) else None
        if model is None:
            foreign.append(label if isinstance(label, str) else "a record without a model")
            continue
        fields = record.get("fields")
        if not isinstance(fields, dict):
            continue  # the deserializer refuses it, naming the record
        for field in model._meta.concrete_fields:
            if not (field.is_relation and field.related_model is User) or field.name not in fields:
                continue
            # Authors by username, among the people the file names: a number would pick
            # whichever account has it in this database (the superuser is number 1).
            value = fields[field.name]
            named = (
                isinstance(value, list)
                and len(value) == 1
                and isinstance(value[0], str)
                and value[0] in usernames
            )
            if value is not None and not named:
                problems.append(
                    f"{label} {record.get('pk')} names its {field.name} by {value!r}, "
                    "not by the username of a person in the file"
                )
    if foreign:
        problems.insert(0, f"records of {_listing(foreign)}")
    return problems


def check_desk_file(data) -> None:
    """Refuse, naming what it found, a file holding anything but the desk's own records
    and the names of the people who made them: never accounts, groups, permissions,
    tokens, sessions or lock-out records."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise DeskImportError("This is not a FactDesk desk export.")
    if data.get("version") != EXPORT_VERSION:
        raise DeskImportError(f"Export version {data.get('version')!r}: this desk reads version 1.")
    problems = []
    extra = set(data) - FILE_KEYS
    if extra:
        problems.append(f"sections {_listing(extra)}")
    people = data.get("users", [])
    problems += _person_problems(people)
    usernames = (
        {p["username"] for p in people if isinstance(p, dict)}
        if isinstance(people, list)
        else set()
    )
    problems += _record_problems(data.get("objects", []), usernames)
    if problems:
        raise DeskImportError(
            "A desk file restores outlets, events, articles, claims, reports, decisions, "
            "evidence and the audit log, and names people by username only; this one also "
            f"holds: {'; '.join(problems)}."
        )


@transaction.atomic
def desk_import(data: dict) -> int:
    """Load a desk_export into an empty desk. Returns how many records were written.

    Only the models of DESK_MODELS are written (check_desk_file). People are matched by
    username: an existing account is left exactly as it is; one the file names that does
    not exist here gets an inactive account without a usable password and no role: they
    are the authors of the record, not users who may sign in.
    """
    check_desk_file(data)
    if any(model.objects.exists() for model in DESK_MODELS):
        raise DeskImportError("The desk is not empty: import into an empty database.")
    User = get_user_model()
    for person in data.get("users", []):
        if User.objects.filter(username=person["username"]).exists():
            continue
        user = User(
            username=person["username"],
            first_name=person.get("first_name", ""),
            last_name=person.get("last_name", ""),
            is_active=False,
        )
        user.set_unusable_password()
        user.save()
    try:
        records = list(
            serializers.deserialize(
                "python", data.get("objects", []), handle_forward_references=True
            )
        )
    except serializers.base.DeserializationError as error:
        raise DeskImportError(f"A record cannot be read: {error}") from error
    if any(type(record.object) not in DESK_MODELS for record in records):  # a second guard
        raise DeskImportError("The file holds records outside the desk.")
    with connection.constraint_checks_disabled():
        for record in records:
            record.save()  # raw: bypasses the immutability guards of reviews and audit
    connection.check_constraints()
    with connection.cursor() as cursor:  # ids written explicitly: move the sequences on
        for sql in connection.ops.sequence_reset_sql(no_style(), DESK_MODELS):
            cursor.execute(sql)
    return len(records)
