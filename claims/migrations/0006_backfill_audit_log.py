"""Give the audit log the history recorded before it existed.

Reviews, wording changes and merges were already kept (reviews and wording changes with
their time; a merge with the absorbed claim's last save). Publications were not dated,
so they start with the next one.
"""

from django.db import migrations

LABELS = {"unreviewed": "awaiting review", "verified": "verified", "disputed": "disputed"}


def backfill(apps, schema_editor):
    AuditEntry = apps.get_model("claims", "AuditEntry")
    Review = apps.get_model("claims", "Review")
    WordingChange = apps.get_model("claims", "WordingChange")
    Claim = apps.get_model("claims", "Claim")
    if AuditEntry.objects.exists():
        return
    dated = []
    for review in Review.objects.select_related("claim").order_by("created_at", "id"):
        after = "reopened" if review.to_status == "unreviewed" else LABELS[review.to_status]
        entry = AuditEntry.objects.create(
            actor_id=review.editor_id,
            action="review",
            event_id=review.claim.event_id,
            claim_id=review.claim_id,
            summary=f"{after.capitalize()} (was {LABELS[review.from_status]})",
            reason=review.rationale,
            data={"from": review.from_status, "to": review.to_status, "variant_decisions": []},
        )
        dated.append((entry.pk, review.created_at))
    for change in WordingChange.objects.select_related("claim").order_by("created_at", "id"):
        entry = AuditEntry.objects.create(
            actor_id=change.editor_id,
            action="reword",
            event_id=change.claim.event_id,
            claim_id=change.claim_id,
            summary=f"Reworded from “{change.old_text[:79]}”",
            data={"old_text": change.old_text, "new_text": change.new_text, "reopened": False},
        )
        dated.append((entry.pk, change.created_at))
    for claim in Claim.objects.filter(merged_into__isnull=False).order_by("updated_at", "id"):
        entry = AuditEntry.objects.create(
            actor_id=claim.updated_by_id,
            action="merge",
            event_id=claim.event_id,
            claim_id=claim.pk,
            other_claim_id=claim.merged_into_id,
            summary=f"Merged into claim {claim.merged_into_id}",
            data={"into": claim.merged_into_id, "text": claim.text, "status": claim.status},
        )
        dated.append((entry.pk, claim.updated_at))
    # created_at is set on insert; the historical time is written afterwards.
    for pk, when in dated:
        AuditEntry.objects.filter(pk=pk).update(created_at=when)


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_variant_decisions_and_audit_log")]

    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
