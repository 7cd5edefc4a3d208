"""The desk's audit log: one row per editorial action, written by the service that acts.

Publishing, unpublishing, reviews, wording changes, merges and splits all land here (who,
when, what, why). Each entry is mirrored into the admin's own LogEntry table so that the
admin's "Recent actions" and each object's "History" show it too.
"""

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from .models import AuditEntry, Claim, Event

# The admin keeps at most this many characters of an object's description.
LOG_REPR_CHARS = 200


def record(
    *,
    actor,
    action: str,
    event: Event | None = None,
    claim: Claim | None = None,
    other_claim: Claim | None = None,
    summary: str,
    reason: str = "",
    data: dict | None = None,
) -> AuditEntry:
    """Write one audit entry (and its admin mirror) inside the caller's transaction."""
    entry = AuditEntry.objects.create(
        actor=actor,
        action=action,
        event_id=event.pk if event is not None else claim.event_id,
        claim=claim,
        other_claim=other_claim,
        summary=summary,
        reason=reason,
        data=data or {},
    )
    target = claim if claim is not None else event
    if actor is not None and actor.pk is not None:
        LogEntry.objects.create(
            user_id=actor.pk,
            content_type_id=ContentType.objects.get_for_model(type(target)).pk,
            object_id=str(target.pk),
            object_repr=Truncator(f"{summary}: {target}").chars(LOG_REPR_CHARS),
            action_flag=CHANGE,
            change_message=f"{summary}. {reason}".strip() if reason else summary,
        )
    return entry


def public_name(user) -> str:
    """How readers see who acted: a full name when the account has one, never a login."""
    name = user.get_full_name().strip() if user is not None else ""
    return name or _("an editor")
