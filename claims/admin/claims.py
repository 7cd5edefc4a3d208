"""The claim list and a claim's page: every report side by side, decisions, merges."""

from django import forms
from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from factdesk.paging import EstimatedCountPaginator

from .. import selectors, services, statuses
from ..models import (
    AuditEntry,
    Claim,
)
from .claim_actions import ClaimActions
from .filters import (
    AssigneeFilter,
    AssignForm,
    IndependentSourcesFilter,
    MergedFilter,
    NewReportFilter,
    ReportedBySourceFilter,
)
from .forms import ClaimWordingForm
from .inlines import EvidenceInline, ReviewInline, WordingChangeInline
from .records import audit_table, when_and_who

CONTEXT_CHARS = 160


@admin.register(Claim)
class ClaimAdmin(ClaimActions, admin.ModelAdmin):
    """The review queue: open claims first, the most check-worthy first among them."""

    form = ClaimWordingForm
    action_form = AssignForm
    list_display = [
        "short_text",
        "status_label",
        "sources_column",
        "assignee_column",
        "last_activity",
    ]
    list_display_links = ["short_text"]
    list_filter = [
        AssigneeFilter,
        NewReportFilter,
        "status",
        "event",
        ReportedBySourceFilter,
        "has_variants",
        IndependentSourcesFilter,
        MergedFilter,
    ]
    list_select_related = ["event", "assigned_to"]
    search_fields = ["text", "appearances__quote"]
    show_full_result_count = False
    # No COUNT(*) over the whole table per page on PostgreSQL (factdesk.paging).
    paginator = EstimatedCountPaginator
    list_per_page = 50
    fields = [
        "text",
        "version",
        "event",
        "decision",
        "merges",
        "counts",
        "variant_summary",
        "reports",
        "audit_history",
    ]
    readonly_fields = [
        "event",
        "decision",
        "merges",
        "counts",
        "variant_summary",
        "reports",
        "audit_history",
    ]
    inlines = [EvidenceInline, ReviewInline, WordingChangeInline]
    actions = [
        "verify_selected",
        "dispute_selected",
        "reopen_selected",
        "dismiss_selected",
        "assign_selected",
        "merge_selected",
    ]

    def get_queryset(self, request):
        # Merged claims are included so their pages stay reachable; the list's
        # MergedFilter leaves them out unless asked for. The order is the selectors'.
        queryset = selectors.desk_claims()
        if request.resolver_match and request.resolver_match.url_name.endswith("changelist"):
            # The list shows none of these; a claim of 30k reports has a tally of ~1 MB.
            queryset = queryset.defer("tally", "search_text", "variant_decisions", "rationale")
        return queryset

    def get_ordering(self, request):
        return list(selectors.DESK_ORDER)

    def changelist_view(self, request, extra_context=None):
        # Every claim, decided or not: the review queue is its own page (claims.workspace).
        extra_context = {"title": "All claims", **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def get_object(self, request, object_id, from_field=None):
        claim = super().get_object(request, object_id, from_field)
        if claim is not None:
            claim = Claim.objects.with_appearances().filter(pk=claim.pk).first()
        return claim

    def has_add_permission(self, request):
        return False  # claims come from ingestion; split creates them deliberately

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.merged_into_id:
            return False  # a merged claim is a record: read-only, its reports live elsewhere
        return super().has_change_permission(request, obj)

    def log_change(self, request, obj, message):
        pass  # services.edit_claim_wording writes the audit log (and its admin mirror)

    def has_delete_permission(self, request, obj=None):
        return False  # merging keeps history; deleting would lose it

    @admin.display(description="claim", ordering="text")
    def short_text(self, claim):
        text = claim.text if len(claim.text) <= 140 else claim.text[:137] + "…"
        if claim.new_report_at:
            text = format_html(
                '<span class="fd-new-report">new report since the decision</span> {}', text
            )
        if not claim.has_variants:
            return text
        values = " / ".join(v for variant in claim.variants for v in variant["values"])
        return format_html(
            '{} <span class="fd-variant" title="The reports differ: decide each value">≠ {}</span>',
            text,
            Truncator(values).chars(60),
        )

    @admin.display(description="status", ordering="status")
    def status_label(self, claim):
        label = claim.get_status_display()
        if claim.rating:
            label += f" ({claim.get_rating_display()})"
        css_class = statuses.BY_VALUE[claim.status].desk_css_class
        return format_html('<span class="fd-badge {}">{}</span>', css_class, label)

    @admin.display(description="sources", ordering="-source_count")
    def sources_column(self, claim):
        return f"{claim.source_count} ({claim.independent_source_count} indep.)"

    @admin.display(description="last activity", ordering="-updated_at")
    def last_activity(self, claim):
        return timezone.localtime(claim.updated_at).strftime("%Y-%m-%d %H:%M")

    @admin.display(description="assigned to", ordering="assigned_to__username")
    def assignee_column(self, claim):
        if not claim.assigned_to_id:
            return "—"
        due = ""
        if claim.due_on:
            late = claim.due_on < timezone.localdate() and claim.status == "unreviewed"
            due = format_html(
                '<br><span class="fd-due{}">{} {}</span>',
                " fd-late" if late else "",
                "overdue since" if late else "due",
                claim.due_on,
            )
        return format_html("{}{}", claim.assigned_to.get_username(), due)

    @admin.display(description="decision")
    def decision(self, claim):
        rationale = format_html("<p>{}</p>", claim.rationale) if claim.rationale else ""
        values = format_html_join(
            "",
            "<li>“{}” ({}): <strong>{}</strong></li>",
            ((d["value"], d["kind"], d["status"]) for d in claim.variant_decisions),
        )
        if values:
            values = format_html("<ul class='fd-values'>{}</ul>", values)
        if claim.merged_into_id:
            button = ""
        else:
            link = reverse("admin:claims_claim_review", args=[claim.pk])
            button = format_html(
                ' <a class="button" href="{}">Verify, dispute or reopen…</a>', link
            )
        return format_html(
            "<strong>{}</strong>{}{}{}", claim.get_status_display(), values, rationale, button
        )

    @admin.display(description="merges")
    def merges(self, claim):
        """Where a merged claim went, and what was merged into a surviving one."""
        parts = []
        if claim.merged_into_id:
            joined = claim.audit_entries.filter(action=AuditEntry.Action.MERGE).first()
            url = reverse("admin:claims_claim_change", args=[claim.merged_into_id])
            parts.append(
                format_html(
                    '<p class="fd-merged">Merged into <a href="{}">claim {}</a>{}. '
                    "Read-only: its reports moved there; its decisions stay here.</p>",
                    url,
                    claim.merged_into_id,
                    when_and_who(joined),
                )
            )
        absorbed = AuditEntry.objects.filter(
            action=AuditEntry.Action.MERGE, other_claim=claim
        ).select_related("actor", "claim")
        items = format_html_join(
            "",
            '<li><a href="{}">claim {}</a> “{}”{}</li>',
            (
                (
                    reverse("admin:claims_claim_change", args=[entry.claim_id]),
                    entry.claim_id,
                    Truncator(entry.claim.text).chars(100),
                    when_and_who(entry),
                )
                for entry in absorbed
            ),
        )
        if items:
            parts.append(format_html("<p>Merged into this claim:</p><ul>{}</ul>", items))
        return format_html_join("", "{}", ((p,) for p in parts)) if parts else "none"

    @admin.display(description="audit log (newest first)")
    def audit_history(self, claim):
        return audit_table(
            AuditEntry.objects.filter(Q(claim=claim) | Q(other_claim=claim)).distinct()
        )

    @admin.display(description="sources")
    def counts(self, claim):
        return f"{claim.source_count} sources, {claim.independent_source_count} independent"

    @admin.display(description="variants")
    def variant_summary(self, claim):
        if not claim.variants:
            return "none: the reports agree on numbers, dates, codes and stance"
        titles = {
            a.article_id: f"{a.article.source_label} (“{Truncator(a.article.title).words(10)}”)"
            for a in claim.appearances.all()
        }
        rows = []
        for variant in claim.variants:
            values = "; ".join(
                f"“{value}” in {', '.join(titles.get(i, f'article {i}') for i in ids)}"
                for value, ids in variant["values"].items()
            )
            rows.append((variant["kind"], values))
        return format_html_join(mark_safe("<br>"), "<strong>{}</strong>: {}", rows)

    @admin.display(description="every report, side by side")
    def reports(self, claim):
        marks = {v for variant in claim.variants for v in variant["values"]}
        # Reports that came in after the latest decision are what the editor has not seen.
        decided = claim.reviews.order_by("-created_at").values_list("created_at", flat=True)
        decided_at = decided.first() if claim.new_report_at else None
        rows = []
        for appearance in claim.appearances.all():
            article = appearance.article
            is_new = decided_at is not None and article.ingested_at > decided_at
            body = article.body
            before = body[max(0, appearance.start - CONTEXT_CHARS) : appearance.start]
            after = body[appearance.end : appearance.end + CONTEXT_CHARS]
            quote = escape(appearance.quote)
            for value in sorted(marks, key=len, reverse=True):
                quote = quote.replace(escape(value), f"<mark>{escape(value)}</mark>")
            split_url = reverse("admin:claims_appearance_split", args=[appearance.pk])
            rows.append(
                format_html(
                    "<tr{}><td>{}</td><td><a href='{}'>{}</a><br><small>{}</small></td>"
                    "<td class='fd-quote'>…{}<strong>{}</strong>{}…</td>"
                    "<td><a href='{}'>Split off…</a></td></tr>",
                    mark_safe(" class='fd-new-report-row' title='new since the decision'")
                    if is_new
                    else "",
                    format_html(
                        "<strong>new since the decision</strong><br><bdi>{}</bdi>",
                        article.source_label,
                    )
                    if is_new
                    else format_html("<bdi>{}</bdi>", article.source_label),
                    reverse("admin:articles_article_change", args=[article.pk]),
                    format_html("<bdi>{}</bdi>", article.title),
                    article.published_on or f"date unknown {article.date_phrase}".strip(),
                    before,
                    mark_safe(quote),
                    after,
                    split_url,
                )
            )
        return format_html(
            "<table class='fd-reports'><thead><tr><th>source</th><th>article</th>"
            "<th>the exact quote, in its context</th><th></th></tr></thead>"
            "<tbody>{}</tbody></table>",
            mark_safe("".join(rows)),
        )

    def save_model(self, request, obj, form, change):
        services.edit_claim_wording(
            claim=obj,
            editor=request.user,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class StaleCheckingForm(form):
            def clean(self):
                # The service checks again when saving; here the refusal lands on the form.
                cleaned = super().clean()
                current = Claim.objects.select_related("updated_by").get(pk=self.instance.pk)
                try:
                    services.refuse_if_stale(current, cleaned.get("version"))
                except services.StaleClaimError as refusal:
                    raise forms.ValidationError(str(refusal)) from refusal
                return cleaned

        return StaleCheckingForm
