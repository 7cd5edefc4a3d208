"""The desk's records (audit log, reviews): shown, never edited or deleted."""

from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from ..models import (
    AuditEntry,
    Claim,
    Review,
)


def audit_table(entries) -> str:
    """Audit entries as a small table for a change page (who, when, what, why)."""
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                f"{timezone.localtime(e.created_at):%Y-%m-%d %H:%M}",
                e.actor.get_username() if e.actor else "—",
                e.summary,
                e.reason,
            )
            for e in entries.select_related("actor")
        ),
    )
    if not rows:
        return "nothing yet"
    return format_html(
        "<table class='fd-audit'><thead><tr><th>when</th><th>who</th><th>what</th>"
        "<th>why</th></tr></thead><tbody>{}</tbody></table>",
        rows,
    )


class RecordAdmin(admin.ModelAdmin):
    """A record of what happened: shown to the desk, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The claims are read-only here: no need for the review queue's ordering.
        kwargs.setdefault("queryset", Claim.objects.order_by("pk"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(RecordAdmin):
    """The audit log: every publication, review, rewording, merge and split. Read-only."""

    list_display = ["created_at", "actor", "action", "target", "summary", "reason"]
    list_filter = ["action", "event"]
    list_select_related = ["actor", "event", "claim"]
    search_fields = ["summary", "reason", "claim__text"]
    date_hierarchy = "created_at"
    show_full_result_count = False
    # Read-only fields render their value; a choice list of claims would take the claim
    # admin's queue ordering, which only the claim admin's own queryset can resolve.
    fields = ["created_at", "actor", "action", "event", "claim", "other_claim", "summary"]
    fields += ["reason", "data"]
    readonly_fields = fields

    @admin.display(description="event or claim")
    def target(self, entry):
        if entry.claim_id:
            url = reverse("admin:claims_claim_change", args=[entry.claim_id])
            return format_html('<a href="{}">claim {}</a>', url, entry.claim_id)
        url = reverse("admin:claims_event_change", args=[entry.event_id])
        return format_html('<a href="{}">{}</a>', url, entry.event)


@admin.register(Review)
class ReviewAdmin(RecordAdmin):
    """Reviews are the record of decisions: nobody edits or deletes them here."""

    list_display = ["claim", "editor", "from_status", "to_status", "created_at"]
    list_select_related = ["claim", "editor"]
    list_filter = ["to_status"]
    show_full_result_count = False
    # Shown, never edited: no form field, so no choice list of every claim is built
    # (which ClaimAdmin's queue ordering cannot sort).
    fields = ["claim", "editor", "from_status", "to_status", "rationale", "created_at"]
    readonly_fields = fields


def when_and_who(entry) -> str:
    if entry is None:
        return ""
    who = entry.actor.get_username() if entry.actor else "someone"
    return f" on {timezone.localtime(entry.created_at):%Y-%m-%d %H:%M} by {who}"
