"""Running the desk: publishing events and giving claims to editors."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.text import Truncator

from articles.services import PUBLISH_PERMISSION

from .. import audit, roles
from ..models import (
    AuditEntry,
    Claim,
    Event,
)
from .common import EditorialError, _require, may_be_assigned


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
    _require(editor, roles.REVIEW_PERMISSION, "assign claims")
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
