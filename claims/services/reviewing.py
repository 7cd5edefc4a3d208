"""Verifying, disputing, reopening and dismissing a claim: the decision, its basis
(rationale, evidence, cited reports) and its decisions on differing values."""

from types import SimpleNamespace

from django.conf import settings
from django.db import transaction

from articles.links import is_web_url
from articles.models import Article

from .. import audit, citations, ratings, roles, statuses
from ..models import (
    Appearance,
    AuditEntry,
    Claim,
    Evidence,
    Review,
)
from ..text.variants import find_variants
from .common import (
    PUBLISHED_VERDICTS,
    VALUE_STATUSES,
    WORDING_ID,
    EditorialError,
    _bump,
    _lock,
    _require,
)


@transaction.atomic
def review_claim(
    *,
    claim: Claim,
    editor,
    status: str,
    rationale: str,
    expected_version: int | None = None,
    evidence: list[dict] | None = None,
    variant_decisions: list[dict] | None = None,
    rating: str = "",
    cited_reports: list[int] | None = None,
) -> Review:
    """Verify, dispute, reopen or dismiss a claim, with a rationale and optional evidence.

    Dismissing (status "not_check_worthy") takes the claim off the queue and the reader
    site without a verdict. rating: a grade refining a verdict, one claims.ratings
    allows for the status (blank for none).

    A verdict readers see (verified, disputed) needs a rationale of at least
    FACTDESK_MIN_RATIONALE_CHARS characters, and something it rests on that readers can
    follow (see _verdict_basis): an evidence link, or a report of the event cited.

    evidence: [{"url": ..., "title": ..., "stance": "supports" | "refutes"}]
    cited_reports: ids of the event's articles the decision rests on (its reports).
    variant_decisions: when the claim's reports differ, a decision on each differing
    value, [{"kind": "code", "value": "LUNC", "status": "verified" | "disputed"}]. A claim
    whose reports differ can only be verified with them; disputed, they are optional.
    """
    _require(editor, roles.REVIEW_PERMISSION, "verify, dispute or reopen claims")
    rationale = (rationale or "").strip()
    if not rationale:
        raise EditorialError("A rationale is required: say why, for readers.", field="rationale")
    if status not in Claim.Status.values:
        raise EditorialError(f"Unknown status “{status}”.")
    shortest = settings.FACTDESK_MIN_RATIONALE_CHARS
    if status in PUBLISHED_VERDICTS and len(rationale) < shortest:
        raise EditorialError(
            f"Readers see this rationale beside the verdict: write at least {shortest} "
            "characters saying what the desk checked and what it found "
            f"(this one has {len(rationale)}).",
            field="rationale",
        )
    rating = rating or ""
    if rating and rating not in ratings.grades_for(status):
        allowed = ", ".join(f"“{r}”" for r in ratings.grades_for(status))
        raise EditorialError(
            f"A {Claim.Status(status).label} claim takes no rating “{rating}”"
            + (f": choose one of {allowed}, or none." if allowed else ": give none."),
            field="rating",
        )
    links = _checked_evidence(evidence or [])
    current = _lock(claim, expected_version)
    decisions = _checked_variant_decisions(current, status, variant_decisions or [])
    unchanged = (current.status, current.rating, current.variant_decisions) == (
        status,
        rating,
        decisions,
    )
    # Confirming a verdict after a new report is a decision of its own.
    if unchanged and current.new_report_at is None:
        raise EditorialError(f"Claim {claim.pk} is already {current.get_status_display()}.")
    cited = _verdict_basis(current, status, rationale, links, cited_reports or [])
    for link in links:
        Evidence.objects.update_or_create(
            claim=current,
            url=link["url"],
            defaults={"title": link["title"], "stance": link["stance"], "added_by": editor},
        )
    review = _record_review(
        current, editor, status, rationale, decisions, rating=rating, cited_reports=cited
    )
    claim.__dict__.update(current.__dict__)
    return review


def _checked_evidence(evidence: list[dict]) -> list[dict]:
    """The evidence links, trimmed, or a refusal naming what is wrong with one."""
    links = []
    for link in evidence:
        if link.get("stance") not in Evidence.Stance.values:
            raise EditorialError(
                "Evidence must say whether it supports or refutes the claim.", field="evidence"
            )
        url, title = (link.get("url") or "").strip(), (link.get("title") or "").strip()
        if not url or not title:
            raise EditorialError("Evidence needs both a URL and a title.", field="evidence")
        if not is_web_url(url):
            raise EditorialError(
                "An evidence link must be a web address starting with http:// or https://.",
                field="evidence",
            )
        links.append({"url": url, "title": title, "stance": link["stance"]})
    return links


def _verdict_basis(
    claim: Claim, status: str, rationale: str, links: list[dict], cited: list[int]
) -> list[int]:
    """The reports a decision cites (article ids, in the order given), or a refusal.

    The rule: a verdict readers see rests on something they can follow. A verified or
    disputed decision needs at least one of
    - an evidence link, given with it or already on the claim;
    - a report cited: one of the event's articles (readers see them beside the claim,
      and a report the pipeline did not attach may be what confirms it), named by id
      or quoted word for word in the rationale (claims.citations: a passage in
      quotation marks of at least MIN_QUOTED_CHARS characters).
    Reopening and dismissing give no verdict: they may cite reports, and need none.
    """
    cited = list(dict.fromkeys(int(pk) for pk in cited))
    reports = Article.objects.filter(event_id=claim.event_id, held_for_review=False)
    known = set(reports.filter(pk__in=cited).values_list("pk", flat=True))
    unknown = [pk for pk in cited if pk not in known]
    if unknown:
        raise EditorialError(
            f"Article {', '.join(map(str, unknown))}: not a report of this claim's event "
            "(or held for review): cite one of the event's articles.",
            field="cited_reports",
        )
    for passage in citations.quoted_passages(rationale):
        quoting = reports.filter(body__contains=passage).order_by("pk").values_list("pk", flat=True)
        cited.extend(pk for pk in quoting[:1] if pk not in cited)
    needs_basis = settings.FACTDESK_VERDICT_NEEDS_BASIS and status in PUBLISHED_VERDICTS
    if needs_basis and not (cited or links or claim.evidence.exists()):
        raise EditorialError(
            "Readers see this verdict with what it rests on: add an evidence link, or cite "
            "a report of the event (tick it beside its quote, give its article id in "
            "cited_reports, or quote its words in the rationale “in quotation marks”, at "
            f"least {citations.MIN_QUOTED_CHARS} characters).",
            field="cited_reports",
        )
    return cited


def _record_review(
    current: Claim,
    editor,
    status: str,
    rationale: str,
    decisions,
    fields=(),
    rating: str = "",
    cited_reports: list[int] | None = None,
) -> Review:
    """Write the review row and its audit entry, and give the locked claim its new status.

    fields: other changed fields of the claim to save along with its status.
    """
    review = Review.objects.create(
        claim=current,
        editor=editor,
        from_status=current.status,
        to_status=status,
        rationale=rationale,
        variant_decisions=decisions,
        rating=rating,
        cited_reports=cited_reports or [],
    )
    before = Claim.Status(current.status).label
    after = statuses.BY_VALUE[status].audit_word
    summary = f"{after[0].upper()}{after[1:]} (was {before})"
    if rating:
        summary += f", rated {ratings.Rating(rating).label}"
    if decisions:
        summary += ": " + "; ".join(f"{d['value']} {d['status']}" for d in decisions)
    audit.record(
        actor=editor,
        action=AuditEntry.Action.REVIEW,
        claim=current,
        summary=summary,
        reason=rationale,
        data={
            "from": current.status,
            "to": status,
            "rating": rating,
            "variant_decisions": decisions,
            "cited_reports": cited_reports or [],
        },
    )
    current.status = status
    current.rating = rating
    current.new_report_at = None  # the editor has now decided with every report in view
    current.rationale = rationale if status != Claim.Status.UNREVIEWED else ""
    current.variant_decisions = decisions
    _bump(
        current,
        editor,
        ["status", "rating", "rationale", "variant_decisions", "new_report_at", *fields],
    )
    return review


def _value_error(message: str) -> EditorialError:
    return EditorialError(message, field="variant_decisions")


def _checked_variant_decisions(claim: Claim, status: str, given: list[dict]) -> list[dict]:
    """The per-value decisions in the order `claim.variants` lists the values, or a refusal."""
    offered = [
        (variant["kind"], value) for variant in claim.variants or [] for value in variant["values"]
    ]
    chosen: dict[tuple[str, str], str] = {}
    for decision in given:
        key = (str(decision.get("kind", "")), str(decision.get("value", "")))
        if decision.get("status") not in VALUE_STATUSES:
            raise _value_error(f"Decide “{key[1]}” as verified or disputed.")
        if key in chosen:
            raise _value_error(f"“{key[1]}” is decided twice.")
        chosen[key] = decision["status"]
    if status == Claim.Status.UNREVIEWED:
        if chosen:
            raise _value_error("Reopening a claim clears the decision on each value: give none.")
        return []
    if status == Claim.Status.NOT_CHECK_WORTHY:
        if chosen:
            raise _value_error("Dismissing a claim gives no verdict on its values: give none.")
        return []
    if chosen and not offered:
        raise _value_error(f"The reports of claim {claim.pk} do not differ: no value to decide.")
    unknown = [value for kind, value in chosen if (kind, value) not in offered]
    if unknown:
        raise _value_error(
            f"No report of claim {claim.pk} gives {', '.join(f'“{v}”' for v in unknown)}."
        )
    if offered and status == Claim.Status.VERIFIED and not chosen:
        raise _value_error(
            f"The reports of claim {claim.pk} differ ({_values_text(offered)}): verify it "
            "with a decision on each value, or dispute it."
        )
    missing = [value for kind, value in offered if (kind, value) not in chosen]
    if chosen and missing:
        raise _value_error(
            f"Decide every value the reports differ on: {', '.join(f'“{v}”' for v in missing)} "
            "has no decision."
        )
    if status == Claim.Status.VERIFIED:
        wrong = [v for k, v in _wording_values(claim) if chosen.get((k, v)) != status]
        if wrong:
            raise _value_error(
                f"The claim's wording gives {', '.join(f'“{v}”' for v in wrong)}, which you did "
                "not verify: reword it to the verified value first, or dispute the claim."
            )
    return [{"kind": k, "value": v, "status": chosen[(k, v)]} for k, v in offered if chosen]


def _values_text(offered: list[tuple[str, str]]) -> str:
    return " / ".join(value for _kind, value in offered)


def _wording_values(claim: Claim) -> list[tuple[str, str]]:
    """The differing values the claim's own wording gives, found as the reports' are."""
    reports = list(Appearance.objects.filter(claim=claim).only("article_id", "quote"))
    wording = SimpleNamespace(article_id=WORDING_ID, quote=claim.text)
    return [
        (variant["kind"], value)
        for variant in find_variants([*reports, wording])
        for value, article_ids in variant["values"].items()
        if WORDING_ID in article_ids
    ]
