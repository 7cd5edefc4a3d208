"""Editorial actions on claims: the one place their rules live.

The admin, the API, commands and tests call these; each checks the actor's
permission, the claim's current state and version, and records who did what.
"""

from types import SimpleNamespace

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator

from articles.links import is_web_url
from articles.models import Article
from articles.services import PUBLISH_PERMISSION
from factdesk.errors import DeskError

from . import audit, citations, ratings, roles, searching, statuses
from .models import (
    Appearance,
    AuditEntry,
    Claim,
    Event,
    Evidence,
    MatchProposal,
    Review,
    WordingChange,
)
from .pipeline import refresh_event
from .text.extraction import assess
from .text.variants import find_variants

# The decisions an editor may give one differing value of a claim.
VALUE_STATUSES = statuses.VERDICTS
# The verdicts readers see with the desk's rationale beside them.
PUBLISHED_VERDICTS = statuses.VERDICTS
# Stands for the claim's own wording among its reports when finding the values it gives.
WORDING_ID = 0


class EditorialError(DeskError):
    """An editorial action the rules refuse. Its field is the part of the request the
    refusal is about ("rationale", "evidence", "cited_reports", "variant_decisions",
    "rating")."""


class StaleClaimError(EditorialError):
    """The claim changed since the editor loaded it."""

    conflict = True


# The admin, the API and the workspace ask may_review / may_merge rather than naming the
# permission again (claims.roles names each action's).
REVIEW_PERMISSION = roles.REVIEW_PERMISSION
MERGE_PERMISSION = roles.MERGE_PERMISSION
REWORD_PERMISSION = roles.REWORD_PERMISSION


def _may(user, permission: str) -> bool:
    return bool(user and user.is_active and user.has_perm(permission))


def may_review(user) -> bool:
    """Verify, dispute, reopen, dismiss and assign claims."""
    return _may(user, REVIEW_PERMISSION)


def may_merge(user) -> bool:
    """Merge and split claims, confirm or reject proposed matches."""
    return _may(user, MERGE_PERMISSION)


def may_be_assigned(user) -> bool:
    """A desk member (staff) who may review: the only people claims are given to."""
    return user.is_staff and may_review(user)


def _require(user, permission: str, action: str) -> None:
    if not _may(user, permission):
        raise PermissionDenied(f"You do not have permission to {action}.")


def _lock(claim: Claim, expected_version: int | None) -> Claim:
    """The current row, locked for this transaction; refused if someone saved since."""
    # of=("self",): PostgreSQL cannot lock the nullable side of the updated_by join.
    current = (
        Claim.objects.select_for_update(of=("self",)).select_related("updated_by").get(pk=claim.pk)
    )
    if current.merged_into_id:
        raise EditorialError(f"Claim {claim.pk} was merged into claim {current.merged_into_id}.")
    refuse_if_stale(current, expected_version)
    return current


def refuse_if_stale(current: Claim, expected_version: int | None) -> None:
    """StaleClaimError when someone saved the claim since the editor loaded version
    `expected_version` (None: no check). `current` is the row as it is now."""
    if expected_version is None or current.version == expected_version:
        return
    who = current.updated_by.get_username() if current.updated_by else "someone"
    when = timezone.localtime(current.updated_at).strftime("%Y-%m-%d %H:%M:%S %Z")
    raise StaleClaimError(
        f"Claim {current.pk} was changed by {who} at {when}; reload it and try again."
    )


def _bump(claim: Claim, user, fields: list[str]) -> None:
    claim.version = F("version") + 1
    claim.updated_by = user
    claim.save(update_fields=[*fields, "version", "updated_by", "updated_at"])
    claim.refresh_from_db(fields=["version"])


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
    _require(editor, REVIEW_PERMISSION, "verify, dispute or reopen claims")
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


@transaction.atomic
def edit_claim_wording(
    *, claim: Claim, editor, text: str, expected_version: int | None = None, reason: str = ""
) -> Claim:
    """Change the claim's canonical wording.

    A decision applies to the words it was made on: rewording a verified or disputed
    claim returns it to review, with the old wording and the reopening in its history.
    """
    _require(editor, REWORD_PERMISSION, "edit claim wording")
    text = (text or "").strip()
    if not text:
        raise EditorialError("The wording cannot be empty.")
    current = _lock(claim, expected_version)
    if text == current.text:
        return current
    old_text = current.text
    WordingChange.objects.create(claim=current, editor=editor, old_text=old_text, new_text=text)
    # A verdict was made on the old words; a dismissal was not a verdict and stays.
    reopen = current.status in statuses.VERDICTS
    audit.record(
        actor=editor,
        action=AuditEntry.Action.REWORD,
        claim=current,
        summary=f"Reworded from “{Truncator(old_text).chars(80)}”",
        reason=(reason or "").strip(),
        data={"old_text": old_text, "new_text": text, "reopened": reopen},
    )
    current.text = text
    if reopen:
        _record_review(
            current,
            editor,
            Claim.Status.UNREVIEWED,
            "The wording changed after the decision, which was made on the earlier "
            f"wording: “{old_text}”.",
            [],
            fields=["text"],
        )
    else:
        _bump(current, editor, ["text"])
    searching.refresh([current.pk])
    claim.__dict__.update(current.__dict__)
    return current


@transaction.atomic
def merge_claims(*, target: Claim, others: list[Claim], editor, reason: str = "") -> Claim:
    """Fold duplicate claims into target: their appearances move, their reviews stay."""
    _require(editor, MERGE_PERMISSION, "merge claims")
    others = [c for c in others if c.pk != target.pk]
    if not others:
        raise EditorialError("Choose at least two different claims to merge.")
    current = _lock(target, None)
    absorbed = [_lock(other, None) for other in others]
    if any(other.event_id != current.event_id for other in absorbed):
        raise EditorialError("Only claims about the same event can be merged.")
    # The merged claim ranks in the queue as its most check-worthy part did.
    current.checkworthiness = max(c.checkworthiness for c in [current, *absorbed])
    for other in absorbed:
        Appearance.objects.filter(claim=other).update(claim=current)
        other.merged_into = current
        _bump(other, editor, ["merged_into"])
        audit.record(
            actor=editor,
            action=AuditEntry.Action.MERGE,
            claim=other,
            other_claim=current,
            summary=f"Merged into claim {current.pk}",
            reason=(reason or "").strip(),
            data={"into": current.pk, "text": other.text, "status": other.status},
        )
    _bump(current, editor, ["checkworthiness"])
    searching.refresh([current.pk, *(other.pk for other in absorbed)])
    refresh_event(current.event)
    current.refresh_from_db()
    return current


@transaction.atomic
def confirm_match(*, proposal: MatchProposal, editor, reason: str = "") -> Claim:
    """An editor says the proposed claim is the same as the one it was proposed for: the
    new claim is merged into it (merge_claims, which also checks the permission)."""
    _require(editor, MERGE_PERMISSION, "confirm proposed matches")
    current = _open_proposal(proposal)
    target = current.candidate
    while target.merged_into_id:  # merged since it was proposed: its survivor counts
        target = target.merged_into
    into = current.claim.merged_into_id
    if into:
        raise EditorialError(f"Claim {current.claim_id} was already merged into claim {into}.")
    merged = merge_claims(
        target=target,
        others=[current.claim],
        editor=editor,
        reason=(reason or "").strip() or "Confirmed the match ingestion proposed.",
    )
    _decide_proposal(current, editor, MatchProposal.Status.CONFIRMED)
    proposal.__dict__.update(current.__dict__)
    return merged


@transaction.atomic
def reject_match(*, proposal: MatchProposal, editor) -> MatchProposal:
    """An editor says the two claims differ: they stay apart and the pair is not proposed
    again."""
    _require(editor, MERGE_PERMISSION, "reject proposed matches")
    current = _open_proposal(proposal)
    _decide_proposal(current, editor, MatchProposal.Status.REJECTED)
    proposal.__dict__.update(current.__dict__)
    return current


def _open_proposal(proposal: MatchProposal) -> MatchProposal:
    current = (
        MatchProposal.objects.select_for_update(of=("self",))
        .select_related("claim", "candidate")
        .get(pk=proposal.pk)
    )
    if current.status != MatchProposal.Status.PROPOSED:
        raise EditorialError(
            f"The match of claim {current.claim_id} with claim {current.candidate_id} was "
            f"already {current.get_status_display()}."
        )
    return current


def _decide_proposal(proposal: MatchProposal, editor, status: str) -> None:
    proposal.status = status
    proposal.decided_by = editor
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decided_by", "decided_at"])


@transaction.atomic
def split_appearance(*, appearance: Appearance, editor, reason: str = "") -> Claim:
    """Give one appearance a claim of its own, worded as its quote."""
    _require(editor, MERGE_PERMISSION, "split claims")
    claim = _lock(appearance.claim, None)
    if claim.appearances.count() < 2:
        raise EditorialError("A claim's only appearance cannot be split off.")
    new_claim = Claim.objects.create(
        event=claim.event,
        text=appearance.quote,
        updated_by=editor,
        checkworthiness=assess(appearance.quote)[1],
    )
    Appearance.objects.filter(pk=appearance.pk).update(claim=new_claim)
    _bump(claim, editor, [])
    searching.refresh([claim.pk, new_claim.pk])
    audit.record(
        actor=editor,
        action=AuditEntry.Action.SPLIT,
        claim=claim,
        other_claim=new_claim,
        summary=f"Report in article {appearance.article_id} split off into claim {new_claim.pk}",
        reason=(reason or "").strip(),
        data={"article": appearance.article_id, "quote": appearance.quote},
    )
    refresh_event(claim.event)
    new_claim.refresh_from_db()
    return new_claim


@transaction.atomic
def set_event_published(*, event: Event, editor, published: bool) -> Event:
    _require(editor, PUBLISH_PERMISSION, "publish events")
    changed = Event.objects.filter(pk=event.pk).exclude(is_published=published)
    if changed.update(is_published=published):
        action = AuditEntry.Action.PUBLISH if published else AuditEntry.Action.UNPUBLISH
        audit.record(actor=editor, action=action, event=event, summary=action.label.capitalize())
    event.is_published = published
    return event


@transaction.atomic
def assign_claims(*, claims: list[Claim], assignee, editor, due_on=None) -> int:
    """Give claims to a desk member to review (by `due_on`, if given); None unassigns.

    Refused for merged or dismissed claims and for an assignee who may not review.
    Writes an audit entry per claim and, once committed, mails the assignee one notice.
    Returns how many claims changed hands.
    """
    _require(editor, REVIEW_PERMISSION, "assign claims")
    if assignee is not None and not may_be_assigned(assignee):
        raise EditorialError(f"{assignee.get_username()} may not review claims: choose an editor.")
    if not claims:
        raise EditorialError("No claims selected.")
    locked = list(
        Claim.objects.select_for_update(of=("self",))
        .filter(pk__in=[c.pk for c in claims])
        .order_by("pk")
    )
    refused = [
        c.pk for c in locked if c.merged_into_id or c.status == Claim.Status.NOT_CHECK_WORTHY
    ]
    if refused:
        raise EditorialError(
            f"Claim {', '.join(map(str, refused))}: merged or dismissed claims are not assigned."
        )
    changed = [
        c for c in locked if (c.assigned_to_id, c.due_on) != (getattr(assignee, "pk", None), due_on)
    ]
    who = assignee.get_username() if assignee is not None else "nobody"
    for claim in changed:
        audit.record(
            actor=editor,
            action=AuditEntry.Action.ASSIGN,
            claim=claim,
            summary=f"Assigned to {who}" + (f", due {due_on:%Y-%m-%d}" if due_on else ""),
            data={"assignee": getattr(assignee, "pk", None), "due_on": str(due_on or "")},
        )
        claim.assigned_to = assignee
        claim.due_on = due_on
        claim.save(update_fields=["assigned_to", "due_on", "updated_at"])
    if changed and assignee is not None and assignee.email and assignee != editor:
        transaction.on_commit(lambda: _mail_assignment(assignee, editor, changed, due_on))
    return len(changed)


def _mail_assignment(assignee, editor, claims: list[Claim], due_on) -> None:
    site = settings.FACTDESK_SITE_URL
    lines = [
        f"- {Truncator(c.text).chars(140)}\n  "
        f"{site}{reverse('admin:claims_claim_change', args=[c.pk])}"
        for c in claims
    ]
    due = f" by {due_on:%Y-%m-%d}" if due_on else ""
    what = "1 claim" if len(claims) == 1 else f"{len(claims)} claims"
    send_mail(
        subject=f"[{settings.FACTDESK_NAME}] {what} to review{due}",
        message=f"{editor.get_username()} asked you to review{due}:\n\n" + "\n".join(lines),
        from_email=None,
        recipient_list=[assignee.email],
    )
